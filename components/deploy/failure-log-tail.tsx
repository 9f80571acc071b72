"use client";

/** The failing service's last log lines, scrolled to the newest, which usually says why. */
export function FailureLogTail({ service, lines }: { service: string | null; lines: string[] }) {
  if (lines.length === 0) return null;
  const label = `Last log lines${service ? ` of ${service}` : ""}`;
  return (
    <>
      <p className="font-medium">{label}:</p>
      <pre
        tabIndex={0}
        ref={(pre) => pre?.scrollTo({ top: pre.scrollHeight })}
        aria-label={label}
        className="max-h-80 overflow-auto rounded bg-slate-950 p-3 text-xs text-slate-100"
      >
        {lines.join("\n")}
      </pre>
    </>
  );
}
