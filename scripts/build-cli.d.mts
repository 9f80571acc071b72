export function isCliStale(): boolean;
export function buildCli(options?: { ifStale?: boolean }): Promise<void>;
