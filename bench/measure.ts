/** Helpers the benches share to compare ours with a baseline measured in the same run. */

/** The middle sample (the mean of the two middle ones for an even count). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Measures `ours` and `baseline` in turn, A B A B…, `rounds` times each. The machine is shared
 * (other builds and tests run too): alternating spreads their load over both alike, where
 * running one side after the other would give it all to whichever ran during a busy spell.
 */
export async function alternate<T>(
  rounds: number,
  ours: () => T | Promise<T>,
  baseline: () => T | Promise<T>,
): Promise<{ ours: T[]; baseline: T[] }> {
  const samples: { ours: T[]; baseline: T[] } = { ours: [], baseline: [] };
  for (let round = 0; round < rounds; round++) {
    samples.ours.push(await ours());
    samples.baseline.push(await baseline());
  }
  return samples;
}
