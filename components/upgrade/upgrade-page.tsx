"use client";

import Link from "next/link";
import { useEffect, useId, useState } from "react";
import useSWR from "swr";
import { useSessionStream } from "@/components/hooks/use-session-stream";
import { buttonPrimary, card, errorNotice, NoticeBanner, Skeleton, type Notice } from "@/components/ui";
import { ApiError, apiFetch, fetchJson } from "@/lib/http/api-client";
import { describeUpgradeOutcome } from "@/lib/upgrade/format-upgrade";
import { UpgradePlanView } from "./upgrade-plan-view";
import { EMPTY_UPGRADE_PROGRESS, reduceUpgradeEvent, type UpgradeProgress } from "./upgrade-progress-state";
import { UpgradeProgressView } from "./upgrade-progress-view";
import {
  UPGRADE_EVENTS_URL,
  UPGRADE_HISTORY_URL,
  UPGRADE_PLAN_URL,
  UPGRADE_URL,
  type UpgradeEvent,
  type UpgradeHistoryResponse,
  type UpgradePlanResponse,
  type UpgradeSummary,
} from "./upgrade-types";

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";
const LEAVE_NOTE = "You can leave this page: the upgrade goes on, and the page follows it again when you return.";

/** A refused start: the runner's words, and the health report when the stack is not healthy. */
interface Refusal extends Notice {
  unhealthy: boolean;
}

/** Pick a target, read its plan, confirm, start. Shown when no upgrade runs. */
function PlanForm({ onStarted }: { onStarted: () => void }) {
  const [to, setTo] = useState<string | null>(null);
  const [confirmedReuse, setConfirmedReuse] = useState(false);
  const [starting, setStarting] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const selectId = useId();
  const url = to ? `${UPGRADE_PLAN_URL}?to=${encodeURIComponent(to)}` : UPGRADE_PLAN_URL;
  const { data, error, isLoading } = useSWR<UpgradePlanResponse>(url, fetchJson, {
    shouldRetryOnError: false,
    keepPreviousData: true,
  });

  const start = async (target: string) => {
    setStarting(true);
    setRefusal(null);
    try {
      await apiFetch(UPGRADE_URL, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ to: target, confirmReusedPostgres: confirmedReuse }),
      });
      onStarted();
    } catch (failure) {
      const body = failure instanceof ApiError ? failure.body : { code: "", message: "The upgrade could not start." };
      setRefusal({
        tone: "error",
        message: body.message,
        hint: body.hint,
        unhealthy: body.code === "conflict:stack_unhealthy",
      });
    } finally {
      setStarting(false);
    }
  };

  if (error && !data) {
    const notice: Notice = { ...errorNotice(error, "Could not plan the upgrade."), tone: "warning" };
    return <NoticeBanner live={false} notice={notice} />;
  }
  if (!data) return <Skeleton className="h-48" label="Planning the upgrade" />;
  const { plan } = data;
  if (!plan) {
    return (
      <p className="text-sm" data-testid="upgrade-current">
        {data.project} runs Temporal {data.from}, the newest release Mycelium can deploy: there is nothing to upgrade.
      </p>
    );
  }
  const canStart = !starting && !isLoading && (!data.reusedPostgres || confirmedReuse);
  return (
    <div className="space-y-4">
      <p className="text-sm" data-testid="upgrade-current">
        {data.project} runs Temporal <strong>{data.from}</strong>.
      </p>
      <div className="space-y-1">
        <label htmlFor={selectId} className="block text-sm font-medium">
          Upgrade to
        </label>
        <select
          id={selectId}
          value={plan.to}
          onChange={(event) => setTo(event.target.value)}
          disabled={starting}
          className={SELECT}
        >
          {data.targets.map((target, index) => (
            <option key={target} value={target}>
              {index === 0 ? `${target} (newest)` : target}
            </option>
          ))}
        </select>
      </div>
      <div aria-busy={isLoading}>
        <UpgradePlanView plan={plan} />
      </div>
      {data.reusedPostgres ? (
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={confirmedReuse}
            onChange={(event) => setConfirmedReuse(event.target.checked)}
          />
          <span>
            I have backed up both databases on the PostgreSQL this stack reuses, and the upgrade may change their
            schema.
          </span>
        </label>
      ) : null}
      <NoticeBanner notice={refusal}>
        {refusal?.unhealthy ? (
          <Link href="/health" className="mt-1 inline-block font-medium underline">
            Open the health report
          </Link>
        ) : null}
      </NoticeBanner>
      <button type="button" className={buttonPrimary} disabled={!canStart} onClick={() => start(plan.to)}>
        {starting ? "Checking the stack and its health…" : `Upgrade to Temporal ${plan.to}`}
      </button>
    </div>
  );
}

