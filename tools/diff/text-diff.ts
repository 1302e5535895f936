/** Line diffs of multi-line attribute values (policy XML, KQL), in unified format. */

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** Longest-common-subsequence table cells above which the middle part is shown as a whole replacement. */
const MAX_CELLS = 4_000_000;

function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: Op[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
  const tail: Op[] = a.slice(endA).map((line) => ({ kind: ' ', line }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    return [...head, ...midA.map((line) => ({ kind: '-' as const, line })), ...midB.map((line) => ({ kind: '+' as const, line })), ...tail];
  }
  // lcs[i][j] = length of the LCS of midA[i..] and midB[j..]
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        midA[i] === midB[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const middle: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      middle.push({ kind: ' ', line: midA[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      middle.push({ kind: '-', line: midA[i]! });
      i++;
    } else {
      middle.push({ kind: '+', line: midB[j]! });
      j++;
    }
  }
  while (i < n) {
    middle.push({ kind: '-', line: midA[i++]! });
  }
  while (j < m) {
    middle.push({ kind: '+', line: midB[j++]! });
  }
  return [...head, ...middle, ...tail];
}

function splitLines(text: string): string[] {
  if (text === '') {
    return [];
  }
  const lines = text.split('\n');
  return lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}

function range(start: number, count: number): string {
  // Unified format names the line before an empty range.
  const first = count === 0 ? start - 1 : start;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/**
 * Hunks of a unified diff (without file headers) between two texts, with `context` unchanged lines around each
 * change. Empty when the texts are equal.
 */
export function unifiedDiff(before: string, after: string, context = 3): string[] {
  const ops = editScript(splitLines(before), splitLines(after));
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index !== -1);
  if (changed.length === 0) {
    return [];
  }
  // Group changes whose context windows touch into one hunk.
  const groups: Array<[number, number]> = [];
  for (const index of changed) {
    const last = groups[groups.length - 1];
    if (last && index - last[1] <= 2 * context) {
      last[1] = index;
    } else {
      groups.push([index, index]);
    }
  }
  const lines: string[] = [];
  for (const [first, last] of groups) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    let oldLine = 1;
    let newLine = 1;
    for (let k = 0; k < from; k++) {
      if (ops[k]!.kind !== '+') {
        oldLine++;
      }
      if (ops[k]!.kind !== '-') {
        newLine++;
      }
    }
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    lines.push(`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`);
    for (const op of slice) {
      lines.push(`${op.kind}${op.line}`);
    }
  }
  return lines;
}
