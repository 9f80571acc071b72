import Link from "next/link";
import { memo } from "react";
import { isErrorLine } from "@/lib/logs/error-classifier";
import { formatClock, serviceCss } from "@/lib/logs/log-format";
import type { StoredLine } from "@/lib/logs/log-store";
import { AnsiText } from "./ansi-text";
import { ROW_HEIGHT } from "./virtual-log-list";

interface Props {
  line: StoredLine;
  rows: number;
  serviceWidth: number;
  timestamps: boolean;
  wrap: boolean;
}

/** One log line: coloured service prefix, optional time, text with ANSI colours; errors marked. */
export const LogRow = memo(function LogRow({ line, rows, serviceWidth, timestamps, wrap }: Props) {
  const error = isErrorLine(line, line.plain);
  const diagnosis = line.diagnosis ?? null;
  return (
    <div
      data-testid="log-row"
      data-service={line.service}
      data-stream={line.stream}
      data-error={error || undefined}
      className={`flex px-2 ${
        error ? "bg-red-950/70 shadow-[inset_3px_0_0_#ef4444]" : line.stream === "stderr" ? "bg-amber-950/20" : ""
      }`}
      style={{ height: rows * ROW_HEIGHT, lineHeight: `${ROW_HEIGHT}px` }}
    >
      <span
        className="shrink-0 select-none pr-[1ch] text-right"
        style={{ width: `${serviceWidth + 1}ch`, color: serviceCss(line.service) }}
      >
        {line.service}
      </span>
      {timestamps ? (
        <time
          dateTime={line.ts}
          title={line.ts}
          className="shrink-0 select-none pr-[1ch] text-slate-400"
          style={{ width: "13ch" }}
        >
          {formatClock(line.ts)}
        </time>
      ) : null}
      <span
        className={`min-w-0 flex-1 ${
          wrap
            ? "overflow-hidden whitespace-pre-wrap break-all [line-break:anywhere]"
            : "overflow-hidden whitespace-pre"
        }`}
        data-testid="log-text"
      >
        <AnsiText text={line.text} />
      </span>
      {diagnosis ? (
        <Link
          href={`/health#${diagnosis.id}`}
          className="ml-2 shrink-0 text-xs text-red-300 underline hover:text-red-100"
          title={diagnosis.title}
        >
          diagnosis
        </Link>
      ) : null}
    </div>
  );
});
