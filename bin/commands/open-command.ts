import { spawn } from "node:child_process";
import type { Environment } from "../../lib/config/config-location";
import { loadConnectionFacts } from "../../lib/connect/stack-connection";
import { MyceliumError } from "../../lib/errors";
import { loadOrCreateAccessToken } from "../../lib/security/access-token-store";
import { openProject, projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { httpGet } from "../../lib/validation/http-probe";
import { DASHBOARD_PORT_OPTION, dashboardUrl, parseOptions, parsePort, UsageError } from "../cli-support";

const PROBE_TIMEOUT_MS = 1500;

/**
 * The program that opens a URL on this desktop: `open` on macOS, `xdg-open` where Linux has a
 * display; none on CI or a headless machine, where printing the URL is all that helps.
 */
export function desktopOpener(platform: NodeJS.Platform, env: Environment): string | null {
  if (env.CI) return null;
  if (platform === "darwin") return "open";
  if (platform === "win32") return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY ? "xdg-open" : null;
}

/** Hand the URL to the desktop as one argument (never through a shell); false when that failed. */
function openOnDesktop(opener: string, url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(opener, [url], { stdio: "ignore", detached: true });
    child.once("error", () => resolve(false));
    child.once("spawn", () => {
      child.unref();
      resolve(true);
    });
  });
}

async function answers(url: string): Promise<boolean> {
  return httpGet(url, PROBE_TIMEOUT_MS).then(
    (response) => response.status > 0 && response.status < 500,
    () => false,
  );
}

/** The URL to print and the one to open (never the access token: other users see a command line). */
interface OpenTarget {
  print: string;
  open: string;
  /** What must answer for the target to be up, and what to say when it does not. */
  probe: string;
  down: string;
}

async function target(which: string, port: number, context: ProjectContext): Promise<OpenTarget> {
  if (which === "dashboard") {
    const open = dashboardUrl("127.0.0.1", port, null);
    return {
      print: dashboardUrl("127.0.0.1", port, await loadOrCreateAccessToken()),
      open,
      probe: `${open}api/health`,
      down: `The dashboard does not answer at ${open}: start it with \`mycelium serve\` (\`--port\` if not ${port}).`,
    };
  }
  const { ui } = await loadConnectionFacts(await openProject(context));
  if (!ui.enabled) {
    throw new MyceliumError("conflict:ui_disabled", `${ui.reason}: there is no Temporal UI to open.`, {
      hint: "Set services.temporal.ui_enabled to true in the config, then deploy.",
    });
  }
  return {
    print: ui.workflowsUrl,
    open: ui.workflowsUrl,
    probe: ui.url,
    down: `The Temporal UI is down (nothing answers at ${ui.url}): \`mycelium deploy status\` says why.`,
  };
}

/** `mycelium open [ui|dashboard]`: print the URL and, on a desktop, open it. */
export async function runOpenCommand(args: string[], context: ProjectContext = projectContext()): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    port: DASHBOARD_PORT_OPTION,
    "no-browser": { type: "boolean" },
  });
  const which = positionals[0] ?? "ui";
  if (which !== "ui" && which !== "dashboard") throw new UsageError(`open takes ui or dashboard, not "${which}".`);
  if (positionals.length > 1) throw new UsageError("open takes one of ui or dashboard.");
  const url = await target(which, parsePort(values.port), context);
  console.log(url.print);
  if (!(await answers(url.probe))) {
    console.error(`⚠ ${url.down}`);
    return 1;
  }
  const opener = values["no-browser"] ? null : desktopOpener(process.platform, process.env);
  if (opener && !(await openOnDesktop(opener, url.open))) {
    console.error(`⚠ Could not run ${opener}: open the URL above yourself.`);
  }
  return 0;
}
