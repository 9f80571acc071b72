"use client";

import { useId, useState, type FormEvent } from "react";
import useSWR from "swr";
import { MIN_RETENTION_HOURS, NAMESPACE_NAME_PATTERN } from "@/lib/temporal/namespace-name";
import { ApiError, apiFetch, fetchJson } from "@/lib/http/api-client";
import type { NamespacesResponse } from "@/lib/http/api-contract";
import { Badge, buttonPrimary, card, NoticeBanner, Skeleton, type Notice } from "@/components/ui";
import { formatRetention, NAMESPACES_URL } from "./health-model";

const DEFAULT_RETENTION_HOURS = "72";

const STATE_TONE = { registered: "green", deprecated: "amber", deleted: "red", unspecified: "slate" } as const;

function listProblem(error: unknown): Notice {
  if (error instanceof ApiError) {
    if (error.body.code === "unavailable:temporal") {
      return {
        tone: "info",
        message: "Temporal is not reachable right now, so its namespaces cannot be listed.",
        hint: "They show up here once Temporal answers again; the report above says why it does not.",
      };
    }
    if (error.body.code.endsWith(":config") || error.body.code.endsWith(":config_invalid")) {
      return { tone: "info", message: "Namespaces can be listed once the config is valid and the stack is deployed." };
    }
    return { tone: "warning", message: error.body.message, hint: error.body.hint };
  }
  return { tone: "warning", message: "The namespaces could not be listed." };
}

/** A server refusal, said plainly: the name is taken, the retention is too short, Temporal is down. */
function registerProblem(error: unknown, name: string): Notice {
  if (!(error instanceof ApiError)) return { tone: "error", message: `Namespace ${name} could not be registered.` };
  switch (error.body.code) {
    case "conflict:namespace_exists":
      return {
        tone: "error",
        message: `Namespace ${name} already exists.`,
        hint: "Pick another name, or use the existing namespace.",
      };
    case "bad_request:namespace_retention":
      return { tone: "error", message: `The retention is too short: ${error.body.message}`, hint: error.body.hint };
    case "unavailable:temporal":
      return { tone: "error", message: "Temporal is not reachable, so nothing was registered.", hint: error.body.hint };
  }
  return { tone: "error", message: error.body.message, hint: error.body.hint };
}

