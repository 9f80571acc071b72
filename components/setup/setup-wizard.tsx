"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import useSWR from "swr";
import { defaultDbPlugin, deployableTemporalVersions, officialTemporalImage, parseVersion, postgresCompatibility } from "@/lib/config/compat";
import { NEWCOMER_VERSIONS } from "@/lib/config/newcomer-defaults";
import type { ConfigResponse, EngineResponse, PortsResponse } from "@/lib/http/api-contract";
import { DOCKER_HELP, DOCKER_INSTALL } from "@/lib/docker/docker-help";
import { ApiError, apiFetch, fetchJson } from "@/lib/http/api-client";
import { buttonPrimary, buttonSecondary, card, HintText, NoticeBanner, type Notice } from "@/components/ui";

const STEPS = [
  { id: "docker", title: "Docker" },
  { id: "project", title: "Project and ports" },
  { id: "versions", title: "Versions" },
  { id: "review", title: "Create the config" },
] as const;
type StepId = (typeof STEPS)[number]["id"];

const TEMPORAL_VERSIONS = deployableTemporalVersions();
const POSTGRES_VERSIONS = ["12", "13", "14", "15.3", "15", "16", "17", "18"];

interface SetupValues {
  projectName: string;
  postgresPort: string;
  temporalPort: string;
  uiPort: string;
  temporalVersion: string;
  postgresVersion: string;
  postgresImage: string;
  temporalImage: string;
  uiImage: string;
}

const DEFAULTS: SetupValues = {
  projectName: "temporal-deployment",
  postgresPort: "5432",
  temporalPort: "7233",
  uiPort: "8080",
  temporalVersion: NEWCOMER_VERSIONS.temporal,
  postgresVersion: NEWCOMER_VERSIONS.postgres,
  postgresImage: "",
  temporalImage: "",
  uiImage: "",
};

// The form survives a reload and back/forward within the tab.
const STORAGE_KEY = "mycelium.setup";

function loadValues(): SetupValues {
  try {
    return { ...DEFAULTS, ...(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "{}") as Partial<SetupValues>) };
  } catch {
    return DEFAULTS;
  }
}

const PROJECT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The config edits the answers amount to; untouched defaults are left to the file's defaults. */
function toEdits(values: SetupValues): Record<string, string | number> {
  const edits: Record<string, string | number> = {
    project_name: values.projectName,
    "services.postgres.port": Number(values.postgresPort),
    "services.postgres.version": values.postgresVersion,
    "services.temporal.frontend_port": Number(values.temporalPort),
    "services.temporal.ui_port": Number(values.uiPort),
    "services.temporal.version": values.temporalVersion,
  };
  if (values.postgresImage.trim()) edits["services.postgres.image"] = values.postgresImage.trim();
  if (values.temporalImage.trim()) edits["services.temporal.image"] = values.temporalImage.trim();
  if (values.uiImage.trim()) edits["services.temporal.ui_image"] = values.uiImage.trim();
  return edits;
}

