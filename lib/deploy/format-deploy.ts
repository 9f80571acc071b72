import type { DeploymentPlan } from "../plan/deployment-plan";
import { serviceVerdict } from "../stack/service-verdict";
import type { StackStatus } from "./stack-status";
import type { DeployEvent } from "./deploy-events";

/** One line per event for the CLI; pull progress is folded into per-image lines elsewhere. */
export function formatDeployEvent(event: DeployEvent): string | null {
  switch (event.type) {
    case "phase":
      return `▸ ${event.message}`;
    case "pull":
      return event.layer ? null : `  ⇣ ${event.image}: ${event.status}`;
    case "container":
      return `  • ${event.message}`;
    case "health":
      return (
        `  ♥ ${event.service}: ${event.status}${event.status === "starting" ? ` (${event.secondsLeft} s left)` : ""}` +
        (event.why ? `: ${event.why}` : "")
      );
    case "warning":
      return `  ⚠ ${event.message}`;
    case "failed":
      return [
        `✗ ${event.error.message}`,
        ...(event.error.hint ? [`  ${event.error.hint}`] : []),
        ...(event.logTail.length ? ["  Last log lines:", ...event.logTail.map((line) => `    ${line}`)] : []),
      ].join("\n");
    case "succeeded":
      return `✓ ${event.message} (${(event.durationMs / 1000).toFixed(1)} s)`;
  }
}

/** The plan as the CLI shows it before asking to proceed. */
export function formatPlan(plan: DeploymentPlan, deploymentDir: string): string {
  const lines = [`Deployment plan for ${plan.project} (${deploymentDir}):`];
  for (const service of plan.services) {
    lines.push(
      `  ${service.action.padEnd(9)} ${service.containerName.padEnd(32)} ${service.image ?? ""}  (${service.reason})`,
    );
  }
  lines.push(`  Temporal DB plugin: ${plan.decisions.dbPlugin}`);
  for (const conflict of plan.portConflicts) {
    lines.push(
      `  ✗ port ${conflict.port} (${conflict.field}) is taken by ${conflict.listener.description}` +
        (conflict.proposedPort ? ` → free alternative: ${conflict.proposedPort}` : ""),
    );
  }
  for (const blocker of plan.blockers) lines.push(`  ✗ ${blocker.message}`, `    ${blocker.hint}`);
  for (const warning of plan.warnings) lines.push(`  ⚠ ${warning}`);
  return lines.join("\n");
}

/** "42 s", "5 min", "3 h", "2 d"; "–" when not running. */
export function formatUptime(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

export function formatStackStatus(status: StackStatus): string {
  if (!status.deployed) return `Project ${status.project} is not deployed.`;
  const lines = [`Project ${status.project}:`];
  for (const s of status.services) {
    const ports = s.ports.map((p) => `${p.hostIp}:${p.hostPort}→${p.containerPort}`).join(", ") || "-";
    const problems = [
      s.restartCount > 0 ? `restarts ${s.restartCount}` : "",
      s.oomKilled ? "OOMKilled" : "",
      s.exitCode !== null ? `exit ${s.exitCode}` : "",
    ].filter(Boolean);
    lines.push(
      `  ${s.containerName.padEnd(32)} ${serviceVerdict(s).label.padEnd(18)} up ` +
        `${formatUptime(s.uptimeSeconds).padEnd(5)} ${ports}  ` +
        `${s.image}${problems.length ? `  [${problems.join(", ")}]` : ""}`,
    );
  }
  lines.push(`  volumes: ${status.volumes.join(", ") || "-"}`);
  return lines.join("\n");
}
