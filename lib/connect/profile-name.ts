/**
 * A profile name Mycelium writes: a bare TOML key, so its `[profile.NAME]` header never needs
 * quoting, and safe in a shell. Apart from the writer so that the browser can check it too.
 */
export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const PROFILE_NAME_RULE = "use 1–64 letters, digits, '_' or '-'";
