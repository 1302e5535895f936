/** Levenshtein distance, for suggesting the name a typo meant. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/**
 * The known name closest to `candidate` (case-insensitive), when it is within `maxDistance` edits; the first of
 * equally close names in `known` order wins, so suggestions are deterministic.
 */
export function closest(candidate: string, known: readonly string[], maxDistance = 2): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= maxDistance && (!best || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name;
}
