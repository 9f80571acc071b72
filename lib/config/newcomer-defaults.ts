import { deployableTemporalVersions } from "./compat";

/**
 * The versions a newcomer is offered (`mycelium config init`, the setup wizard, the editor's
 * reset): the newest release Mycelium deploys, and PostgreSQL 16, which Temporal's own compose
 * files use (current-temporal.md §1, §3). The schema's defaults stay the guide's Step 1 (1.22.0,
 * 15.3), so a config that leaves a version out means what the guide means, and the guide's
 * versions remain one choice away.
 */
export const NEWCOMER_VERSIONS = {
  temporal: deployableTemporalVersions()[0]!,
  postgres: "16",
} as const;
