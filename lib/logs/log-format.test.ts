import { describe, expect, it } from "vitest";
import { displayColumns, formatCliLine, formatPlainLine, serviceCss, serviceSgr } from "./log-format";

const line = {
  service: "postgres",
  stream: "stderr" as const,
  ts: "2024-05-01T12:00:00.000000001Z",
  text: "\x1b[31mERROR\x1b[0m: x",
};

describe("log formatting", () => {
  it("gives the stack's services fixed colours and others a stable one", () => {
    expect(serviceSgr("postgres")).toBe(34);
    expect(serviceSgr("temporal")).toBe(32);
    expect(serviceCss("custom")).toBe(serviceCss("custom"));
  });

  it("prints CLI lines plain off a terminal and coloured on one", () => {
    expect(formatCliLine(line, { colour: false, width: 10, timestamps: false })).toBe("postgres   | ERROR: x");
    expect(formatCliLine(line, { colour: true, width: 8, timestamps: true })).toBe(
      "\x1b[34mpostgres |\x1b[0m 2024-05-01T12:00:00.000000001Z \x1b[31mERROR\x1b[0m: x\x1b[0m",
    );
  });

  it("writes plain lines for a download", () => {
    expect(formatPlainLine(line)).toBe("2024-05-01T12:00:00.000000001Z postgres stderr | ERROR: x");
  });

  it("counts tabs to the next stop of 8", () => {
    expect(displayColumns("ab\tc")).toBe(9);
    expect(displayColumns("abc")).toBe(3);
  });
});
