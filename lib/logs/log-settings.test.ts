import { describe, expect, it } from "vitest";
import { DEFAULT_LOG_SETTINGS, parseLogSettings, selectServices } from "./log-settings";

describe("parseLogSettings", () => {
  it("falls back to the defaults for nothing or garbage", () => {
    expect(parseLogSettings(null)).toEqual(DEFAULT_LOG_SETTINGS);
    expect(parseLogSettings("{not json")).toEqual(DEFAULT_LOG_SETTINGS);
    expect(parseLogSettings("42")).toEqual(DEFAULT_LOG_SETTINGS);
  });

  it("keeps valid fields and replaces broken ones one by one", () => {
    expect(
      parseLogSettings(JSON.stringify({ services: ["temporal"], filter: "x", regex: "yes", wrap: true, extra: 1 })),
    ).toEqual({
      ...DEFAULT_LOG_SETTINGS,
      services: ["temporal"],
      filter: "x",
      wrap: true,
    });
  });
});

describe("selectServices", () => {
  it("is everything when nothing was chosen, else the chosen ones that still exist", () => {
    expect(selectServices(null, ["postgres", "temporal"])).toEqual(["postgres", "temporal"]);
    expect(selectServices(["temporal", "gone"], ["postgres", "temporal"])).toEqual(["temporal"]);
    expect(selectServices([], ["postgres"])).toEqual([]);
  });
});
