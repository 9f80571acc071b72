"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type { LogStore, StoredLine } from "@/lib/logs/log-store";
import { useLogStoreRevision } from "./use-log-store-revision";

export const ROW_HEIGHT = 20;
const OVERSCAN = 20;

interface Props {
  store: LogStore;
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
  /** The list's text width changed (wrap layout depends on it). */
  onWidthChange?: (width: number) => void;
  renderRow: (line: StoredLine, rows: number) => ReactNode;
  /** Set by the parent to move the view (e.g. keep a line in place after loading older ones). */
  scrollToIndex?: { index: number; token: number } | null;
  empty: ReactNode;
}

/**
 * A windowed list: only the rows in view (plus OVERSCAN above and below) are in the DOM.
 * Rows have a fixed height (ROW_HEIGHT per visual row; a wrapped line takes several), so the
 * position of any line is arithmetic over the store's row index. In follow mode the list
 * sticks to the bottom; scrolling up pauses following, reaching the bottom resumes it.
 */
export function VirtualLogList({
  store,
  follow,
  onFollowChange,
  onWidthChange,
  renderRow,
  scrollToIndex,
  empty,
}: Props) {
  const revision = useLogStoreRevision(store);
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  /** The scrollTop this component set itself (so its own scrolls are not read as the user's). */
  const ownScrollTop = useRef<number | null>(null);
  const droppedSeen = useRef(store.droppedRows);

  const setScrollTop = useCallback((top: number) => {
    const element = scroller.current;
    if (!element) return;
    element.scrollTop = top;
    ownScrollTop.current = element.scrollTop;
    setViewport({ top: element.scrollTop, height: element.clientHeight });
  }, []);

  const totalHeight = store.totalRows * ROW_HEIGHT;

  // After every change: stick to the bottom when following; otherwise keep the lines the
  // user is reading in place while old ones are dropped from the top of the buffer.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const dropped = store.droppedRows - droppedSeen.current;
    droppedSeen.current = store.droppedRows;
    if (follow) setScrollTop(element.scrollHeight);
    else if (dropped > 0) setScrollTop(Math.max(0, element.scrollTop - dropped * ROW_HEIGHT));
  }, [revision, follow, store, setScrollTop, totalHeight]);

  useLayoutEffect(() => {
    if (!scrollToIndex) return;
    setScrollTop(store.rowOf(scrollToIndex.index) * ROW_HEIGHT);
  }, [scrollToIndex, store, setScrollTop]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      setViewport({ top: element.scrollTop, height: element.clientHeight });
      onWidthChange?.(element.clientWidth);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onWidthChange]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    setViewport({ top: element.scrollTop, height: element.clientHeight });
    const own = ownScrollTop.current;
    ownScrollTop.current = null;
    if (own !== null && Math.abs(element.scrollTop - own) < 1) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < ROW_HEIGHT * 1.5;
    if (atBottom !== follow) onFollowChange(atBottom);
  };

  const count = store.visibleCount;
  const first = Math.max(0, store.indexAtRow(Math.floor(viewport.top / ROW_HEIGHT)) - OVERSCAN);
  const last = Math.min(
    count - 1,
    store.indexAtRow(Math.floor((viewport.top + viewport.height) / ROW_HEIGHT)) + OVERSCAN,
  );
  const rows: ReactNode[] = [];
  for (let index = first; index <= last; index++) {
    const line = store.visibleAt(index);
    if (line) rows.push(renderRow(line, store.rowsAt(index)));
  }

  return (
    <div
      ref={scroller}
      onScroll={onScroll}
      className={
        "relative h-[calc(100vh-18rem)] min-h-[20rem] overflow-auto rounded-md " +
        "border border-slate-800 bg-slate-950 font-mono text-[12.5px] text-slate-200"
      }
      role="log"
      aria-live="off"
      aria-label="Log lines"
      data-testid="log-scroller"
      tabIndex={0}
    >
      {count === 0 ? (
        <div className="p-4 text-sm text-slate-400">{empty}</div>
      ) : (
        <div style={{ height: totalHeight, position: "relative" }}>
          <div style={{ position: "absolute", top: store.rowOf(first) * ROW_HEIGHT, left: 0, right: 0 }}>{rows}</div>
        </div>
      )}
    </div>
  );
}
