import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { scramSha256Verifier, sqlIdentifier, sqlLiteral } from "./scram-verifier";

describe("scramSha256Verifier", () => {
  // RFC 7677 §3: user "user", password "pencil", this salt and 4096 iterations.
  const salt = Buffer.from("W22ZaJ0SNY7soEsUEjb6gQ==", "base64");
  const authMessage =
    "n=user,r=rOprNGfwEbeRWgbNEkqO," +
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096," +
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";

  it("stores keys that verify the RFC 7677 exchange", () => {
    const verifier = scramSha256Verifier("pencil", salt, 4096);
    const match = /^SCRAM-SHA-256\$4096:([^$]+)\$([^:]+):(.+)$/.exec(verifier);
    expect(match?.[1]).toBe("W22ZaJ0SNY7soEsUEjb6gQ==");
    const storedKey = Buffer.from(match![2]!, "base64");
    const serverKey = Buffer.from(match![3]!, "base64");
    // The server's signature the RFC shows…
    expect(createHmac("sha256", serverKey).update(authMessage).digest("base64")).toBe(
      "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
    );
    // …and the client's proof checks against the stored key, as the server checks it.
    const proof = Buffer.from("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "base64");
    const signature = createHmac("sha256", storedKey).update(authMessage).digest();
    const clientKey = Buffer.from(proof.map((byte, i) => byte ^ signature[i]!));
    expect(createHash("sha256").update(clientKey).digest().equals(storedKey)).toBe(true);
  });

  it("uses a fresh salt each time", () => {
    expect(scramSha256Verifier("same-password")).not.toBe(scramSha256Verifier("same-password"));
  });

  it("refuses what SASLprep could change", () => {
    expect(() => scramSha256Verifier("pässword")).toThrow();
    expect(() => scramSha256Verifier("with space")).toThrow();
  });
});

describe("SQL quoting", () => {
  it("doubles quotes", () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlIdentifier('a"b')).toBe('"a""b"');
  });
});
