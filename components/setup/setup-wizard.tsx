"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { card } from "@/components/ui";
import { DockerStep } from "./docker-step";
import { ProjectStep } from "./project-step";
import { ReviewStep } from "./review-step";
import { useSetupValues } from "./use-setup-values";
import { VersionsStep } from "./versions-step";

const STEPS = [
  { id: "docker", title: "Docker" },
  { id: "project", title: "Project and ports" },
  { id: "versions", title: "Versions" },
  { id: "review", title: "Create the config" },
] as const;
type StepId = (typeof STEPS)[number]["id"];

/** The newcomer's path: Docker check, name and ports, versions, then the deploy wizard. */
export function SetupWizard() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const step = (STEPS.find((s) => s.id === searchParams.get("step"))?.id ?? "docker") as StepId;
  const [values, update] = useSetupValues();

  const goTo = (next: StepId) => router.push(`/setup?step=${next}`, { scroll: false });
  const index = STEPS.findIndex((s) => s.id === step);

  return (
    <div className="space-y-6">
      <ol className="flex flex-wrap gap-2 text-sm" aria-label="Setup steps">
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <Link
              href={`/setup?step=${s.id}`}
              aria-current={s.id === step ? "step" : undefined}
              className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 ${
                s.id === step
                  ? "border-blue-600 bg-blue-50 text-blue-900 dark:bg-blue-950 dark:text-blue-100"
                  : "border-slate-300 dark:border-slate-700"
              }`}
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
        {step === "project" ? (
          <ProjectStep values={values} update={update} onBack={() => goTo("docker")} onNext={() => goTo("versions")} />
        ) : null}
        {step === "versions" ? (
          <VersionsStep values={values} update={update} onBack={() => goTo("project")} onNext={() => goTo("review")} />
        ) : null}
        {step === "review" ? <ReviewStep values={values} onBack={() => goTo("versions")} /> : null}
      </section>
    </div>
  );
}
