"use client";

import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import useSWR from "swr";
import { ApiError, apiFetch, fetchJson } from "@/lib/http/api-client";
import type { LogPageResponse, LogServicesResponse } from "@/lib/http/api-contract";
import { HintText } from "@/components/ui";
import { compileFilter } from "@/lib/logs/log-filter";
import { displayColumns, formatPlainLine, serviceCss } from "@/lib/logs/log-format";
import { selectServices } from "@/lib/logs/log-settings";
import type { StoredLine } from "@/lib/logs/log-store";
import { LogRow } from "./log-row";
import { useLogSettings } from "./use-log-settings";
import { useLogStream, type LogConnection } from "./use-log-stream";
import { VirtualLogList } from "./virtual-log-list";

const PAGE_LIMIT = 500;

const CONNECTION_LABEL: Record<LogConnection, string> = {
  idle: "Not connected",
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Disconnected: retrying",
};


export function LogViewer() {
  const { data: info, error: infoError } = useSWR<LogServicesResponse>("/api/logs/services", fetchJson, { revalidateOnFocus: false });
  const [settings, update] = useLogSettings();

  const available = useMemo(() => {
    if (!info) return [];
    // Services with a container first, then the stack's others.
    const withContainer = new Set(info.containers.map((c) => c.service));
    return [...info.services].sort((a, b) => Number(withContainer.has(b)) - Number(withContainer.has(a)));
  }, [info]);
  const selected = useMemo(() => (info && settings ? selectServices(settings.services, available) : null), [info, settings, available]);
  const { store, version, bump, connection, problem, lastAttach } = useLogStream(selected);

  const filter = useMemo(
    () => compileFilter({ text: settings?.filter ?? "", regex: settings?.regex ?? false, streams: { stdout: settings?.stdout ?? true, stderr: settings?.stderr ?? true } }),
    [settings?.filter, settings?.regex, settings?.stdout, settings?.stderr],
  );
  const [follow, setFollow] = useState(true);
  const [newAtPause, setNewAtPause] = useState(0);
  const [width, setWidth] = useState(0);
  const [charWidth, setCharWidth] = useState<number | null>(null);
  const [scrollTo, setScrollTo] = useState<{ index: number; token: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);

  const serviceWidth = Math.max(8, ...available.map((s) => s.length));
  const timestamps = settings?.timestamps ?? true;
  const wrap = settings?.wrap ?? false;

  // The store is configured while rendering: both calls are no-ops unless something changed,
  // so a new filter or width rebuilds the view once, in the same render that shows it.
  store.setFilter(filter);
  // Wrapped lines take as many rows as their text needs at the current width (monospace).
  const columns = wrap && width > 0 && charWidth ? Math.max(20, Math.floor((width - 16) / charWidth) - (serviceWidth + 1 + (timestamps ? 13 : 0))) : 0;
  store.setLayout(`cols:${columns}`, columns ? (line) => Math.max(1, Math.ceil(displayColumns(line.plain) / columns)) : () => 1);

  const measureRef = useCallback((element: HTMLSpanElement | null) => {
    if (element) setCharWidth(element.getBoundingClientRect().width / 100 || 7.5);
  }, []);

  const onFollowChange = useCallback(
    (next: boolean) => {
      setFollow(next);
      if (!next) setNewAtPause(store.appendedVisible);
    },
    [store],
  );
  const newLines = follow ? 0 : store.appendedVisible - newAtPause;

  const renderRow = useCallback(
    (line: StoredLine, rows: number) => <LogRow key={line.seq} line={line} rows={rows} serviceWidth={serviceWidth} timestamps={timestamps} wrap={wrap} />,
    [serviceWidth, timestamps, wrap],
  );

  const download = () => {
    const text = store.visibleLines().map(formatPlainLine).join("\n");
    const url = URL.createObjectURL(new Blob([text ? `${text}\n` : ""], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${info?.project ?? "mycelium"}-logs-${new Date().toISOString().replace(/[:.]/g, "-")}.log`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const loadOlder = async () => {
    if (!selected?.length) return;
    setLoadingOlder(true);
    setNotice(null);
    const oldest = store.oldestByService();
    const anchor = store.visibleAt(store.indexAtRow(0));
    const fallback = [...oldest.values()].sort()[0] ?? new Date().toISOString();
    const pages = await Promise.all(
      selected.map(async (service) => {
        const params = new URLSearchParams({ service, before: oldest.get(service) ?? fallback, limit: String(PAGE_LIMIT) });
        try {
          return (await apiFetch<LogPageResponse>(`/api/logs/page?${params}`)).data;
        } catch (error) {
          // A service without a container has nothing older to give.
          if (error instanceof ApiError && error.status === 404) return { lines: [], hasMore: false };
          setNotice(error instanceof ApiError ? error.body.message : "Could not load older lines.");
          return { lines: [], hasMore: false };
        }
      }),
    );
    const lines = pages.flatMap((page) => page.lines);
    const added = store.mergeOlder(lines);
    setLoadingOlder(false);
    if (added === 0) {
      setNotice(lines.length > 0 ? `The view already holds ${store.capacity.toLocaleString()} lines: clear it to load older ones.` : "No older lines.");
    }
    setFollow(false);
    setNewAtPause(store.appendedVisible);
    setScrollTo({ index: anchor ? Math.max(0, store.indexOf(anchor)) : 0, token: Date.now() });
    bump();
  };

  const jumpToLatest = () => setFollow(true);

  if (infoError && !info) {
    const body = infoError instanceof ApiError ? infoError.body : { message: "Could not reach the dashboard.", hint: undefined };
    return (
      <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
        <p className="font-medium">{body.message}</p>
        {body.hint ? <HintText text={body.hint} className="mt-1" /> : null}
        {infoError instanceof ApiError && infoError.body.code.includes("config") ? (
          <Link href="/config" className="mt-2 inline-block underline">
            Open the config editor
          </Link>
        ) : null}
      </div>
    );
  }

  const liveContainers = info?.containers.filter((c) => selected?.includes(c.service)) ?? [];

  return (
    <div className="space-y-3">
      {/* Measures a character of the viewer's font; clipped, so it never widens the page. */}
      <div aria-hidden="true" className="h-0 overflow-hidden">
        <span ref={measureRef} className="invisible whitespace-pre font-mono text-[12.5px]">
          {"0".repeat(100)}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <fieldset className="flex flex-wrap items-center gap-2" aria-label="Services">
          <legend className="sr-only">Services</legend>
          {available.map((service) => {
            const checked = selected?.includes(service) ?? false;
            return (
              <label key={service} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={!settings}
                  onChange={() => update({ services: checked ? (selected ?? []).filter((s) => s !== service) : [...(selected ?? []), service] })}
                />
                {/* The service's colour as a swatch: as text it would be unreadable on a light page. */}
                <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-full" style={{ backgroundColor: serviceCss(service) }} />
                <span className="font-mono">{service}</span>
              </label>
            );
          })}
        </fieldset>
        <div className="flex items-center gap-2">
          <input
            type="search"
            aria-label="Filter lines"
            placeholder={settings?.regex ? "Regular expression" : "Filter text"}
            value={settings?.filter ?? ""}
            onChange={(event) => update({ filter: event.target.value })}
            aria-invalid={!filter.ok || undefined}
            aria-describedby={!filter.ok ? "log-filter-error" : undefined}
            className="w-56 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
          />
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={settings?.regex ?? false} onChange={(event) => update({ regex: event.target.checked })} />
            Regex
          </label>
        </div>
        <fieldset className="flex items-center gap-2" aria-label="Streams">
          <legend className="sr-only">Streams</legend>
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={settings?.stdout ?? true} onChange={(event) => update({ stdout: event.target.checked })} />
            stdout
          </label>
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={settings?.stderr ?? true} onChange={(event) => update({ stderr: event.target.checked })} />
            stderr
          </label>
        </fieldset>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={timestamps} onChange={(event) => update({ timestamps: event.target.checked })} />
          Timestamps
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={wrap} onChange={(event) => update({ wrap: event.target.checked })} />
          Wrap
        </label>
        <div className="ml-auto flex gap-2">
          <button type="button" onClick={() => void loadOlder()} disabled={loadingOlder || !selected?.length} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800">
            {loadingOlder ? "Loading…" : "Load older"}
          </button>
          <button
            type="button"
            onClick={() => {
              store.clear();
              setNewAtPause(store.appendedVisible);
              bump();
            }}
            className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Clear
          </button>
          <button type="button" onClick={download} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            Download
          </button>
        </div>
      </div>

      {!filter.ok ? (
        <p id="log-filter-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {filter.error} (showing all lines until it is fixed)
        </p>
      ) : null}

      <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600 dark:text-slate-400">
        <span role="status" aria-label="Connection" data-connection={connection} className="flex items-center gap-1.5">
          <span className={`inline-block h-2 w-2 rounded-full ${connection === "live" ? "bg-green-500" : connection === "offline" ? "bg-red-500" : "bg-amber-400"}`} />
          {CONNECTION_LABEL[connection]}
        </span>
        <span data-testid="log-counts">
          {store.visibleCount.toLocaleString()} shown of {store.lineCount.toLocaleString()} lines (the view keeps the latest {store.capacity.toLocaleString()})
        </span>
        {info ? (
          <span>
            Project <code>{info.project}</code>: {liveContainers.length ? liveContainers.map((c) => `${c.name} (${c.state})`).join(", ") : "no containers for these services yet"}
          </span>
        ) : null}
        {lastAttach ? (
          <span>
            {lastAttach.service} {lastAttach.reason === "recreate" ? "was recreated" : "restarted"} at {new Date(lastAttach.at).toLocaleTimeString()}: following the new container
          </span>
        ) : null}
        {notice ? <span role="status">{notice}</span> : null}
      </div>

      {problem ? (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-medium">{problem.message}</p>
          {problem.hint ? <HintText text={problem.hint} className="mt-1" /> : null}
        </div>
      ) : null}

      <div className="relative">
        <VirtualLogList
          store={store}
          version={version}
          follow={follow}
          onFollowChange={onFollowChange}
          onWidthChange={setWidth}
          renderRow={renderRow}
          scrollToIndex={scrollTo}
          empty={
            selected && selected.length === 0
              ? "Pick at least one service."
              : store.lineCount > 0
                ? "No line matches the filter."
                : connection === "live"
                  ? "No lines yet: waiting for the containers to write something."
                  : "Waiting for the log stream…"
          }
        />
        {!follow ? (
          <button
            type="button"
            onClick={jumpToLatest}
            className="absolute bottom-4 right-6 rounded-full bg-blue-600 px-4 py-1.5 text-sm font-medium text-white shadow-lg hover:bg-blue-700"
          >
            Jump to latest{newLines > 0 ? ` (${newLines.toLocaleString()} new)` : ""}
          </button>
        ) : null}
      </div>
    </div>
  );
}
