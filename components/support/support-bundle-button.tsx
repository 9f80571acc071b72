"use client";

import { useState } from "react";
import { buttonSecondary, errorNotice, NoticeBanner, type Notice } from "@/components/ui";
import { ApiError, type ApiErrorBody } from "@/lib/http/api-client";

/**
 * One click to an archive for a bug report (the guide's "file an issue with the deployment
 * report attached"): the health report, config, generated files, container states and
 * recent logs, with every secret redacted on the server.
 */
export function SupportBundleButton() {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const download = async () => {
    setBusy(true);
    setNotice(null);
    try {
      // Not apiFetch: the answer is an archive, read as a blob; only a failure is JSON.
      const response = await fetch("/api/support-bundle", { method: "POST" });
      if (!response.ok) {
        const payload = (await response.json().catch(() => null)) as { error?: ApiErrorBody } | null;
        throw new ApiError(
          response.status,
          payload?.error ?? { code: "internal:unknown", message: `The server answered ${response.status}.` },
          payload,
        );
      }
      const name =
        /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "mycelium-support.tar.gz";
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement("a"), { href: url, download: name });
      link.click();
      URL.revokeObjectURL(url);
      setNotice({
        tone: "success",
        message: `Saved ${name}.`,
        hint: "Secrets are redacted; attach it to your bug report.",
      });
    } catch (error) {
      setNotice(errorNotice(error, "Could not make the support bundle."));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-2">
      <button type="button" className={buttonSecondary} onClick={() => void download()} disabled={busy}>
        {busy ? "Collecting…" : "Download a support bundle"}
      </button>
      <NoticeBanner notice={notice} />
    </div>
  );
}
