import { describe, expect, it } from "vitest";
import {
  DEPLOYABLE_UP_TO,
  deployableTemporalRange,
  deployableTemporalVersions,
  deploymentShape,
  expectedSchemaVersions,
  findTemporalRelease,
  newestTemporalRelease,
  pairedUiVersion,
  parseVersion,
  TEMPORAL_RELEASES,
  type Version,
} from "./compat";
import releaseTable from "./temporal-releases.json" with { type: "json" };

function version(text: string): Version {
  const parsed = parseVersion(text);
  if (!parsed) throw new Error(`not a version: ${text}`);
  return parsed;
}

/** `v1.24.1–v1.24.3` → ["1.24.1", "1.24.2", "1.24.3"]; `v1.27.0` → ["1.27.0"]. */
function expandTags(tags: string): string[] {
  const [first, last = first] = tags.split("–").map((tag) => version(tag.replace(/^v/, "")));
  if (!first || !last) throw new Error(`bad range: ${tags}`);
  return Array.from(
    { length: last.patch - first.patch + 1 },
    (_, i) => `${first.major}.${first.minor}.${first.patch + i}`,
  );
}

/** shared/reference/current-temporal.md §1, row by row (schema/postgresql/v12/version.go at each tag). */
const FACTS_SHEET_ROWS = [
  { tags: "v1.20.0–v1.20.5", main: "1.9", visibility: "1.2" },
  { tags: "v1.21.0–v1.21.6", main: "1.10", visibility: "1.3" },
  { tags: "v1.22.0–v1.22.7", main: "1.10", visibility: "1.3" },
  { tags: "v1.23.0–v1.23.1", main: "1.11", visibility: "1.4" },
  { tags: "v1.24.0", main: "1.12", visibility: "1.5" },
  { tags: "v1.24.1–v1.24.3", main: "1.12", visibility: "1.6" },
  { tags: "v1.25.0–v1.25.2", main: "1.14", visibility: "1.6" },
  { tags: "v1.26.2–v1.26.3", main: "1.14", visibility: "1.7" },
  { tags: "v1.27.0", main: "1.15", visibility: "1.9" },
  { tags: "v1.27.1–v1.27.4", main: "1.16", visibility: "1.9" },
  { tags: "v1.28.0–v1.28.4", main: "1.17", visibility: "1.9" },
  { tags: "v1.29.0–v1.29.7", main: "1.18", visibility: "1.9" },
  { tags: "v1.30.1–v1.30.6", main: "1.18", visibility: "1.13" },
  { tags: "v1.31.0–v1.31.5", main: "1.19", visibility: "1.14" },
  { tags: "v1.32.0–v1.32.2", main: "1.19", visibility: "1.14" },
];

/** Tags the facts sheet names that the module proxy did not serve when the table was generated (2026-12-07). */
const NOT_SERVED_BY_PROXY = [
  "1.26.3",
  "1.28.2",
  "1.28.3",
  "1.28.4",
  "1.29.3",
  "1.29.4",
  "1.29.5",
  "1.29.6",
  "1.30.2",
  "1.30.5",
];

