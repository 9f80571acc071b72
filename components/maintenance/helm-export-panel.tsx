"use client";

import { useState, type FormEvent } from "react";
import { buttonSecondary, card, CopyableCommand, errorNotice, NoticeBanner, type Notice } from "@/components/ui";
import { apiFetch } from "@/lib/http/api-client";
import { HELM_EXPORT_URL, type HelmExportResponse } from "./maintenance-types";

const input = "rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950";

/** Offers a text as a file download, without a round trip to the server. */
function DownloadLink({ name, text }: { name: string; text: string }) {
  return (
    <a
      className={`${buttonSecondary} inline-block`}
      download={name}
      href={`data:text/yaml;charset=utf-8,${encodeURIComponent(text)}`}
    >
      Download {name}
    </a>
  );
}

/**
 * "Run it on Kubernetes": the values.yaml for Temporal's Helm chart from this config, and the
 * install notes. The password never comes to the browser: the CLI writes the Secret manifest.
 */
export function HelmExportPanel() {
  const [host, setHost] = useState("");
  const [port, setPort] = useState("");
  const [user, setUser] = useState("");
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [result, setResult] = useState<HelmExportResponse | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    const query = new URLSearchParams({ postgresHost: host.trim() });
    if (port.trim()) query.set("postgresPort", port.trim());
    if (user.trim()) query.set("postgresUser", user.trim());
    try {
      setResult((await apiFetch<HelmExportResponse>(`${HELM_EXPORT_URL}?${query}`)).data);
    } catch (error) {
      setResult(null);
      setNotice(errorNotice(error, "The export did not work."));
    } finally {
      setBusy(false);
    }
  };

  const cliCommand = [
    `mycelium export helm --postgres-host ${host.trim() || "HOST"}`,
    port.trim() ? ` --postgres-port ${port.trim()}` : "",
    user.trim() ? ` --postgres-user ${user.trim()}` : "",
  ].join("");

  return (
    <section className={`${card} space-y-3`} aria-labelledby="helm-heading">
      <div>
        <h2 id="helm-heading" className="text-lg font-semibold">
          Export for Kubernetes (Helm)
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A <code>values.yaml</code> for Temporal&apos;s Helm chart (temporalio/helm-charts 1.x) from this config: the
          same images, history shards, namespace, dynamic config and limits. The chart bundles no database: give the
          PostgreSQL server the cluster&apos;s pods reach. The password stays out of the values, in a Secret.
        </p>
      </div>
      <form className="flex flex-wrap items-end gap-2" onSubmit={submit}>
        <label className="flex flex-col text-sm">
          PostgreSQL host
          <input
            className={input}
            value={host}
            onChange={(event) => setHost(event.target.value)}
            placeholder="postgres.example.com"
            required
          />
        </label>
        <label className="flex flex-col text-sm">
          Port
          <input
            className={`${input} w-24`}
            value={port}
            onChange={(event) => setPort(event.target.value)}
            inputMode="numeric"
            placeholder="5432"
          />
        </label>
        <label className="flex flex-col text-sm">
          User
          <input
            className={input}
            value={user}
            onChange={(event) => setUser(event.target.value)}
            placeholder="from the config"
          />
        </label>
        <button type="submit" className={buttonSecondary} disabled={busy || !host.trim()}>
          {busy ? "Exporting…" : "Show the values"}
        </button>
      </form>
      <NoticeBanner notice={notice} />
      {result ? (
        <div className="space-y-3">
          <CopyableCommand command={result.valuesYaml} label={result.files.values} />
          <div className="flex flex-wrap gap-2">
            <DownloadLink name={result.files.values} text={result.valuesYaml} />
            <DownloadLink name={result.files.notes} text={result.notes} />
          </div>
          <p className="text-sm">
            The Secret <code>{result.secret.name}</code> (namespace <code>{result.secret.namespace}</code>, key{" "}
            <code>{result.secret.key}</code>) holds the password and is never shown here. The CLI writes its manifest
            with mode 0600 when it knows the password (from <code>MYCELIUM_POSTGRES_PASSWORD</code>, or a reused
            server&apos;s), beside these files:
          </p>
          <CopyableCommand command={cliCommand} />
          <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs dark:bg-slate-950">{result.notes}</pre>
        </div>
      ) : null}
    </section>
  );
}
