import { describe, expect, it } from "vitest";
import { matchLogLine } from "./match-log-line";

describe("matchLogLine", () => {
  it("links known failure lines to their diagnosis", () => {
    expect(
      matchLogLine(
        "temporal",
        "Unable to create dynamic config client. Error: unable to validate dynamic " +
          "config: dynamic config: config/dynamicconfig/development-sql.yaml: stat " +
          "/etc/temporal/config/dynamicconfig/development-sql.yaml: no such file or directory",
      )?.id,
    ).toBe("dynamic-config-missing");
    expect(matchLogLine("temporal", 'pq: password authentication failed for user "temporal"')?.id).toBe(
      "postgres-password-failed",
    );
    expect(matchLogLine("postgres", "FATAL:  sorry, too many clients already")?.id).toBe("too-many-connections");
  });

  it("leaves ordinary and harmless lines alone", () => {
    expect(matchLogLine("temporal", "Frontend is now healthy")).toBeNull();
    expect(matchLogLine("temporal", "Search attribute CustomKeywordField already exists.")).toBeNull();
  });
});
