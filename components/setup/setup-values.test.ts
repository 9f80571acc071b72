import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETUP_VALUES,
  hasDuplicatePorts,
  isValidPortList,
  isValidProjectName,
  parseStoredSetupValues,
  portList,
  toConfigEdits,
} from "./setup-values";

describe("parseStoredSetupValues", () => {
  it("lays stored answers over the defaults", () => {
    expect(parseStoredSetupValues(JSON.stringify({ projectName: "shop", uiPort: "8081" }))).toEqual({
      ...DEFAULT_SETUP_VALUES,
      projectName: "shop",
      uiPort: "8081",
    });
  });

  it("gives the defaults for nothing stored or unreadable JSON", () => {
    expect(parseStoredSetupValues(null)).toEqual(DEFAULT_SETUP_VALUES);
    expect(parseStoredSetupValues("{not json")).toEqual(DEFAULT_SETUP_VALUES);
  });
});

describe("isValidProjectName", () => {
  it("takes what compose takes as a project name, at most 63 characters", () => {
    expect(isValidProjectName("temporal-deployment")).toBe(true);
    expect(isValidProjectName("1st")).toBe(true);
    expect(isValidProjectName("a".repeat(63))).toBe(true);
    expect(isValidProjectName("a".repeat(64))).toBe(false);
    expect(isValidProjectName("-leading-dash")).toBe(false);
    expect(isValidProjectName("Upper")).toBe(false);
    expect(isValidProjectName("")).toBe(false);
  });
});

describe("ports", () => {
  it("lists the ports in the order of the fields", () => {
    expect(portList({ ...DEFAULT_SETUP_VALUES, postgresPort: "1", temporalPort: "2", uiPort: "3" })).toBe("1,2,3");
  });

  it("accepts only whole port numbers from 1 to 65535", () => {
    expect(isValidPortList("5432,7233,8080")).toBe(true);
    expect(isValidPortList("1,65535,80")).toBe(true);
    expect(isValidPortList("0,7233,8080")).toBe(false);
    expect(isValidPortList("65536,7233,8080")).toBe(false);
    expect(isValidPortList("5432,,8080")).toBe(false);
    expect(isValidPortList("54.3,7233,8080")).toBe(false);
  });

  it("finds two services on one port", () => {
    expect(hasDuplicatePorts(DEFAULT_SETUP_VALUES)).toBe(false);
    expect(hasDuplicatePorts({ ...DEFAULT_SETUP_VALUES, uiPort: "7233" })).toBe(true);
  });
});

describe("toConfigEdits", () => {
  it("writes names, numeric ports and versions, and leaves images to the file's defaults", () => {
    expect(toConfigEdits(DEFAULT_SETUP_VALUES)).toEqual({
      project_name: "temporal-deployment",
      "services.postgres.port": 5432,
      "services.postgres.version": DEFAULT_SETUP_VALUES.postgresVersion,
      "services.temporal.frontend_port": 7233,
      "services.temporal.ui_port": 8080,
      "services.temporal.version": DEFAULT_SETUP_VALUES.temporalVersion,
    });
  });

  it("adds the images given, trimmed", () => {
    const edits = toConfigEdits({
      ...DEFAULT_SETUP_VALUES,
      postgresImage: " registry.local/postgres:16 ",
      temporalImage: "  ",
      uiImage: "registry.local/ui:2",
    });
    expect(edits["services.postgres.image"]).toBe("registry.local/postgres:16");
    expect(Object.keys(edits)).not.toContain("services.temporal.image");
    expect(edits["services.temporal.ui_image"]).toBe("registry.local/ui:2");
  });
});
