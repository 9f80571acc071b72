export const CHROMIUM_CANDIDATES: string[];
export function chromiumPath(): string | null;
export function dockerSocketPath(): string;
export function pingDocker(timeoutMs?: number): Promise<string | null>;
export declare const REGISTRY: string;
export declare function registryPath(image: string): { repository: string; tag: string };
export declare function registryProblem(image: string): Promise<string | null>;
