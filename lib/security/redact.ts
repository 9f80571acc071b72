/**
 * Remove secrets from any text that may reach a user: error messages from pg and Docker,
 * container log lines, reports. Known secret values are replaced wherever they appear, and
 * passwords inside connection strings are masked even when the value is not known.
 */
const CONNECTION_STRING_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]+:)([^@\s/]+)(@)/gi;
const PASSWORD_ASSIGNMENT =
  /\b((?:POSTGRES_PASSWORD|POSTGRES_PWD|SQL_PASSWORD|PGPASSWORD|password)\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi;
const MASK = "••••••";

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let redacted = text;
  for (const secret of secrets) {
    // Short values would mask ordinary words; generated passwords are long.
    if (secret.length >= 6) redacted = redacted.split(secret).join(MASK);
  }
  return redacted.replace(CONNECTION_STRING_PASSWORD, `$1${MASK}$3`).replace(PASSWORD_ASSIGNMENT, `$1${MASK}`);
}