/** The newcomer's path: Docker check, name and ports, versions, then the deploy wizard. */
export function SetupWizard() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const step = (STEPS.find((s) => s.id === searchParams.get("step"))?.id ?? "docker") as StepId;
  // Rendered in the browser only (useSearchParams under Suspense), so sessionStorage is there.
  const [values, setValues] = useState<SetupValues>(() => (typeof window === "undefined" ? DEFAULTS : loadValues()));
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);

  const update = (patch: Partial<SetupValues>) => {
    setValues((current) => {
      const next = { ...current, ...patch };
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      return next;
    });
  };
  const goTo = (next: StepId) => router.push(`/setup?step=${next}`, { scroll: false });
  const index = STEPS.findIndex((s) => s.id === step);

  const createConfig = async () => {
    setSaving(true);
    setNotice(null);
    try {
      const current = await fetchJson<ConfigResponse>("/api/config");
      await apiFetch("/api/config", {
        method: "PUT",
        headers: { "content-type": "application/json", "if-match": current.etag },
        body: JSON.stringify({ edits: toEdits(values) }),
      });
      sessionStorage.removeItem(STORAGE_KEY);
      router.push("/deploy?step=plan");
    } catch (error) {
      const body = error instanceof ApiError ? error.body : { message: "Could not save the config.", hint: undefined };
      setNotice({ tone: "error", message: body.message, hint: body.hint });
      setSaving(false);
    }
  };

  return (
    <div className="space-y-6">
      <ol className="flex flex-wrap gap-2 text-sm" aria-label="Setup steps">
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <Link
              href={`/setup?step=${s.id}`}
              aria-current={s.id === step ? "step" : undefined}
              className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 ${s.id === step ? "border-blue-600 bg-blue-50 text-blue-900 dark:bg-blue-950 dark:text-blue-100" : "border-slate-300 dark:border-slate-700"}`}
            >
              <span className="font-semibold">{i + 1}</span> {s.title}
            </Link>
          </li>
        ))}
      </ol>
      <section className={card} aria-labelledby="setup-step-title">
        <h2 id="setup-step-title" className="text-lg font-semibold">
          {index + 1}/{STEPS.length} · {STEPS[index]!.title}
        </h2>
        {step === "docker" ? <DockerStep onNext={() => goTo("project")} /> : null}
        {step === "project" ? <ProjectStep values={values} update={update} onBack={() => goTo("docker")} onNext={() => goTo("versions")} /> : null}
        {step === "versions" ? <VersionsStep values={values} update={update} onBack={() => goTo("project")} onNext={() => goTo("review")} /> : null}
        {step === "review" ? (
          <div className="mt-3 space-y-3 text-sm">
            <p>Mycelium writes these answers into a commented config file you can edit later, then shows you the deploy plan.</p>
            <pre tabIndex={0} aria-label="Your answers" className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs dark:bg-slate-800" data-testid="setup-summary">
              {Object.entries(toEdits(values)).map(([field, value]) => `${field}: ${value}`).join("\n")}
            </pre>
            {notice ? <NoticeBanner notice={notice} /> : null}
            <div className="flex gap-2">
              <button type="button" className={buttonSecondary} onClick={() => goTo("versions")}>Back</button>
              <button type="button" className={buttonPrimary} onClick={() => void createConfig()} disabled={saving}>
                {saving ? "Saving…" : "Create the config and review the deploy"}
              </button>
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function DockerStep({ onNext }: { onNext(): void }) {
  const { data, error, isValidating, mutate } = useSWR<EngineResponse>("/api/engine", fetchJson, { shouldRetryOnError: false });
  const problem = error instanceof ApiError ? error.body : null;
  return (
    <div className="mt-3 space-y-3 text-sm" aria-live="polite">
      {!data && !error ? <p>Looking for your Docker engine…</p> : null}
      {data ? (
        <p role="status" className="text-emerald-800 dark:text-emerald-200">
          ✓ Docker {data.engine.version} is running ({data.engine.os}/{data.engine.arch}).
        </p>
      ) : null}
      {problem ? (
        <div role="alert" className="space-y-2">
          <p className="font-medium text-red-800 dark:text-red-200">{problem.message}</p>
          {problem.hint ? <HintText text={problem.hint} /> : null}
          <details>
            <summary className="cursor-pointer">Not installed yet, or on another system?</summary>
            <dl className="mt-2 grid gap-2 sm:grid-cols-[auto_1fr]">
              {(["linux", "macos", "windows"] as const).map((os) => (
                <div key={os} className="contents">
                  <dt className="font-medium capitalize">{os === "macos" ? "macOS" : os}</dt>
                  <dd>
                    <HintText text={`${DOCKER_INSTALL[os]} ${DOCKER_HELP[os]}`} />
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        </div>
      ) : null}
      <div className="flex gap-2">
        <button type="button" className={buttonSecondary} onClick={() => void mutate()} disabled={isValidating}>
          Check again
        </button>
        <button type="button" className={buttonPrimary} onClick={onNext} disabled={!data}>
          Next
        </button>
      </div>
    </div>
  );
}

interface StepProps {
  values: SetupValues;
  update(patch: Partial<SetupValues>): void;
  onBack(): void;
  onNext(): void;
}

const inputClass = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 dark:border-slate-700 dark:bg-slate-900";

function ProjectStep({ values, update, onBack, onNext }: StepProps) {
  const portFields = [
    { key: "postgresPort", label: "PostgreSQL port" },
    { key: "temporalPort", label: "Temporal gRPC port" },
    { key: "uiPort", label: "Temporal UI port" },
  ] as const;
  const ports = portFields.map((f) => values[f.key]).join(",");
  const [debouncedPorts, setDebouncedPorts] = useState(ports);
  useEffect(() => {
    const timer = setTimeout(() => setDebouncedPorts(ports), 300);
    return () => clearTimeout(timer);
  }, [ports]);
  const validPorts = debouncedPorts.split(",").every((p) => /^\d{1,5}$/.test(p) && Number(p) >= 1 && Number(p) <= 65535);
  const { data } = useSWR<PortsResponse>(validPorts ? `/api/ports?ports=${debouncedPorts}` : null, fetchJson);
  const nameOk = PROJECT_NAME.test(values.projectName);
  const duplicates = new Set(portFields.map((f) => values[f.key])).size < portFields.length;
  const busy = data?.ports.filter((p) => !p.free) ?? [];

  return (
    <div className="mt-3 space-y-4 text-sm">
      <label className="block">
        <span className="font-medium">Project name</span>
        <input className={inputClass} value={values.projectName} onChange={(e) => update({ projectName: e.target.value })} aria-invalid={!nameOk} aria-describedby="project-help" />
        <span id="project-help" className={`mt-1 block text-xs ${nameOk ? "text-slate-600 dark:text-slate-400" : "text-red-700 dark:text-red-300"}`}>
          {nameOk ? `Containers will be named ${values.projectName}-postgres, ${values.projectName}-temporal…` : "Use a–z, 0–9 and '-', starting with a letter or digit (at most 63)."}
        </span>
      </label>
      <div className="grid gap-3 sm:grid-cols-3">
        {portFields.map((field) => {
          const availability = data?.ports.find((p) => String(p.port) === values[field.key]);
          return (
            <label key={field.key} className="block">
              <span className="font-medium">{field.label}</span>
              <input className={inputClass} inputMode="numeric" value={values[field.key]} onChange={(e) => update({ [field.key]: e.target.value })} />
              <span className="mt-1 block min-h-4 text-xs" data-testid={`port-hint-${field.key}`}>
                {!availability ? "" : availability.free ? (
                  <span className="text-emerald-700 dark:text-emerald-300">free</span>
                ) : (
                  <span className="text-red-700 dark:text-red-300">
                    taken by {availability.holder}
                    {availability.suggestion ? (
                      <>
                        {" "}·{" "}
                        <button type="button" className="underline" onClick={() => update({ [field.key]: String(availability.suggestion) })}>
                          use {availability.suggestion}
                        </button>
                      </>
                    ) : null}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
      {duplicates ? <p role="alert" className="text-red-700 dark:text-red-300">Two services cannot share a port.</p> : null}
      <details>
        <summary className="cursor-pointer">Images (private registry or offline install)</summary>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          {(
            [
              { key: "postgresImage", label: "PostgreSQL image", placeholder: `postgres:${values.postgresVersion}` },
              { key: "temporalImage", label: "Temporal image", placeholder: officialTemporalImage(values.temporalVersion) },
              { key: "uiImage", label: "Temporal UI image", placeholder: "temporalio/ui (paired version)" },
            ] as const
          ).map((field) => (
            <label key={field.key} className="block">
              <span className="font-medium">{field.label}</span>
              <input className={inputClass} placeholder={field.placeholder} value={values[field.key]} onChange={(e) => update({ [field.key]: e.target.value })} />
            </label>
          ))}
        </div>
      </details>
      <div className="flex gap-2">
        <button type="button" className={buttonSecondary} onClick={onBack}>Back</button>
        <button type="button" className={buttonPrimary} onClick={onNext} disabled={!nameOk || duplicates || !validPorts}>
          {busy.length > 0 ? "Next (some ports are taken)" : "Next"}
        </button>
      </div>
    </div>
  );
}

function VersionsStep({ values, update, onBack, onNext }: StepProps) {
  const verdict = useMemo(() => {
    const temporal = parseVersion(values.temporalVersion);
    const postgres = parseVersion(values.postgresVersion);
    if (!temporal || !postgres) return null;
    const plugin = defaultDbPlugin(temporal, postgres);
    return { plugin, ...postgresCompatibility(temporal, postgres, plugin) };
  }, [values.temporalVersion, values.postgresVersion]);
  const tone = verdict?.level === "supported" ? "text-emerald-800 dark:text-emerald-200" : verdict?.level === "untested" ? "text-amber-800 dark:text-amber-200" : "text-red-800 dark:text-red-200";
  return (
    <div className="mt-3 space-y-4 text-sm">
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block">
          <span className="font-medium">Temporal server</span>
          <select className={inputClass} value={values.temporalVersion} onChange={(e) => update({ temporalVersion: e.target.value })}>
            {TEMPORAL_VERSIONS.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="font-medium">PostgreSQL</span>
          <select className={inputClass} value={values.postgresVersion} onChange={(e) => update({ postgresVersion: e.target.value })}>
            {POSTGRES_VERSIONS.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
      </div>
      {verdict ? (
        <p role="status" className={tone} data-testid="compat-hint">
          {verdict.level === "supported" ? "✓ " : verdict.level === "untested" ? "⚠ " : "✗ "}
          {verdict.reason[0]!.toUpperCase() + verdict.reason.slice(1)}. Temporal will use the {verdict.plugin} plugin.
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="button" className={buttonSecondary} onClick={onBack}>Back</button>
        <button type="button" className={buttonPrimary} onClick={onNext} disabled={verdict?.level === "incompatible"}>
          Next
        </button>
      </div>
    </div>
  );
}
