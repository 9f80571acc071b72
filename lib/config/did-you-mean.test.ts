import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "./did-you-mean";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "port")).toBe(4);
    expect(editDistance("port", "port")).toBe(0);
  });

  it("counts a swap of adjacent letters as one edit", () => {
    expect(editDistance("prot", "port")).toBe(1);
    expect(editDistance("databsae", "database")).toBe(1);
  });
});

describe("didYouMean", () => {
  const keys = ["enabled", "version", "port", "database", "user", "max_connections", "custom_config"];

  it("suggests the closest key for a typo", () => {
    expect(didYouMean("prot", keys)).toBe("port");
    expect(didYouMean("verison", keys)).toBe("version");
    expect(didYouMean("custom_conifg", keys)).toBe("custom_config");
  });

  it("ignores case, dashes and underscores", () => {
    expect(didYouMean("maxConnections", keys)).toBe("max_connections");
    expect(didYouMean("max-connections", keys)).toBe("max_connections");
    expect(didYouMean("Port", keys)).toBe("port");
  });

  it("suggests nothing when no key is plausibly meant", () => {
    expect(didYouMean("kubernetes", keys)).toBeNull();
    expect(didYouMean("x", ["port"])).toBeNull();
  });
});
