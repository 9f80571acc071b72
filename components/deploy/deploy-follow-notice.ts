import type { StreamConnection } from "@/components/hooks/use-session-stream";
import type { Notice } from "@/components/ui";
import type { DeployProgress } from "./deploy-progress-state";

/** How this page came to follow the deploy: it started it, or a start was refused (409). */
export type DeployOrigin = "started" | "conflict" | null;

export interface DeployFollowing {
  connection: StreamConnection;
  session: DeployProgress["session"];
  origin: DeployOrigin;
  /** The deploy was running when the stream opened: its events arrive as they happen. */
  live: boolean;
}

/** What the Deploy step says about the deploy it follows, or null when it follows the one it started. */
export function deployFollowNotice({ connection, session, origin, live }: DeployFollowing): Notice | null {
  if (connection === "lost") {
    return {
      tone: "error",
      message: "Could not follow the deploy: the dashboard refused or dropped the event stream.",
      hint: "Check the config and the dashboard, then try again.",
    };
  }
  if (session === null) {
    return origin === "conflict"
      ? {
          tone: "warning",
          message:
            "A deploy of this project is already running in another process (for " +
            "example the mycelium deploy command), so this page cannot follow its steps.",
          hint: "The stack status below shows its containers as they come up.",
        }
      : {
          tone: "info",
          message: "No deploy has run since the dashboard started.",
          hint: "Review the plan, then deploy from there.",
        };
  }
  if (origin === "conflict" && !live) {
    return {
      tone: "warning",
      message:
        "A deploy of this project is already running in another process, so this " +
        "page cannot follow its steps; below is the last deploy made from here.",
    };
  }
  if (live && origin !== "started") return { tone: "info", message: "A deploy is already running; following it." };
  if (connection === "reconnecting")
    return { tone: "warning", message: "The connection to the deploy dropped; reconnecting…" };
  return null;
}

/** For screen readers: the outcome once there is one, else the latest phase. */
export function deployAnnouncement({ outcome, phases }: Pick<DeployProgress, "outcome" | "phases">): string {
  if (outcome) return outcome.type === "succeeded" ? "Deploy succeeded." : "Deploy failed.";
  return phases.at(-1)?.message ?? "";
}
