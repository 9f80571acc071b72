export const CHROMIUM_CANDIDATES: string[];
export function chromiumPath(): string | null;
export function dockerSocketPath(): string;
export function pingDocker(timeoutMs?: number): Promise<string | null>;
