"use client";

import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import useSWR from "swr";
import { ApiError, fetchJson } from "@/lib/http/api-client";
import type { LogServicesResponse } from "@/lib/http/api-contract";
import { HintText } from "@/components/ui";
import { compileFilter } from "@/lib/logs/log-filter";
import { displayColumns } from "@/lib/logs/log-format";
import { selectServices } from "@/lib/logs/log-settings";
import type { StoredLine } from "@/lib/logs/log-store";
import { downloadLog } from "./download-log";
import { fetchOlderLines } from "./fetch-older-lines";
import { LogRow } from "./log-row";
import { LogStatusLine } from "./log-status-line";
import { LogToolbar } from "./log-toolbar";
import { useLogSettings } from "./use-log-settings";
import { useLogStoreRevision } from "./use-log-store-revision";
import { useLogStream } from "./use-log-stream";
import { VirtualLogList } from "./virtual-log-list";

export function LogViewer() {
  const { data: info, error: infoError } = useSWR<LogServicesResponse>("/api/logs/services", fetchJson, {
    revalidateOnFocus: false,
  });
  const [settings, update] = useLogSettings();

  const available = useMemo(() => {
    if (!info) return [];
    // Services with a container first, then the stack's others.
    const withContainer = new Set(info.containers.map((c) => c.service));
    return [...info.services].sort((a, b) => Number(withContainer.has(b)) - Number(withContainer.has(a)));
  }, [info]);
  const selected = useMemo(
    () => (info && settings ? selectServices(settings.services, available) : null),
    [info, settings, available],
  );
  const { store, connection, problem, lastAttach } = useLogStream(selected);
  // The counts, the "N new" and the empty text below are read from the store: render on its changes.
  useLogStoreRevision(store);

  const filter = useMemo(
    () =>
      compileFilter({
        text: settings?.filter ?? "",
        regex: settings?.regex ?? false,
        streams: { stdout: settings?.stdout ?? true, stderr: settings?.stderr ?? true },
      }),
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
  const columns =
    wrap && width > 0 && charWidth
      ? Math.max(20, Math.floor((width - 16) / charWidth) - (serviceWidth + 1 + (timestamps ? 13 : 0)))
      : 0;
  store.setLayout(
    `cols:${columns}`,
    columns ? (line) => Math.max(1, Math.ceil(displayColumns(line.plain) / columns)) : () => 1,
  );

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
    (line: StoredLine, rows: number) => (
      <LogRow key={line.seq} line={line} rows={rows} serviceWidth={serviceWidth} timestamps={timestamps} wrap={wrap} />
    ),
    [serviceWidth, timestamps, wrap],
  );

  const loadOlder = async () => {
    if (!selected?.length) return;
    setLoadingOlder(true);
    setNotice(null);
    const anchor = store.visibleAt(store.indexAtRow(0));
    const { lines, failure } = await fetchOlderLines(store.oldestByService(), selected);
    const added = store.mergeOlder(lines);
    setLoadingOlder(false);
    if (added > 0) setNotice(failure);
    else
      setNotice(
        lines.length > 0
          ? `The view already holds ${store.capacity.toLocaleString()} lines: clear it to load older ones.`
          : "No older lines.",
      );
    setFollow(false);
    setNewAtPause(store.appendedVisible);
    setScrollTo({ index: anchor ? Math.max(0, store.indexOf(anchor)) : 0, token: Date.now() });
  };

  const jumpToLatest = () => setFollow(true);

  if (infoError && !info) {
    const body =
      infoError instanceof ApiError ? infoError.body : { message: "Could not reach the dashboard.", hint: undefined };
    return (
      <div
        role="alert"
        className={
          "rounded-md border border-red-300 bg-red-50 p-4 text-sm " +
          "text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        }
      >
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
      <LogToolbar
        available={available}
        selected={selected}
        settings={settings}
        update={update}
        filter={filter}
        loadingOlder={loadingOlder}
        onLoadOlder={() => void loadOlder()}
        onClear={() => {
          store.clear();
          setNewAtPause(store.appendedVisible);
        }}
        onDownload={() => downloadLog(store.visibleLines(), info?.project ?? "mycelium")}
      />
      <LogStatusLine
        connection={connection}
        store={store}
        project={info?.project ?? null}
        containers={liveContainers}
        lastAttach={lastAttach}
        notice={notice}
      />

      {problem ? (
        <div
          role="alert"
          className={
            "rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 " +
            "dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
          }
        >
          <p className="font-medium">{problem.message}</p>
          {problem.hint ? <HintText text={problem.hint} className="mt-1" /> : null}
        </div>
      ) : null}

      <div className="relative">
        <VirtualLogList
          store={store}
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
            className={
              "absolute bottom-4 right-6 rounded-full bg-blue-600 px-4 py-1.5 " +
              "text-sm font-medium text-white shadow-lg hover:bg-blue-700"
            }
          >
            Jump to latest{newLines > 0 ? ` (${newLines.toLocaleString()} new)` : ""}
          </button>
        ) : null}
      </div>
    </div>
  );
}
