import { readDeploymentPasswords } from "../../lib/deploy/deployment-files";
import { checkEngine } from "../../lib/docker/docker-client";
import { openProject, projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { formatCliLine } from "../../lib/logs/log-format";
import type { LogLine } from "../../lib/logs/log-line";
import { MAX_TAIL, projectLogServices, readProjectLogs } from "../../lib/logs/log-reader";
import { followProjectLogs } from "../../lib/logs/project-log-stream";
import { parseOptions, UsageError } from "../cli-support";

/**
 * `mycelium logs [service…] [-f] [--tail N] [--timestamps]`: the stack's logs, merged in time
 * order with a `service |` prefix (coloured on a terminal, plain when piped). With -f it
 * follows, across restarts, until Ctrl-C.
 */
export async function runLogsCommand(args: string[], context: ProjectContext = projectContext()): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    follow: { type: "boolean", short: "f" },
    tail: { type: "string", short: "n", default: "100" },
    timestamps: { type: "boolean", short: "t" },
  });
  const tail = Number(values.tail);
  if (!/^\d+$/.test(values.tail) || tail > MAX_TAIL)
    throw new UsageError(`--tail must be a whole number from 0 to ${MAX_TAIL}, not "${values.tail}".`);

  const { config, engine } = await openProject(context);
  const project = config.project_name;
  const { docker } = engine;
  await checkEngine(docker);
  const { services, containers } = await projectLogServices(docker, project);
  const unknown = positionals.filter((service) => !services.includes(service));
  if (unknown.length)
    throw new UsageError(
      `Unknown service ${unknown.map((s) => `"${s}"`).join(", ")}: this project's services are ${services.join(", ")}.`,
    );
  const selected = positionals.length ? [...new Set(positionals)] : null;
  const secrets = await readDeploymentPasswords(project);

  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const width = Math.max(...(selected ?? containers.map((c) => c.service)).map((s) => s.length), 4);
  const format = (line: LogLine) => formatCliLine(line, { colour, width, timestamps: Boolean(values.timestamps) });

  if (containers.filter((c) => !selected || selected.includes(c.service)).length === 0) {
    console.error(
      `No containers of project ${project}${selected ? ` for ${selected.join(", ")}` : ""}${
        values.follow ? ": waiting for them to start (Ctrl-C to stop)." : ". Deploy first: mycelium deploy start"
      }`,
    );
    if (!values.follow) return 1;
  }

  if (!values.follow) {
    const lines = await readProjectLogs(docker, project, { services: selected, tail, secrets });
    await write(lines.map(format).join("\n") + (lines.length ? "\n" : ""));
    return 0;
  }

  return new Promise<number>((resolve, reject) => {
    let writing = false;
    const stop = (code: number) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      process.stdout.off("error", onPipeClosed);
      follower?.close();
      resolve(code);
    };
    const onSignal = () => stop(0);
    // `mycelium logs -f | head` : the reader went away, which is a normal way to stop.
    const onPipeClosed = () => stop(0);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    process.stdout.on("error", onPipeClosed);
    let follower: Awaited<ReturnType<typeof followProjectLogs>> | null = null;
    followProjectLogs({
      docker,
      project,
      services: selected,
      tail,
      secrets,
      // A slow terminal or pipe pushes back all the way to the Docker streams.
      deliver: (lines) => {
        const ok = process.stdout.write(lines.map(format).join("\n") + "\n");
        if (!ok && !writing) {
          writing = true;
          process.stdout.once("drain", () => {
            writing = false;
            follower?.resume();
          });
        }
        return ok;
      },
      onProblem: (error) => {
        console.error(`✗ ${error.message}`);
        if (error.hint) console.error(`  ${error.hint}`);
        stop(2);
      },
    }).then((opened) => {
      follower = opened;
    }, reject);
  });
}

function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once("drain", () => resolve());
  });
}
