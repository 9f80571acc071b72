"use client";

import { useConnectFacts } from "./use-connect-facts";

/**
 * The Temporal UI, one click away: the namespace's workflows, in a new tab. Says instead when
 * the config has no UI or the page's live status (`down`) finds it not running.
 */
export function TemporalUiLink({ down = false, className = "" }: { down?: boolean; className?: string }) {
  const { data } = useConnectFacts();
  if (!data) return null;
  const { ui } = data;
  const note = `text-xs text-slate-600 dark:text-slate-400 ${className}`;
  if (!ui.enabled) {
    return (
      <span className={note} data-testid="temporal-ui-link" data-state="disabled">
        {ui.reason}
      </span>
    );
  }
  if (down) {
    return (
      <span className={note} data-testid="temporal-ui-link" data-state="down" title={ui.workflowsUrl}>
        UI is down
      </span>
    );
  }
  return (
    <a
      href={ui.workflowsUrl}
      target="_blank"
      rel="noopener noreferrer"
      className={`text-xs font-medium text-blue-700 underline dark:text-blue-300 ${className}`}
      data-testid="temporal-ui-link"
      data-state="up"
    >
      Open {data.temporal?.namespace ?? "the namespace"} in the Temporal UI<span aria-hidden="true"> ↗</span>
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
