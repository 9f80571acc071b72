/**
 * A namespace name and retention Temporal accepts. Apart from the registering code so that the
 * browser checks the same rule the server does.
 */
export const NAMESPACE_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,254}$/;

export const MIN_RETENTION_HOURS = 1;
