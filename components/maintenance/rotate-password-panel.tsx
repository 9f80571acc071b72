"use client";

import { useState } from "react";
import { useDeployStream } from "@/components/deploy/use-deploy-stream";
import { buttonDanger, buttonSecondary, card, NoticeBanner, type Notice } from "@/components/ui";
import { ApiError, apiFetch } from "@/lib/http/api-client";
import { ROTATE_URL, type RotateResponse } from "./maintenance-types";

/** Follows the deploy that recreates the containers after a rotation, until it ends. */
function RedeployProgress() {
  const stream = useDeployStream();
  const { outcome } = stream;
  if (outcome?.type === "succeeded") {
    return (
      <NoticeBanner
        notice={{
          tone: "success",
          message: "Done: PostgreSQL and Temporal are running and healthy with the new password.",
        }}
      />
    );
  }
  if (outcome?.type === "failed") {
    return (
      <NoticeBanner
        notice={{
          tone: "error",
          message: `The password is changed and saved, but recreating the containers failed: ${outcome.error.message}`,
          hint: (
            `${outcome.error.hint ?? ""} Deploying again (the Deploy ` +
            `page, or \`mycelium deploy start\`) finishes the change.`
          ).trim(),
        }}
      />
    );
  }
  const steps = [...stream.containers.map((c) => c.message), ...stream.health.map((h) => `${h.service}: ${h.status}`)];
  return (
    <div
      role="status"
      className={
        "rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm " +
        "text-blue-950 dark:border-blue-900 dark:bg-blue-950 dark:text-blue-100"
      }
    >
      <p className="font-medium">Recreating the containers that use the password…</p>
      {steps.length ? (
        <ul className="mt-1 list-inside list-disc">
          {steps.map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * "Rotate the PostgreSQL password": says what happens before it happens, asks once more, then
 * shows the redeploy's progress. The password itself is never sent to the browser.
 */
export function RotatePasswordPanel({ disabled }: { disabled: boolean }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [following, setFollowing] = useState<number | null>(null);

  const rotate = async () => {
    setBusy(true);
    setNotice(null);
    setFollowing(null);
    try {
      const { data } = await apiFetch<RotateResponse>(ROTATE_URL, { method: "POST" });
      setAsking(false);
      setNotice({ tone: "info", message: "The password was changed and saved in the deployment's .env." });
      if (data.session) setFollowing(Date.now());
    } catch (error) {
      setNotice(
        error instanceof ApiError
          ? { tone: "error", message: error.body.message, hint: error.body.hint }
          : { tone: "error", message: "That did not work." },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={`${card} space-y-3`} aria-labelledby="password-heading">
      <div>
        <h2 id="password-heading" className="text-lg font-semibold">
          PostgreSQL password
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Gives the PostgreSQL role a new generated password (32 letters and digits) and saves it in the
          deployment&apos;s <code>.env</code> (mode 0600). It is never shown here. PostgreSQL and Temporal are then
          recreated with it, so Temporal is unavailable for a few seconds; the data is kept. Your own tools that connect
          with the old password need the new one from <code>.env</code>.
        </p>
      </div>
      {asking ? (
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm">Change the password and restart Temporal briefly?</span>
          <button type="button" className={buttonDanger} onClick={rotate} disabled={busy || disabled}>
            {busy ? "Changing the password…" : "Change the password now"}
          </button>
          <button type="button" className={buttonSecondary} onClick={() => setAsking(false)} disabled={busy}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className={buttonSecondary} onClick={() => setAsking(true)} disabled={disabled || busy}>
          Rotate the PostgreSQL password…
        </button>
      )}
      <NoticeBanner notice={notice} />
      {following ? <RedeployProgress key={following} /> : null}
    </section>
  );
}
