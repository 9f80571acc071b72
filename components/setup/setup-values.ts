import { NEWCOMER_VERSIONS } from "@/lib/config/newcomer-defaults";
import type { ConfigEdits } from "@/lib/config/config-edits";

/** The newcomer's answers as the form holds them: ports as typed, images empty unless overridden. */
export interface SetupValues {
  projectName: string;
  postgresPort: string;
  temporalPort: string;
  uiPort: string;
  temporalVersion: string;
  postgresVersion: string;
  postgresImage: string;
  temporalImage: string;
  uiImage: string;
}

export const DEFAULT_SETUP_VALUES: SetupValues = {
  projectName: "temporal-deployment",
  postgresPort: "5432",
  temporalPort: "7233",
  uiPort: "8080",
  temporalVersion: NEWCOMER_VERSIONS.temporal,
  postgresVersion: NEWCOMER_VERSIONS.postgres,
  postgresImage: "",
  temporalImage: "",
  uiImage: "",
};

/** Stored answers over the defaults; anything unreadable gives the defaults. */
export function parseStoredSetupValues(text: string | null): SetupValues {
  try {
    return { ...DEFAULT_SETUP_VALUES, ...(JSON.parse(text ?? "{}") as Partial<SetupValues>) };
  } catch {
    return DEFAULT_SETUP_VALUES;
  }
}

const PROJECT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function isValidProjectName(name: string): boolean {
  return PROJECT_NAME.test(name);
}

export const PORT_FIELDS = [
  { key: "postgresPort", label: "PostgreSQL port" },
  { key: "temporalPort", label: "Temporal gRPC port" },
  { key: "uiPort", label: "Temporal UI port" },
] as const;

/** The ports as the availability API takes them: comma-separated, in PORT_FIELDS order. */
export function portList(values: SetupValues): string {
  return PORT_FIELDS.map((field) => values[field.key]).join(",");
}

export function isValidPortList(ports: string): boolean {
  return ports.split(",").every((port) => /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535);
}

export function hasDuplicatePorts(values: SetupValues): boolean {
  return new Set(PORT_FIELDS.map((field) => values[field.key])).size < PORT_FIELDS.length;
}

/** The config edits the answers amount to; untouched defaults are left to the file's defaults. */
export function toConfigEdits(values: SetupValues): ConfigEdits {
  const edits: ConfigEdits = {
    project_name: values.projectName,
    "services.postgres.port": Number(values.postgresPort),
    "services.postgres.version": values.postgresVersion,
    "services.temporal.frontend_port": Number(values.temporalPort),
    "services.temporal.ui_port": Number(values.uiPort),
    "services.temporal.version": values.temporalVersion,
  };
  if (values.postgresImage.trim()) edits["services.postgres.image"] = values.postgresImage.trim();
  if (values.temporalImage.trim()) edits["services.temporal.image"] = values.temporalImage.trim();
  if (values.uiImage.trim()) edits["services.temporal.ui_image"] = values.uiImage.trim();
  return edits;
}
