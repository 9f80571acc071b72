/** What the log viewer remembers between visits (localStorage). */
export interface LogSettings {
  /** Selected services; null means "all of the project's". */
  services: string[] | null;
  filter: string;
  regex: boolean;
  stdout: boolean;
  stderr: boolean;
  timestamps: boolean;
  wrap: boolean;
}

export const DEFAULT_LOG_SETTINGS: LogSettings = {
  services: null,
  filter: "",
  regex: false,
  stdout: true,
  stderr: true,
  timestamps: true,
  wrap: false,
};

export const LOG_SETTINGS_KEY = "mycelium.logs.settings.v1";

/** Stored text → settings; anything unreadable falls back field by field to the defaults. */
export function parseLogSettings(stored: string | null): LogSettings {
  if (!stored) return DEFAULT_LOG_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return DEFAULT_LOG_SETTINGS;
  }
  if (!raw || typeof raw !== "object") return DEFAULT_LOG_SETTINGS;
  // Checked by hand, field by field: this runs in the browser, where a schema library would
  // cost more JavaScript than the whole viewer.
  const fields = raw as Record<string, unknown>;
  const flag = (key: "regex" | "stdout" | "stderr" | "timestamps" | "wrap") =>
    typeof fields[key] === "boolean" ? (fields[key] as boolean) : DEFAULT_LOG_SETTINGS[key];
  const services = fields.services;
  return {
    services:
      Array.isArray(services) && services.length <= 32 && services.every((s) => typeof s === "string" && s.length <= 64)
        ? (services as string[])
        : null,
    filter: typeof fields.filter === "string" && fields.filter.length <= 500 ? fields.filter : "",
    regex: flag("regex"),
    stdout: flag("stdout"),
    stderr: flag("stderr"),
    timestamps: flag("timestamps"),
    wrap: flag("wrap"),
  };
}

/** The services to show: the remembered ones that still exist, else all. */
export function selectServices(remembered: readonly string[] | null, available: readonly string[]): string[] {
  if (remembered === null) return [...available];
  return remembered.filter((service) => available.includes(service));
}
