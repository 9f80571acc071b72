import { describe, expect, it } from "vitest";
import { briefText, describeValue, quoteText, quoteValue } from "./quote-value";

describe("quoteText", () => {
  it("quotes short text whole", () => {
    expect(quoteText("temporal-local")).toBe('"temporal-local"');
  });

  it("quotes a short prefix of long text, with its length", () => {
    const quoted = quoteText("a".repeat(1_048_576));
    expect(quoted).toBe(`"${"a".repeat(40)}…" (1048576 characters)`);
  });

  it("does not cut a surrogate pair in two", () => {
    const text = `${"a".repeat(39)}😀${"b".repeat(100)}`;
    expect(briefText(text)).toBe(`${"a".repeat(39)}…`);
  });
});

describe("quoteValue", () => {
  it("writes scalars as YAML would, strings quoted briefly", () => {
    expect(quoteValue(15)).toBe("15");
    expect(quoteValue(true)).toBe("true");
    expect(quoteValue("b".repeat(61))).toBe(`"${"b".repeat(40)}…" (61 characters)`);
  });
});

describe("describeValue", () => {
  it("names each kind of value", () => {
    expect(describeValue("x")).toBe('the string "x"');
    expect(describeValue(null)).toBe("an empty value");
    expect(describeValue([1])).toBe("a list");
    expect(describeValue({ a: 1 })).toBe("a mapping");
    expect(describeValue(5432)).toBe("5432");
  });

  it("keeps a huge string short", () => {
    expect(describeValue("z".repeat(200_000)).length).toBeLessThan(100);
  });
});
