import { describe, expect, it } from "vitest";
import { TEMPORAL_RELEASES_GENERATED_ON } from "./compat";
import type { Finding } from "./findings";
import { parseConfigText } from "./parse-config";

/** The findings for one `services.temporal.version` value, written on line 3 with the value at column 14. */
function findingsFor(temporalVersion: string): Finding[] {
  return parseConfigText(`services:\n  temporal:\n    version: "${temporalVersion}"\n`).findings;
}

function onlyFinding(temporalVersion: string): Finding {
  const findings = findingsFor(temporalVersion);
  expect(findings, JSON.stringify(findings)).toHaveLength(1);
  return findings[0] as Finding;
}

describe("services.temporal.version", () => {
  it.each([["1.22.0"], ["1.20.3"], ["1.24.3"]])("accepts %s, a release Mycelium can deploy", (temporalVersion) => {
    expect(findingsFor(temporalVersion)).toEqual([]);
  });

  it.each([
    [
      "1.32",
      "temporal-version-minor-only",
      "1.32 names a minor line, not a release: pin a patch release of it",
      "1.32.2",
    ],
    [
      "v1.32.2",
      "temporal-version-leading-v",
      '"v1.32.2" is a Git tag; image tags and Mycelium write the version without the v',
      "1.32.2",
    ],
    [
      "1.32.2-rc1",
      "temporal-version-pre-release",
      "1.32.2-rc1 is a pre-release or build tag, which Mycelium does not offer",
      "1.32.2",
    ],
    [
      "1.31.0-151.4",
      "temporal-version-pre-release",
      "1.31.0-151.4 is a pre-release or build tag, which Mycelium does not offer",
      "1.31.0",
    ],
    [
      "latest",
      "temporal-version-not-pinned",
      '"latest" is not a release number: pin one (the newest is 1.32.2), so that every deploy runs the same server',
      "1.32.2",
    ],
    [
      "1.99.0",
      "temporal-version-unknown",
      "Temporal 1.99.0 is not a release Mycelium knows; the newest known is 1.32.2",
      "1.32.2",
    ],
    [
      "1.29.5",
      "temporal-version-unknown",
      "Temporal 1.29.5 is not a 1.29.x release Mycelium knows (newest: 1.29.7)",
      "1.29.7",
    ],
    [
      "1.32.9",
      "temporal-version-newer-than-known",
      "Temporal 1.32.9 is newer than 1.32.2, the newest 1.32.x release Mycelium knows; its release table (read on " +
        `${TEMPORAL_RELEASES_GENERATED_ON}) may be out of date`,
      "1.32.2",
    ],
    [
      "1.26.0",
      "temporal-version-retracted",
      'Temporal 1.26.0 is retracted in Temporal\'s go.mod: "Published accidentally."',
      "1.26.2",
    ],
    [
      "1.26.1",
      "temporal-version-retracted",
      'Temporal 1.26.1 is retracted in Temporal\'s go.mod: "Contains retractions only."',
      "1.26.2",
    ],
    [
      "1.30.0",
      "temporal-version-retracted",
      "Temporal 1.30.0 is retracted in Temporal's go.mod (no reason given)",
      "1.30.9",
    ],
    [
      "1.19.3",
      "temporal-version-too-old",
      "Temporal 1.19.3 is older than 1.20.0, the oldest release Mycelium knows",
      "1.20.5",
    ],
    [
      "1.9",
      "temporal-version-too-old",
      "Temporal 1.9 is older than 1.20.0, the oldest release Mycelium knows",
      "1.20.5",
    ],
  ])(
    "refuses %s (%s) at its line and column, with the release to write instead",
    (temporalVersion, code, reason, suggestion) => {
      expect(onlyFinding(temporalVersion)).toEqual({
        severity: "error",
        code,
        path: "services.temporal.version",
        message: `services.temporal.version: ${reason}`,
        fix: `set services.temporal.version to "${suggestion}"`,
        line: 3,
        column: 14,
      });
    },
  );

  it("suggests a release that is itself accepted when its minor is deployable", () => {
    for (const bad of ["1.22", "v1.22.7", "1.22.7-rc.1", "1.22.9", "1.23.5"]) {
      const suggestion = /"([^"]+)"$/.exec(onlyFinding(bad).fix)?.[1] ?? "";
      expect(findingsFor(suggestion), `${bad} → ${suggestion}`).toEqual([]);
    }
  });
});