describe("the release table (temporal-releases.json)", () => {
  it("holds the facts sheet's schema for every release the proxy served", () => {
    const missing: string[] = [];
    for (const row of FACTS_SHEET_ROWS) {
      for (const tag of expandTags(row.tags)) {
        const release = findTemporalRelease(version(tag));
        if (!release) missing.push(tag);
        else expect(release.schema, tag).toEqual({ main: row.main, visibility: row.visibility });
      }
    }
    expect(missing).toEqual(NOT_SERVED_BY_PROXY);
  });

  it("refuses exactly the releases retracted in go.mod, with go.mod's comment", () => {
    const retracted = TEMPORAL_RELEASES.filter((release) => release.retracted).map((release) => [
      release.version,
      release.retracted?.reason,
    ]);
    expect(retracted).toEqual([
      ["1.26.0", "Published accidentally."],
      ["1.26.1", "Contains retractions only."],
      ["1.30.0", null],
    ]);
  });

  it("records go.mod's go line as the facts sheet reads it", () => {
    const goLines = {
      "1.22.0": "1.20",
      "1.22.7": "1.20",
      "1.25.2": "1.22.8",
      "1.27.4": "1.23.2",
      "1.29.7": "1.25.11",
      "1.30.6": "1.25.11",
      "1.31.2": "1.26.4",
      "1.32.0": "1.26.8",
      "1.32.1": "1.26.8",
      "1.30.9": "1.26.10",
      "1.31.5": "1.26.10",
      "1.32.2": "1.26.10",
    };
    for (const [tag, go] of Object.entries(goLines))
      expect(findTemporalRelease(version(tag))?.goDirective, tag).toBe(go);
  });

  it("knows 1.32.2 as the newest release, as the proxy listed it", () => {
    expect(newestTemporalRelease()?.version).toBe("1.32.2");
    expect(releaseTable.newestListedByProxy).toBe("1.32.2");
    expect(releaseTable.generatedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("is sorted oldest first without duplicates, starting at 1.20.0", () => {
    const versions = TEMPORAL_RELEASES.map((release) => version(release.version));
    expect(TEMPORAL_RELEASES[0]?.version).toBe("1.20.0");
    for (let i = 1; i < versions.length; i++) {
      const [a, b] = [versions[i - 1] as Version, versions[i] as Version];
      expect(a.major - b.major || a.minor - b.minor || a.patch - b.patch, TEMPORAL_RELEASES[i]?.version).toBeLessThan(
        0,
      );
    }
  });

  it("gives every release a UI pairing, and every release it offers a schema", () => {
    for (const release of TEMPORAL_RELEASES) {
      expect(release.uiVersion, release.version).toMatch(/^\d+\.\d+\.\d+$/);
      if (!release.retracted) expect(release.schema, release.version).not.toBeNull();
    }
  });

  it("reads ServerVersion equal to the tag, except where Temporal left it behind", () => {
    const differing = TEMPORAL_RELEASES.filter(
      (release) => release.schema && release.serverVersion !== release.version,
    );
    expect(differing.map((release) => [release.version, release.serverVersion])).toEqual([["1.22.1", "1.22.0"]]);
  });
});

describe("pairedUiVersion", () => {
  it("pairs the releases the facts name, per patch", () => {
    const pairings = {
      "1.22.0": "2.17.1",
      "1.22.1": "2.19.0",
      "1.22.3": "2.21.0",
      "1.22.4": "2.22.3",
      "1.22.7": "2.22.3",
      "1.30.1": "2.34.0",
      "1.31.0": "2.49.1",
      "1.31.2": "2.52.0",
      "1.32.0": "2.54.1",
      "1.32.2": "2.54.1",
    };
    for (const [server, ui] of Object.entries(pairings)) expect(pairedUiVersion(version(server)), server).toBe(ui);
  });

  it("has no pairing for a version outside the table", () => {
    expect(pairedUiVersion(version("1.99.0"))).toBeNull();
  });
});

describe("expectedSchemaVersions", () => {
  it("is a property of the patch release, not of the minor", () => {
    expect(expectedSchemaVersions(version("1.24.0"), "postgres12")).toEqual({ main: "1.12", visibility: "1.5" });
    expect(expectedSchemaVersions(version("1.24.1"), "postgres12")).toEqual({ main: "1.12", visibility: "1.6" });
    expect(expectedSchemaVersions(version("1.27.0"), "postgres12_pgx")).toEqual({ main: "1.15", visibility: "1.9" });
    expect(expectedSchemaVersions(version("1.27.1"), "postgres12")).toEqual({ main: "1.16", visibility: "1.9" });
    expect(expectedSchemaVersions(version("1.26.2"), "postgres12")).toEqual({ main: "1.14", visibility: "1.7" });
  });

  it("keeps the v96 visibility schema up to 1.23, which is the last release with it", () => {
    expect(expectedSchemaVersions(version("1.22.0"), "postgresql")).toEqual({ main: "1.10", visibility: "1.1" });
    expect(expectedSchemaVersions(version("1.23.1"), "postgres")).toEqual({ main: "1.11", visibility: "1.1" });
    expect(expectedSchemaVersions(version("1.24.0"), "postgresql")).toBeNull();
  });

  it("knows no schema for a version outside the table or a retracted release the proxy no longer serves", () => {
    expect(expectedSchemaVersions(version("1.99.0"), "postgres12")).toBeNull();
    expect(expectedSchemaVersions(version("1.26.0"), "postgres12")).toBeNull();
  });
});

describe("deploymentShape", () => {
  it(
    "deploys the auto-setup line up to 1.29, and temporalio/server " + "+ admin-tools from 1.30.0 to DEPLOYABLE_UP_TO",
    () => {
      expect(DEPLOYABLE_UP_TO).toEqual({ major: 1, minor: 32 });
      expect(deploymentShape(version("1.20.0"))).toBe("auto-setup");
      expect(deploymentShape(version("1.24.3"))).toBe("auto-setup");
      expect(deploymentShape(version("1.29.7"))).toBe("auto-setup");
      expect(deploymentShape(version("1.30.1"))).toBe("server-and-admin-tools");
      expect(deploymentShape(version("1.32.2"))).toBe("server-and-admin-tools");
    },
  );

  it("never deploys a retracted release or one outside the table", () => {
    expect(deploymentShape(version("1.26.0"))).toBeNull();
    expect(deploymentShape(version("1.30.0"))).toBeNull();
    expect(deploymentShape(version("1.24.9"))).toBeNull();
    expect(deploymentShape(version("1.19.0"))).toBeNull();
  });

  it("offers the deployable releases newest first, and names their range", () => {
    const offered = deployableTemporalVersions();
    expect(offered[0]).toBe("1.32.2");
    expect(offered.at(-1)).toBe("1.20.0");
    // Every row of the table but the three retracted releases (1.26.0, 1.26.1, 1.30.0).
    expect(offered).toHaveLength(TEMPORAL_RELEASES.length - 3);
    expect(offered).toContain("1.22.0"); // the guide's
    expect(deployableTemporalRange()).toBe("1.20.0–1.32.2");
  });
});
