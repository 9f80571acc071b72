/**
 * "Did you mean …?" for misspelt keys, settings and enum values. Optimal-string-alignment
 * distance (Levenshtein plus adjacent transposition) so that `prot` → `port` costs one edit:
 * transposed letters are the most common typo in hand-written YAML.
 */

/** Edit distance between two strings, counting an adjacent transposition as one edit. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows are enough: the transposition step looks two rows back.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current[j] = best;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `input`, or null when none is close enough to be a plausible typo.
 * Case, `-` and `_` are ignored when comparing (`maxConnections`, `max-connections`).
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | null {
  const normalizedInput = normalize(input);
  // Short words tolerate one edit, longer ones about a third of their length.
  const tolerance = Math.max(1, Math.floor(normalizedInput.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const distance = editDistance(normalizedInput, normalize(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= tolerance ? best : null;
}

function normalize(word: string): string {
  return word.toLowerCase().replace(/[-_]/g, "");
}
