"use client";

import { ApiError } from "@/lib/http/api-client";
export { formatUptime } from "@/lib/deploy/format-deploy";
export { formatBytes } from "@/lib/backup/format-backup";
import { useState, type ReactNode } from "react";

/** Small building blocks shared by the pages: buttons, banners, badges, copyable commands. */

export const buttonPrimary =
  "rounded-md bg-blue-600 px-4 py-1.5 text-sm font-medium text-white " +
  "hover:bg-blue-700 disabled:cursor-not-allowed disabled:opacity-50";
export const buttonSecondary =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 " +
  "disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";
export const buttonDanger =
  "rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white " +
  "hover:bg-red-700 disabled:cursor-not-allowed disabled:opacity-50";
export const card = "rounded-md border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";
/** The header row of the dashboard's data tables. */
export const tableHead =
  "border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400";

export type Tone = "success" | "error" | "warning" | "info";

const TONES: Record<Tone, string> = {
  success:
    "border-emerald-200 bg-emerald-50 text-emerald-900 " +
    "dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  error: "border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100",
  warning: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100",
  info: "border-blue-200 bg-blue-50 text-blue-900 dark:border-blue-900 dark:bg-blue-950 dark:text-blue-100",
};

export interface Notice {
  tone: Tone;
  message: string;
  hint?: string;
}

/** An API failure as a banner: the server's own message and hint. */
export function errorNotice(error: unknown, fallback = "Something went wrong."): Notice {
  if (error instanceof ApiError) return { tone: "error", message: error.body.message, hint: error.body.hint };
  return { tone: "error", message: fallback };
}

/** A message banner: errors are alerts, everything else a polite status. */
export function NoticeBanner({
  notice,
  children,
  live = true,
}: {
  notice: Notice | null;
  children?: ReactNode;
  live?: boolean;
}) {
  if (!notice) return null;
  const role = live ? (notice.tone === "error" ? "alert" : "status") : undefined;
  return (
    <div role={role} className={`rounded-md border px-3 py-2 text-sm ${TONES[notice.tone]}`}>
      <p className="font-medium">{notice.message}</p>
      {notice.hint ? <HintText text={notice.hint} /> : null}
      {children}
    </div>
  );
}

/** A quoted span that is a shell or SQL command to run, not a file name or a YAML snippet. */
const COMMAND = /^(sudo|docker|dockerd|mycelium|colima|brew|npx|npm|systemctl|psql|pg_dump|mv|CREATE|ALTER|GRANT)\b/;

interface HintTextProps {
  text: string;
  className?: string;
  /** False where the commands are listed to copy right below, or inside a button. */
  copyCommands?: boolean;
  /** A span instead of a paragraph, e.g. inside a button. */
  inline?: boolean;
}

/** A hint as help: its `quoted` spans as code, and the commands among them copyable in place. */
export function HintText({ text, className = "", copyCommands = true, inline = false }: HintTextProps) {
  const parts = text.split(/(`[^`]+`)/g);
  const Tag = inline ? "span" : "p";
  return (
    <Tag className={className}>
      {parts.map((part, index) => {
        if (!(part.startsWith("`") && part.endsWith("`") && part.length > 1)) return <span key={index}>{part}</span>;
        const code = part.slice(1, -1);
        if (copyCommands && COMMAND.test(code)) return <CopyableCommand key={index} command={code} inline />;
        return (
          <code key={index} className="rounded bg-black/5 px-1 dark:bg-white/10">
            {code}
          </code>
        );
      })}
    </Tag>
  );
}

/** The shell commands quoted in a hint (between backticks), each once. */
export function commandsIn(text: string | undefined): string[] {
  if (!text) return [];
  const quoted = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  return quoted.filter((command, i) => COMMAND.test(command) && quoted.indexOf(command) === i);
}

/**
 * A command or code to copy: a block of its own, or `inline` within a sentence. `label` names
 * it for screen readers when the text is long.
 */
export function CopyableCommand({
  command,
  inline = false,
  label,
}: {
  command: string;
  inline?: boolean;
  label?: string;
}) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied("idle"), 2000);
  };
  const buttonText = copied === "copied" ? "Copied" : copied === "failed" ? "Select & copy" : "Copy";
  const status = (
    <span className="sr-only" aria-live="polite">
      {copied === "copied" ? "Copied to the clipboard." : ""}
    </span>
  );
  if (inline) {
    return (
      <span className="whitespace-nowrap">
        <code className="whitespace-normal rounded bg-black/5 px-1 wrap-anywhere dark:bg-white/10">{command}</code>
        <button
          type="button"
          onClick={copy}
          className="ml-1 rounded px-1 text-xs underline"
          aria-label={`Copy: ${label ?? command}`}
        >
          {buttonText}
        </button>
        {status}
      </span>
    );
  }
  return (
    <div className="flex items-stretch gap-2">
      {/* Long (labelled) text may scroll sideways: a keyboard can then reach it to scroll. */}
      <code
        tabIndex={label ? 0 : undefined}
        className={
          "min-w-0 flex-1 overflow-x-auto whitespace-pre rounded-md border border-slate-300 bg-slate-900 px-3 py-1.5 " +
          "text-sm text-slate-100 dark:border-slate-700"
        }
      >
        {command}
      </code>
      <button type="button" onClick={copy} className={buttonSecondary} aria-label={`Copy: ${label ?? command}`}>
        {buttonText}
      </button>
      {status}
    </div>
  );
}

export function Skeleton({ className = "h-24", label = "Loading" }: { className?: string; label?: string }) {
  return (
    <div
      role="status"
      aria-label={label}
      className={`animate-pulse rounded-md bg-slate-200 dark:bg-slate-800 ${className}`}
    />
  );
}

const BADGE_TONES = {
  green: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100",
  blue: "bg-blue-100 text-blue-900 dark:bg-blue-900/60 dark:text-blue-100",
  amber: "bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100",
  red: "bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100",
  slate: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
} as const;

export type BadgeTone = keyof typeof BADGE_TONES;

export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${BADGE_TONES[tone]}`}>{children}</span>
  );
}

export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
