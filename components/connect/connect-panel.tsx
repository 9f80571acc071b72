"use client";

import { useId, useState, type FormEvent } from "react";
import type { ClientSnippet, SnippetLanguage } from "@/lib/connect/client-snippets";
import { PROFILE_NAME_PATTERN, PROFILE_NAME_RULE } from "@/lib/connect/profile-name";
import { apiFetch } from "@/lib/http/api-client";
import type { PostgresUrlResponse, ProfileResponse } from "@/lib/http/api-contract";
import {
  buttonPrimary,
  buttonSecondary,
  card,
  CopyableCommand,
  errorNotice,
  HintText,
  NoticeBanner,
  Skeleton,
  type Notice,
} from "@/components/ui";
import { TemporalUiLink } from "./temporal-ui-link";
import { useConnectFacts } from "./use-connect-facts";

const REVEAL_URL = "/api/secrets/postgres-url";

/**
 * "Connect your app": the address and namespace as this machine reaches them, the Temporal UI,
 * the environment and a profile for Temporal's environment configuration, the SDK snippets,
 * and the PostgreSQL URL, whose password is fetched only when the user asks for it.
 */
export function ConnectPanel({ uiDown = false }: { uiDown?: boolean }) {
  const { data: facts, error } = useConnectFacts();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={`${card} space-y-4`} data-testid="connect-your-app">
      <h2 id={headingId} className="text-base font-semibold">
        Connect your app
      </h2>
      {error && !facts ? (
        <NoticeBanner notice={errorNotice(error, "The connection details could not be read.")} live={false} />
      ) : null}
      {!facts && !error ? <Skeleton className="h-40" label="Loading the connection details" /> : null}
      {facts && !facts.temporal ? (
        <p className="text-sm">Temporal is disabled in config: there is nothing to connect to.</p>
      ) : null}
      {facts?.temporal ? (
        <>
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] items-center gap-x-4 gap-y-2 text-sm">
            <dt className="font-medium">Frontend address</dt>
            <dd className="min-w-0" data-testid="connect-address">
              <CopyableCommand command={facts.temporal.address} label="the frontend address" />
            </dd>
            <dt className="font-medium">Namespace</dt>
            <dd data-testid="connect-namespace">
              <code>{facts.temporal.namespace}</code>
            </dd>
            <dt className="font-medium">Temporal UI</dt>
            <dd>
              <TemporalUiLink down={uiDown} />
            </dd>
          </dl>
          <div className="space-y-1">
            <h3 className="text-sm font-semibold">Environment</h3>
            <HintText
              className="text-xs text-slate-600 dark:text-slate-400"
              text={'What the SDKs and the `temporal` CLI read; `eval "$(mycelium env)"` sets them in a shell.'}
            />
            <CopyableCommand command={facts.exports} label="the export lines" />
          </div>
          <ProfileForm defaultName={facts.profile.name} path={facts.profile.path} />
          <Snippets snippets={facts.snippets} />
        </>
      ) : null}
      {facts?.postgres ? (
        <PostgresUrl maskedUrl={facts.postgres.maskedUrl} passwordSet={facts.postgres.passwordSet} />
      ) : null}
    </section>
  );
}

function ProfileForm({ defaultName, path }: { defaultName: string; path: string | null }) {
  const inputId = useId();
  const [name, setName] = useState(defaultName);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const valid = PROFILE_NAME_PATTERN.test(name);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    setBusy(true);
    setNotice(null);
    try {
      const { data } = await apiFetch<ProfileResponse>("/api/connect/profile", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name }),
      });
      const what = data.outcome === "unchanged" ? "is already up to date" : data.outcome;
      setNotice({
        tone: "success",
        message: `Profile ${data.profile} ${what} in ${data.path}.`,
        hint: `Use it with \`export TEMPORAL_PROFILE=${data.profile}\`.`,
      });
    } catch (failure) {
      setNotice(errorNotice(failure, "The profile could not be written."));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-2" noValidate>
      <h3 className="text-sm font-semibold">Profile</h3>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Writes or updates <code>[profile.{valid ? name : "NAME"}]</code> in{" "}
        {path ? <code className="break-all">{path}</code> : "Temporal's config file"}; other profiles and comments stay
        as they are.
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={inputId} className="block text-xs font-medium">
            Profile name
          </label>
          <input
            id={inputId}
            value={name}
            onChange={(e) => setName(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!valid}
            className={
              "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm " +
              "dark:border-slate-700 dark:bg-slate-900"
            }
          />
        </div>
        <button type="submit" className={buttonPrimary} disabled={busy || !valid} aria-busy={busy}>
          {busy ? "Writing…" : "Write profile"}
        </button>
      </div>
      {!valid ? (
        <p className="text-xs text-red-700 dark:text-red-300">For a profile name, {PROFILE_NAME_RULE}.</p>
      ) : null}
      <div data-testid="profile-notice">
        <NoticeBanner notice={notice} />
      </div>
    </form>
  );
}