/** The project's upgrades, newest first, as `mycelium upgrade --status` lists them. */
function UpgradeHistory({ history }: { history: UpgradeHistoryResponse | undefined }) {
  if (!history || history.upgrades.length === 0) return null;
  return (
    <section className={`${card} space-y-2`} aria-labelledby="upgrade-history-heading">
      <h2 id="upgrade-history-heading" className="text-lg font-semibold">
        Past upgrades
      </h2>
      <ul className="space-y-1 text-sm">
        {history.upgrades.map((record) => (
          <li key={record.id} data-testid="upgrade-history-entry" data-state={record.state}>
            <time dateTime={record.startedAt}>{new Date(record.startedAt).toLocaleString()}</time>: Temporal{" "}
            {record.from} → {record.to}, {describeUpgradeOutcome(record)}
            {record.backupId ? (
              <span className="text-slate-600 dark:text-slate-400"> (backup {record.backupId} taken first)</span>
            ) : null}
            {record.error ? <span className="block text-red-800 dark:text-red-300">{record.error.message}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Upgrade Temporal: the latest upgrade from this dashboard followed live (replayed after a
 * reload or a visit elsewhere), else the plan to start one; the history below.
 */
export function UpgradePage() {
  // A new key remounts the stream after a start, so it follows the new session from its first event.
  const [follow, setFollow] = useState(0);
  return <UpgradeFlow key={follow} onStarted={() => setFollow((key) => key + 1)} />;
}

function UpgradeFlow({ onStarted }: { onStarted: () => void }) {
  const stream = useSessionStream<UpgradeSummary, UpgradeEvent & { at: number }, UpgradeProgress>(
    UPGRADE_EVENTS_URL,
    "upgrade",
    EMPTY_UPGRADE_PROGRESS,
    reduceUpgradeEvent,
  );
  const history = useSWR<UpgradeHistoryResponse>(UPGRADE_HISTORY_URL, fetchJson, { shouldRetryOnError: false });
  const { session, outcome, connection } = stream;
  const running = Boolean(session) && !outcome;
  const mutateHistory = history.mutate;
  useEffect(() => {
    // A step or the whole upgrade ended: the history has a new line.
    void mutateHistory();
  }, [outcome, stream.steps.length, mutateHistory]);
  const elsewhere = !session && history.data?.upgrades[0]?.state === "running";

  let followNotice: Notice | null = null;
  if (connection === "lost") {
    followNotice = {
      tone: "error",
      message: "Could not follow the upgrade: the dashboard refused or dropped the event stream.",
      hint: "Reload the page to try again.",
    };
  } else if (connection === "reconnecting") {
    followNotice = { tone: "warning", message: "The connection to the upgrade dropped; reconnecting…" };
  } else if (elsewhere) {
    followNotice = {
      tone: "info",
      message: "An upgrade of this project is running in another process (`mycelium upgrade`).",
      hint: "Its steps appear below as they finish; `mycelium upgrade --status` shows them too.",
    };
  }

  return (
    <div className="space-y-6">
      <NoticeBanner notice={followNotice} />
      {session === undefined && connection !== "lost" ? (
        <Skeleton className="h-48" label="Connecting to the upgrade" />
      ) : null}
      {session ? (
        <section className={`${card} space-y-3`} aria-labelledby="upgrade-run-heading">
          <h2 id="upgrade-run-heading" className="text-lg font-semibold">
            {running ? `Upgrading to Temporal ${session.to}` : `Upgrade to Temporal ${session.to}`}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Started{" "}
            <time dateTime={new Date(session.startedAt).toISOString()}>
              {new Date(session.startedAt).toLocaleString()}
            </time>
            {running ? `. ${LEAVE_NOTE}` : "."}
          </p>
          <UpgradeProgressView progress={stream} />
        </section>
      ) : null}
      {session !== undefined && !running && !elsewhere ? (
        <section className={`${card} space-y-3`} aria-labelledby="upgrade-plan-heading">
          <h2 id="upgrade-plan-heading" className="text-lg font-semibold">
            Plan an upgrade
          </h2>
          <PlanForm onStarted={onStarted} />
        </section>
      ) : null}
      <UpgradeHistory history={history.data} />
    </div>
  );
}
