"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { formatConfigSummary } from "@/lib/config/config-summary";
import type { Finding } from "@/lib/config/findings";
import type { ConfigResponse } from "@/lib/http/api-contract";
import type { ConfigCheckResponse as Inspection } from "@/lib/http/api-contract";
import type { FieldReference } from "@/lib/config/field-reference";
import { ApiError, apiFetch, fetchJson } from "@/lib/http/api-client";
import { NoticeBanner, type Notice } from "@/components/ui";
import { FindingsList } from "./findings-list";
import { YamlEditor, type YamlEditorHandle } from "./yaml-editor";

/** A save refused because the file changed on disk offers to reload it or to save over it. */
type EditorNotice = (Notice & { conflict?: boolean }) | null;

const NO_FINDINGS: Finding[] = [];

const VALIDATE_DEBOUNCE_MS = 250;

/** The config file in a YAML editor, its problems, and the guide's summary once it is valid. */
export function ConfigEditor({ reference }: { reference: readonly FieldReference[] }) {
  // No revalidation on focus: a refetch must never replace what the user is typing.
  const {
    data: stored,
    error: loadError,
    mutate,
  } = useSWR<ConfigResponse>("/api/config", fetchJson, {
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
  });
  const [draft, setDraft] = useState<string | null>(null);
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const [notice, setNotice] = useState<EditorNotice>(null);
  const [busy, setBusy] = useState(false);
  const editorRef = useRef<YamlEditorHandle>(null);

  const text = draft ?? stored?.text ?? "";
  const dirty = stored !== undefined && draft !== null && draft !== stored.text;
  const current = inspection ?? stored ?? null;
  const findings = current?.findings ?? NO_FINDINGS;

  // Debounced live validation of what is in the editor.
  useEffect(() => {
    if (draft === null) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const { data } = await apiFetch<Inspection>("/api/config/validate", {
          method: "POST",
          headers: { "content-type": "application/yaml" },
          body: draft,
          signal: controller.signal,
        });
        setInspection(data);
      } catch (error) {
        if (error instanceof ApiError) {
          setInspection({
            valid: false,
            config: null,
            findings: [
              {
                severity: "error",
                code: error.body.code,
                path: "",
                message: error.body.message,
                fix: error.body.hint ?? "",
              },
            ],
          });
        }
      }
    }, VALIDATE_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft]);

  // Unsaved edits survive an accidental close or reload prompt.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const adoptSaved = useCallback(
    async (saved: ConfigResponse) => {
      await mutate(saved, { revalidate: false });
      setDraft(null);
      setInspection(null);
    },
    [mutate],
  );

  const write = async (url: string, etag: string, body?: string, successMessage = "Saved.") => {
    setBusy(true);
    setNotice(null);
    try {
      const { data } = await apiFetch<ConfigResponse>(url, {
        method: url.endsWith("/reset") ? "POST" : "PUT",
        headers: { "content-type": "application/json", "if-match": etag },
        body,
      });
      await adoptSaved(data);
      setNotice({ tone: "success", message: successMessage });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setNotice({ tone: "error", message: error.body.message, hint: error.body.hint, conflict: true });
      } else if (error instanceof ApiError) {
        const refused = (error.payload as { findings?: Finding[] } | null)?.findings;
        if (refused) setInspection({ valid: false, config: null, findings: refused });
        setNotice({ tone: "error", message: error.body.message, hint: error.body.hint });
      }
    } finally {
      setBusy(false);
    }
  };

  const save = () => stored && write("/api/config", stored.etag, JSON.stringify({ text }));
  const errorCount = findings.filter((f) => f.severity === "error").length;
  const canSave = stored !== undefined && !busy && dirty && errorCount === 0;

  const overwriteWithMine = async () => {
    const latest = await mutate();
    if (latest) await write("/api/config", latest.etag, JSON.stringify({ text }), "Saved over the file on disk.");
  };

  const reloadFromDisk = async () => {
    setDraft(null);
    setInspection(null);
    setNotice(null);
    await mutate();
  };

  const resetToDefaults = () => {
    if (!stored) return;
    if (
      stored.exists &&
      !window.confirm("Replace the config with the defaults? The current file is kept as config.yaml.previous.")
    )
      return;
    void write(
      "/api/config/reset",
      stored.etag,
      undefined,
      stored.exists ? "Reset to defaults." : "Created a default config.",
    );
  };

  if (loadError) {
    const body =
      loadError instanceof ApiError ? loadError.body : { message: "Could not load the config.", hint: undefined };
    return <NoticeBanner notice={{ tone: "error", message: body.message, hint: body.hint }} />;
  }
  if (!stored)
    return <div className="h-[28rem] animate-pulse rounded-md bg-slate-200 dark:bg-slate-800" aria-label="Loading" />;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <section aria-label="Editor" className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <code className="min-w-0 truncate text-slate-600 dark:text-slate-400" title={stored.path}>
            {stored.path}
            {dirty ? " · unsaved changes" : ""}
          </code>
          <div className="flex gap-2">
            <button
              type="button"
              onClick={resetToDefaults}
              disabled={busy}
              className={
                "rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 " +
                "disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
              }
            >
              {stored.exists ? "Reset to defaults" : "Create default config"}
            </button>
            <button
              type="button"
              onClick={save}
              disabled={!canSave}
              title={errorCount > 0 ? `Fix ${errorCount} error${errorCount === 1 ? "" : "s"} to save` : undefined}
              className={
                "rounded-md bg-blue-600 px-4 py-1.5 font-medium text-white hover:bg-blue-700 disabled:opacity-50"
              }
            >
              {busy ? "Saving…" : "Save"}
            </button>
          </div>
        </div>
        <NoticeBanner notice={notice}>
          {notice?.conflict ? (
            <div className="mt-2 flex flex-wrap gap-2">
              <button type="button" onClick={reloadFromDisk} className="rounded border border-current px-2 py-1">
                Load the file from disk (discard my edits)
              </button>
              <button type="button" onClick={overwriteWithMine} className="rounded border border-current px-2 py-1">
                Save mine over it
              </button>
            </div>
          ) : null}
        </NoticeBanner>
        {!stored.exists && draft === null ? (
          <p
            className={
              "rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm " +
              "text-blue-900 dark:border-blue-900 dark:bg-blue-950 dark:text-blue-100"
            }
          >
            There is no config file yet. Create the default one, or type your own below and save it.
          </p>
        ) : null}
        <YamlEditor
          ref={editorRef}
          label="Config file (YAML)"
          value={text}
          onChange={setDraft}
          onSave={() => void (canSave && save())}
          findings={findings}
          reference={reference}
        />
        <h2 className="text-sm font-semibold">Problems</h2>
        <FindingsList findings={findings} onSelect={(f) => f.line && editorRef.current?.goToLine(f.line, f.column)} />
      </section>
      <aside aria-label="Summary" className="min-w-0 space-y-3">
        <h2 className="text-sm font-semibold">Summary</h2>
        {current?.config && current.valid ? (
          <pre
            aria-label="Configuration summary"
            className={
              "whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-3 text-xs wrap-anywhere " +
              "dark:border-slate-800 dark:bg-slate-900"
            }
            data-testid="config-summary"
          >
            {/* Long lines wrap under their own text (a hanging indent) instead of running off the box. */}
            {formatConfigSummary(stored.path, current.config)
              .split("\n")
              .map((line) => (
                <span key={line} className="block pl-[4ch] -indent-[4ch]">
                  {line}
                </span>
              ))}
          </pre>
        ) : (
          <p
            className={
              "rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-600 " +
              "dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400"
            }
          >
            The summary appears once the config has no errors.
          </p>
        )}
      </aside>
    </div>
  );
}
