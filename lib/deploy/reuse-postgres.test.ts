import { describe, expect, it } from "vitest";
import { reuseRequestSchema } from "./reuse-postgres";

describe("reuseRequestSchema", () => {
  it("takes a plain user and any one-line password", () => {
    expect(reuseRequestSchema.parse({ user: "temporal_app", password: "p@ss w0rd$#\"'" })).toEqual({
      user: "temporal_app",
      password: "p@ss w0rd$#\"'",
    });
  });

  it.each([
    [{ user: "temporal", password: "" }, "enter the password"],
    [{ user: "temporal", password: "two\nlines" }, "cannot contain line breaks"],
    [{ user: "temporal", password: " padded" }, "cannot start or end with a space"],
    [{ user: "Robert'); DROP", password: "x" }, "lower-case SQL identifier"],
    [{ user: "temporal", password: "x", host: "10.0.0.1" }, "Unrecognized key"],
  ])("refuses %j", (body, message) => {
    const result = reuseRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.message).join(" ")).toContain(message);
  });
});
