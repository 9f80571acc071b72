import { memo } from "react";
import { parseAnsi } from "@/lib/logs/ansi";

/** Colours for the dark log panel; bright variants a step lighter. */
const FOREGROUND: Record<number, string> = {
  30: "#6b7280",
  31: "#f87171",
  32: "#4ade80",
  33: "#facc15",
  34: "#60a5fa",
  35: "#e879f9",
  36: "#22d3ee",
  37: "#e5e7eb",
  90: "#9ca3af",
  91: "#fca5a5",
  92: "#86efac",
  93: "#fde047",
  94: "#93c5fd",
  95: "#f0abfc",
  96: "#67e8f9",
  97: "#ffffff",
};
const BACKGROUND: Record<number, string> = {
  40: "#111827",
  41: "#7f1d1d",
  42: "#14532d",
  43: "#713f12",
  44: "#1e3a8a",
  45: "#701a75",
  46: "#164e63",
  47: "#4b5563",
  100: "#374151",
  101: "#991b1b",
  102: "#166534",
  103: "#854d0e",
  104: "#1d4ed8",
  105: "#86198f",
  106: "#0e7490",
  107: "#9ca3af",
};

/**
 * Log text with its ANSI colours drawn as styled spans. The text is always a React text
 * child (escaped), never HTML.
 */
export const AnsiText = memo(function AnsiText({ text }: { text: string }) {
  if (!text.includes("\x1b")) return <>{text}</>;
  return (
    <>
      {parseAnsi(text).map((segment, index) =>
        segment.fg === null && segment.bg === null && !segment.bold ? (
          <span key={index}>{segment.text}</span>
        ) : (
          <span
            key={index}
            data-ansi-fg={segment.fg ?? undefined}
            data-ansi-bg={segment.bg ?? undefined}
            data-ansi-bold={segment.bold || undefined}
            style={{
              color: segment.fg !== null ? FOREGROUND[segment.fg] : undefined,
              backgroundColor: segment.bg !== null ? BACKGROUND[segment.bg] : undefined,
              fontWeight: segment.bold ? 700 : undefined,
            }}
          >
            {segment.text}
          </span>
        ),
      )}
    </>
  );
});