function Snippets({ snippets }: { snippets: readonly ClientSnippet[] }) {
  const [selected, setSelected] = useState<SnippetLanguage>("typescript");
  const baseId = useId();
  const current = snippets.find((s) => s.language === selected) ?? snippets[0]!;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold">Client code</h3>
      <div role="tablist" aria-label="SDK" className="flex flex-wrap gap-1">
        {snippets.map((s) => (
          <button
            key={s.language}
            type="button"
            role="tab"
            id={`${baseId}-${s.language}`}
            aria-selected={s.language === current.language}
            aria-controls={`${baseId}-panel`}
            onClick={() => setSelected(s.language)}
            className={`${buttonSecondary} ${s.language === current.language ? "bg-slate-200 dark:bg-slate-700" : ""}`}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-${current.language}`}
        className="space-y-2"
      >
        <CopyableCommand command={current.install} label={`the ${current.label} install command`} />
        <div data-testid={`snippet-${current.language}`}>
          <CopyableCommand command={current.code} label={`the ${current.label} code`} />
        </div>
      </div>
    </div>
  );
}

/** Masked until a click: the password comes from its own POST then, and leaves the page on Hide. */
function PostgresUrl({ maskedUrl, passwordSet }: { maskedUrl: string; passwordSet: boolean }) {
  const [revealed, setRevealed] = useState<string | null>(null);
  const [state, setState] = useState<"idle" | "busy" | "copied">("idle");
  const [notice, setNotice] = useState<Notice | null>(null);

  const fetchUrl = async (): Promise<string | null> => {
    setNotice(null);
    setState("busy");
    try {
      return (await apiFetch<PostgresUrlResponse>(REVEAL_URL, { method: "POST" })).data.url;
    } catch (failure) {
      setNotice(errorNotice(failure, "The password could not be read."));
      return null;
    } finally {
      setState("idle");
    }
  };
  const reveal = async () => setRevealed(await fetchUrl());
  const copy = async () => {
    const url = revealed ?? (await fetchUrl());
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setState("copied");
      setTimeout(() => setState("idle"), 2000);
    } catch {
      setNotice({
        tone: "warning",
        message: "The browser did not allow copying.",
        hint: "Reveal it and select the text instead.",
      });
    }
  };

  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold">PostgreSQL</h3>
      <div className="flex flex-wrap items-stretch gap-2">
        <code
          className={
            "min-w-0 flex-1 overflow-x-auto whitespace-pre rounded-md border border-slate-300 px-3 py-1.5 text-sm " +
            "dark:border-slate-700"
          }
          data-testid="postgres-url"
        >
          {revealed ?? maskedUrl}
        </code>
        {passwordSet ? (
          <>
            <button
              type="button"
              className={buttonSecondary}
              disabled={state === "busy"}
              onClick={() => (revealed ? setRevealed(null) : void reveal())}
            >
              {revealed ? "Hide password" : "Reveal password"}
            </button>
            <button
              type="button"
              className={buttonSecondary}
              disabled={state === "busy"}
              onClick={() => void copy()}
              aria-label="Copy the PostgreSQL URL with its password"
            >
              {state === "copied" ? "Copied" : "Copy"}
            </button>
          </>
        ) : null}
      </div>
      {!passwordSet ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">The password is generated by the first deploy.</p>
      ) : null}
      <span className="sr-only" role="status">
        {state === "copied" ? "Copied to the clipboard." : ""}
      </span>
      <NoticeBanner notice={notice} />
    </div>
  );
}
