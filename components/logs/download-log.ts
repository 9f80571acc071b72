import { formatPlainLine } from "@/lib/logs/log-format";
import type { StoredLine } from "@/lib/logs/log-store";

/** Save the lines shown as a plain-text file named after the project and the time. */
export function downloadLog(lines: readonly StoredLine[], project: string): void {
  const text = lines.map(formatPlainLine).join("\n");
  const url = URL.createObjectURL(new Blob([text ? `${text}\n` : ""], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `${project}-logs-${new Date().toISOString().replace(/[:.]/g, "-")}.log`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
