import { readFileSync } from "node:fs";
import path from "node:path";

/** The deployment guide's Step 1 config, verbatim (the fixture the unit tests check against the guide). */
export const GUIDE_EXAMPLE_CONFIG = readFileSync(
  path.resolve(import.meta.dirname, "..", "..", "lib", "config", "fixtures", "guide-step1-config.yaml"),
  "utf8",
);
