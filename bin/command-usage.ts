/**
 * The CLI's usage text, one entry per command: `mycelium help` prints them all by section,
 * `mycelium COMMAND --help` only that command's. It lives apart from the commands so that help
 * never loads a command's code (and its dependencies).
 */
export const COMMAND_USAGE = {
  serve: `  serve [--port 3000] [--no-token]         start the dashboard on 127.0.0.1 and print its
                                           access link; --no-token: no link needed (for a
                                           single-user machine); --print-url: only print it
        [--host H --allow-remote]          listen elsewhere (other machines can reach it)`,
  config: `  config validate [--file F] [--json]      check the config file; exit 0 valid, 1 invalid
  config init [--file F] [--force]         write a commented default config
  config path                              print where the config file is read from`,
  deploy: `  deploy start [--yes] [--use-free-ports]  detect, plan, generate and start the stack
  deploy status [--json]                   state, health, ports, uptime of each container
  deploy stop                              stop the containers (data kept)
  deploy down [--remove-data PROJECT]      remove containers and network; data only when
                                           the project name is typed after --remove-data
  deploy reuse-postgres --user NAME        use the PostgreSQL already on the configured port
                                           (password from MYCELIUM_POSTGRES_PASSWORD or stdin)`,
  logs: `  logs [service…] [-f] [--tail N] [-t]     last N lines (default 100) of the services, merged
                                           with a service prefix; -f follows until Ctrl-C`,
  backup: `  backup create [--json]                   pg_dump Temporal's databases into a new backup
  backup list [--json]                     the project's backups, newest first
  backup restore ID --confirm PROJECT      replace the current data with backup ID (Temporal
                 [--no-safety-backup]      stops meanwhile; the current data is backed up first)`,
  upgrade: `  upgrade --to VERSION [--yes] [--json]    plan, back up, then upgrade Temporal one minor at
          [--reused-postgres-confirmed]    a time, validating each step; --json without
                                           --yes prints only the plan
  upgrade --status [--json]                the project's upgrades and their steps, newest first`,
  password: `  password rotate [--yes] [--show]         give PostgreSQL a new generated password, save it in
                                           .env and recreate the containers using it`,
  validate: `  validate [--json] [--junit FILE]         run every check; exit 0 healthy, 1 degraded,
           [--watch [--interval S]]        2 cannot proceed; --watch repeats (default 60 s)`,
  fix: `  fix                                      list the fixes the health report offers
  fix ID [--yes]                           apply one, then run the report again; exit codes
                                           as validate (--yes: no question asked)`,
  namespace: `  namespace list [--json]                  the Temporal namespaces
  namespace register NAME [--retention H] [--description TEXT]
                                           register a namespace (retention ≥ 1 h, default 72)`,
  env: `  env [--profile NAME] [--json]           how an app reaches the stack: address, namespace, UI,
                                           PostgreSQL (password masked) and \`export\` lines for
                                           \`eval "$(mycelium env)"\`; --profile writes or updates
                                           that profile in Temporal's temporal.toml`,
  open: `  open [ui|dashboard] [--no-browser]       print the URL (ui: the namespace's workflows page)
                      [--port 3000]        and open it when there is a desktop`,
  export: `  export helm --postgres-host H            write values.yaml for Temporal's Helm chart 1.x and
              [--postgres-port P]          NOTES with the install steps; with the password in
              [--postgres-user U]          MYCELIUM_POSTGRES_PASSWORD (or a reused server's),
              [--out DIR]                  a Secret manifest (0600); DIR: ./PROJECT-helm`,
  "support-bundle": `  support-bundle [--out DIR]               write an archive for a bug report: health
                                           report, config, generated files, container
                                           states and recent logs, secrets redacted`,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

const SECTIONS: readonly [heading: string, commands: readonly CommandName[]][] = [
  ["Dashboard", ["serve"]],
  ["Configuration", ["config"]],
  ["Deployment", ["deploy", "upgrade", "export"]],
  ["Logs", ["logs"]],
  ["Maintenance", ["backup", "password"]],
  ["Health", ["validate", "fix", "namespace"]],
  ["Your app", ["env", "open"]],
  ["Support", ["support-bundle"]],
];

const CONFIG_LOCATION = `The config file is $MYCELIUM_CONFIG, else $XDG_CONFIG_HOME/mycelium/config.yaml,
else ~/.config/mycelium/config.yaml.`;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_USAGE, name);
}

/** Every command, by section. */
export function fullUsage(): string {
  const sections = SECTIONS.map(([heading, commands]) =>
    [heading, ...commands.map((command) => COMMAND_USAGE[command])].join("\n"),
  );
  return [`Usage: mycelium <command> [options]`, ...sections, CONFIG_LOCATION].join("\n\n");
}

/** One command's usage (`mycelium deploy --help`). */
export function commandUsage(command: CommandName): string {
  return `Usage:\n${COMMAND_USAGE[command]}`;
}
