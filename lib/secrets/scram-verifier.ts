import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, as
 * `src/common/scram-common.c` builds it), computed here so that `ALTER ROLE … PASSWORD` sends
 * only the verifier: the plain password never reaches the server, its logs
 * (`log_statement = 'ddl'`) or `pg_stat_activity`. It is what psql's `\password` does.
 *
 * The passwords Mycelium generates are ASCII letters and digits, which SASLprep leaves as they
 * are; anything else is refused rather than normalised differently from the server.
 */
export const SCRAM_ITERATIONS = 4096;

export function scramSha256Verifier(
  password: string,
  salt: Buffer = randomBytes(16),
  iterations = SCRAM_ITERATIONS,
): string {
  if (!/^[\x21-\x7e]+$/.test(password)) throw new Error("only printable ASCII passwords are supported");
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return (
    `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:` +
    `${serverKey.toString("base64")}`
  );
}

/** `'…'` with quotes doubled: a standard SQL string literal (standard_conforming_strings is on). */
export function sqlLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `"…"` with double quotes doubled: an SQL identifier, case kept. */
export function sqlIdentifier(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}
