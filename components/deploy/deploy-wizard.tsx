"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { ApiError, apiFetch, fetchJson } from "@/lib/http/api-client";
import dynamic from "next/dynamic";
import type { DeployOrigin } from "./deploy-follow-notice";
import { PLAN_URL, STATUS_URL, type DeployPlanResponse, type StatusResponse } from "./deploy-types";
import { EngineStep } from "./engine-step";

// Each step's code loads when the user reaches it: the first load stays small.
const ConfigReviewStep = dynamic(() => import("./config-review-step").then((m) => m.ConfigReviewStep));
const DecisionsStep = dynamic(() => import("./decisions-step").then((m) => m.DecisionsStep));
const PlanReviewStep = dynamic(() => import("./plan-review-step").then((m) => m.PlanReviewStep));
const DeployStep = dynamic(() => import("./deploy-step").then((m) => m.DeployStep));
const DoneStep = dynamic(() => import("./done-step").then((m) => m.DoneStep));
const StackStatusPanel = dynamic(() => import("./stack-status-panel").then((m) => m.StackStatusPanel));
import { useStackStatus } from "@/components/stack/use-stack-status";
import { card, errorNotice, NoticeBanner, type Notice } from "@/components/ui";
import { WizardStepper } from "./wizard-stepper";
import { parseStep, STEPS, stepHref, type StepId } from "./wizard-steps";

const PLAN_STEPS: StepId[] = ["engine", "decisions", "plan"];

/**
 * The deploy wizard. The step lives in the URL (`?step=…`), so reload and back/forward keep
 * the user's place; everything a step shows is read again from the server, never from memory.
 */
export function DeployWizard() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const step = parseStep(searchParams.get("step"));
  const stepIndex = STEPS.findIndex((s) => s.id === step);
  const current = STEPS[stepIndex]!;

  // Detection probes ports and asks the engine: only on the steps that show it, and not on focus.
  const plan = useSWR<DeployPlanResponse>(PLAN_STEPS.includes(step) ? PLAN_URL : null, fetchJson, {
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
    shouldRetryOnError: false,
  });
  // Fetched once, then kept current by the server's pushes on the engine's events.
  const status = useSWR<StatusResponse>(STATUS_URL, fetchJson);
  const live = useStackStatus();
  const mutateStatusData = status.mutate;
  useEffect(() => {
    if (live.kind === "live") void mutateStatusData(live.status, { revalidate: false });
  }, [live, mutateStatusData]);

  const [origin, setOrigin] = useState<DeployOrigin>(null);
  const [streamKey, setStreamKey] = useState(0);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<Notice | null>(null);

  const goTo = useCallback(
    (next: StepId, { replace = false }: { replace?: boolean } = {}) => {
      if (replace) router.replace(stepHref(next), { scroll: false });
      else router.push(stepHref(next), { scroll: false });
    },
    [router],
  );

  // Re-attach: a page opened while a deploy runs goes straight to the Deploy step.
  const attachChecked = useRef(false);
  useEffect(() => {
    if (attachChecked.current || status.data === undefined) return;
    attachChecked.current = true;
    if (status.data.deploy?.state === "running" && step !== "deploy") goTo("deploy", { replace: true });
  }, [status.data, step, goTo]);

  // Move focus to the new step's heading, so keyboard and screen-reader users follow along.
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    heading.current?.focus();
  }, [step]);

  const startDeploy = async () => {
    setStarting(true);
    setStartError(null);
    try {
      await apiFetch("/api/deploy", { method: "POST" });
      setOrigin("started");
      setStreamKey((key) => key + 1);
      goTo("deploy");
    } catch (error) {
      // A deploy already running is followed; a restore or backup holding the project is explained.
      if (error instanceof ApiError && error.body.code === "conflict:deploy_running") {
        setOrigin("conflict");
        setStreamKey((key) => key + 1);
        goTo("deploy");
      } else {
        setStartError(errorNotice(error, "The deploy could not be started."));
      }
    } finally {
      setStarting(false);
      void status.mutate();
    }
  };

  const mutateStatus = status.mutate;
  const onSucceeded = useCallback(() => {
    void mutateStatus();
    goTo("done");
  }, [goTo, mutateStatus]);

  const deployRunningElsewhere = status.data?.deploy?.state === "running" && step !== "deploy";

  let body;
  switch (step) {
    case "engine":
      body = <EngineStep plan={plan} onNext={() => goTo("config")} />;
      break;
    case "config":
      body = <ConfigReviewStep onBack={() => goTo("engine")} onNext={() => goTo("decisions")} />;
      break;
    case "decisions":
      body = <DecisionsStep plan={plan} onBack={() => goTo("config")} onNext={() => goTo("plan")} />;
      break;
    case "plan":
      body = (
        <PlanReviewStep
          plan={plan}
          starting={starting}
          startError={startError}
          onBack={() => goTo("decisions")}
          onFixConflicts={() => goTo("decisions")}
          onDeploy={() => void startDeploy()}
        />
      );
      break;
    case "deploy":
      body = (
        <DeployStep
          key={streamKey}
          origin={origin}
          starting={starting}
          onSucceeded={onSucceeded}
          onContinue={() => goTo("done")}
          onBackToPlan={() => goTo("plan")}
          onDeployAgain={() => void startDeploy()}
          onReconnect={() => setStreamKey((key) => key + 1)}
        />
      );
      break;
    case "done":
      body = <DoneStep status={status} onFollowDeploy={() => goTo("deploy")} onStartOver={() => goTo("engine")} />;
      break;
  }

  return (
    <div className="space-y-6">
      <WizardStepper current={step} />
      {deployRunningElsewhere ? (
        <NoticeBanner notice={{ tone: "info", message: "A deploy of this project is running." }}>
          <button type="button" onClick={() => goTo("deploy")} className="mt-2 rounded border border-current px-2 py-1">
            Follow it
          </button>
        </NoticeBanner>
      ) : null}
      <section aria-labelledby="step-heading" className={`${card} space-y-4`}>
        <div>
          {/* Focused by script on a step change; a heading needs no focus ring (the global one would win over a
              class). */}
          <h2
            id="step-heading"
            ref={heading}
            tabIndex={-1}
            style={{ outline: "none" }}
            className="text-lg font-semibold"
          >
            <span className="text-slate-500 dark:text-slate-400">
              {stepIndex + 1}/{STEPS.length} ·{" "}
            </span>
            {current.label}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{current.description}</p>
        </div>
        {body}
      </section>
      <StackStatusPanel status={status} />
    </div>
  );
}
