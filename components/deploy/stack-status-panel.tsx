"use client";

import { useId, useState } from "react";
import type { SWRResponse } from "swr";
import { apiFetch } from "@/lib/http/api-client";
import type { StopResponse } from "@/lib/http/api-contract";
import type { DownResponse, StatusResponse } from "./deploy-types";
import { buttonSecondary, card, errorNotice, NoticeBanner, type Notice } from "@/components/ui";
import { RemoveDataForm } from "./remove-data-form";
import { StackStatusBody } from "./stack-status-body";
import { describeDown, describeStopped } from "./stack-status-model";

type StackAction = "stop" | "down" | "purge";

/** The stack as the engine sees it now, with stop / remove / remove-data controls. */
export function StackStatusPanel({ status }: { status: SWRResponse<StatusResponse> }) {
  const [busy, setBusy] = useState<StackAction | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [purgeOpen, setPurgeOpen] = useState(false);
  const [confirmation, setConfirmation] = useState("");
  const purgeId = useId();

  const data = status.data;
  const running = data?.deploy?.state === "running";
  const hasData = Boolean(data && (data.deployed || data.volumes.length > 0));

  const closePurge = () => {
    setPurgeOpen(false);
    setConfirmation("");
  };

  const act = async (kind: StackAction) => {
    setBusy(kind);
    setNotice(null);
    try {
      if (kind === "stop") {
        const { data: result } = await apiFetch<StopResponse>("/api/deploy/stop", { method: "POST" });
        setNotice({ tone: "success", message: describeStopped(result.stopped) });
      } else {
        const { data: result } = await apiFetch<DownResponse>("/api/deploy/down", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ removeDataConfirmation: kind === "purge" ? confirmation : null }),
        });
        setNotice({ tone: "success", message: describeDown(result) });
        if (kind === "purge") closePurge();
      }
    } catch (error) {
      setNotice(errorNotice(error, "That did not work."));
    } finally {
      setBusy(null);
      void status.mutate();
    }
  };

  return (
    <section aria-labelledby="stack-status-heading" className={`${card} space-y-3`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="stack-status-heading" className="font-semibold">
          Stack status
        </h2>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            onClick={() => void act("stop")}
            disabled={busy !== null || running || !data?.deployed}
            title={running ? "Wait for the deploy to finish" : undefined}
            className={buttonSecondary}
          >
            {busy === "stop" ? "Stopping…" : "Stop"}
          </button>
          <button
            type="button"
            onClick={() => void act("down")}
            disabled={busy !== null || running || !data?.deployed}
            title="Removes the containers and the network; the data volumes are kept"
            className={buttonSecondary}
          >
            {busy === "down" ? "Removing…" : "Remove containers"}
          </button>
          <button
            type="button"
            onClick={() => setPurgeOpen((open) => !open)}
            disabled={busy !== null || running || !hasData}
            aria-expanded={purgeOpen}
            aria-controls={purgeId}
            className={buttonSecondary}
          >
            Remove data…
          </button>
        </div>
      </div>
      <NoticeBanner notice={notice} />
      {purgeOpen && data ? (
        <RemoveDataForm
          id={purgeId}
          project={data.project}
          volumes={data.volumes}
          confirmation={confirmation}
          removing={busy === "purge"}
          disabled={busy !== null}
          onConfirmationChange={setConfirmation}
          onConfirm={() => void act("purge")}
          onCancel={closePurge}
        />
      ) : null}
      <StackStatusBody status={status} />
    </section>
  );
}
