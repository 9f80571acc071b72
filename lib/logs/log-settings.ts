import { z } from "zod";

/** What the log viewer remembers between visits (localStorage), validated on the way in. */
export const logSettingsSchema = z.object({
  /** Selected services; null means "all of the project's". */
  services: z.array(z.string().max(64)).max(32).nullable().catch(null),
  filter: z.string().max(500).catch(""),
  regex: z.boolean().catch(false),
  stdout: z.boolean().catch(true),
  stderr: z.boolean().catch(true),
  timestamps: z.boolean().catch(true),
  wrap: z.boolean().catch(false),
});

export type LogSettings = z.output<typeof logSettingsSchema>;

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
  const result = logSettingsSchema.safeParse({ ...DEFAULT_LOG_SETTINGS, ...raw });
  return result.success ? result.data : DEFAULT_LOG_SETTINGS;
}

/** The services to show: the remembered ones that still exist, else all. */
export function selectServices(remembered: readonly string[] | null, available: readonly string[]): string[] {
  if (remembered === null) return [...available];
  return remembered.filter((service) => available.includes(service));
}