/** The guide's "Custom Temporal Namespaces": what exists, and a form to register one. */
export function NamespacesPanel({ enabled }: { enabled: boolean }) {
  const list = useSWR<NamespacesResponse>(enabled ? NAMESPACES_URL : null, fetchJson, {
    shouldRetryOnError: false,
    revalidateOnFocus: false,
  });
  const nameId = useId();
  const retentionId = useId();
  const descriptionId = useId();
  const nameErrorId = useId();
  const retentionErrorId = useId();

  const [name, setName] = useState("");
  const [retention, setRetention] = useState(DEFAULT_RETENTION_HOURS);
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<{ name?: string; retention?: string }>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const hours = Number(retention);
    const found: typeof errors = {};
    if (!NAMESPACE_NAME_PATTERN.test(trimmed))
      found.name = "Use 2–255 letters, digits, '.', '_' or '-', starting with a letter or digit.";
    if (retention.trim() === "" || !Number.isInteger(hours) || hours < MIN_RETENTION_HOURS) {
      found.retention =
        `Retention must be a whole number of hours, at least ` + `${MIN_RETENTION_HOURS} (Temporal refuses less).`;
    }
    setErrors(found);
    setNotice(null);
    if (found.name || found.retention) return;
    setBusy(true);
    try {
      await apiFetch(NAMESPACES_URL, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name: trimmed,
          retentionHours: hours,
          ...(description.trim() ? { description: description.trim() } : {}),
        }),
      });
      setNotice({ tone: "success", message: `Registered namespace ${trimmed} (retention ${formatRetention(hours)}).` });
      setName("");
      setDescription("");
      await list.mutate();
    } catch (error) {
      setNotice(registerProblem(error, trimmed));
    } finally {
      setBusy(false);
    }
  };

  const input = "w-full rounded-md border bg-white px-2 py-1 text-sm dark:bg-slate-900";
  const inputBorder = (invalid: boolean) =>
    invalid ? "border-red-500 dark:border-red-500" : "border-slate-300 dark:border-slate-700";

  return (
    <section aria-labelledby="namespaces-heading" className={`${card} space-y-3`} data-testid="namespaces">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="namespaces-heading" className="text-base font-semibold">
          Namespaces
        </h2>
        {enabled ? (
          <button
            type="button"
            className="text-xs text-blue-700 underline dark:text-blue-300"
            onClick={() => void list.mutate()}
            disabled={list.isValidating}
          >
            {list.isValidating ? "Refreshing…" : "Refresh"}
          </button>
        ) : null}
      </div>

      {!enabled ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Namespaces can be listed once the config is valid.</p>
      ) : null}
      {enabled && list.error && !list.data ? <NoticeBanner notice={listProblem(list.error)} live={false} /> : null}
      {enabled && !list.data && !list.error ? <Skeleton className="h-20" label="Loading the namespaces" /> : null}
      {list.data ? (
        list.data.namespaces.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No namespaces yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table
              className="w-full table-fixed text-left text-sm"
              aria-label="Namespaces"
              data-testid="namespace-table"
            >
              <thead className="text-xs uppercase text-slate-500 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="w-24 py-1 pr-2 font-medium">
                    State
                  </th>
                  <th scope="col" className="w-20 py-1 text-right font-medium">
                    Retention
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {list.data.namespaces.map((ns) => (
                  <tr key={ns.id || ns.name} data-testid={`namespace-${ns.name}`}>
                    <td className="py-1 pr-2">
                      <span className="block truncate font-medium" title={ns.name}>
                        {ns.name}
                      </span>
                      {ns.description ? (
                        <span
                          className="block truncate text-xs text-slate-500 dark:text-slate-400"
                          title={ns.description}
                        >
                          {ns.description}
                        </span>
                      ) : null}
                    </td>
                    <td className="py-1 pr-2">
                      <Badge tone={STATE_TONE[ns.state]}>{ns.state}</Badge>
                    </td>
                    <td className="py-1 text-right tabular-nums">{formatRetention(ns.retentionHours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}

      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        className="space-y-2 border-t border-slate-100 pt-3 dark:border-slate-800"
        aria-labelledby="register-heading"
      >
        <h3 id="register-heading" className="text-sm font-semibold">
          Register a namespace
        </h3>
        <div className="grid gap-2 sm:grid-cols-[1fr_8rem]">
          <div>
            <label htmlFor={nameId} className="block text-xs font-medium">
              Name
            </label>
            <input
              id={nameId}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              autoComplete="off"
              spellCheck={false}
              placeholder="e.g. production"
              aria-invalid={Boolean(errors.name)}
              aria-describedby={errors.name ? nameErrorId : undefined}
              className={`${input} ${inputBorder(Boolean(errors.name))}`}
            />
          </div>
          <div>
            <label htmlFor={retentionId} className="block text-xs font-medium">
              Retention (hours)
            </label>
            <input
              id={retentionId}
              type="number"
              inputMode="numeric"
              min={MIN_RETENTION_HOURS}
              step={1}
              value={retention}
              onChange={(e) => setRetention(e.target.value)}
              required
              aria-invalid={Boolean(errors.retention)}
              aria-describedby={errors.retention ? retentionErrorId : undefined}
              className={`${input} ${inputBorder(Boolean(errors.retention))}`}
            />
          </div>
        </div>
        {errors.name ? (
          <p id={nameErrorId} className="text-xs text-red-700 dark:text-red-300">
            {errors.name}
          </p>
        ) : null}
        {errors.retention ? (
          <p id={retentionErrorId} className="text-xs text-red-700 dark:text-red-300" data-testid="retention-error">
            {errors.retention}
          </p>
        ) : null}
        <div>
          <label htmlFor={descriptionId} className="block text-xs font-medium">
            Description <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
          </label>
          <input
            id={descriptionId}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={1000}
            className={`${input} ${inputBorder(false)}`}
          />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" className={buttonPrimary} disabled={busy || !enabled} aria-busy={busy}>
            {busy ? "Registering…" : "Register"}
          </button>
        </div>
        <div data-testid="namespace-notice">
          <NoticeBanner notice={notice} />
        </div>
      </form>
    </section>
  );
}
