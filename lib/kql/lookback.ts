import { ALL_TABLES } from './schemas';

const UNIT_DAYS: Readonly<Record<string, number>> = { d: 1, h: 1 / 24, m: 1 / 1440, s: 1 / 86_400, ms: 1 / 86_400_000 };
const TIMESPAN = /^(\d+(?:\.\d+)?)(d|h|ms|m|s)$/;

function days(literal: string): number | undefined {
  const match = TIMESPAN.exec(literal.trim());
  return match ? Number(match[1]) * UNIT_DAYS[match[2]!]! : undefined;
}

/** Code without `//` comments, which may name tables and spans the query does not read. */
function code(query: string): string {
  return query
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''))
    .join('\n');
}

/**
 * How many days back a query reads: the longest `ago(...)` of a timespan literal or of a `let` bound to one, summed
 * with `ago(a + b)` terms. Undefined when the query has no `ago` (its range then comes from the caller).
 */
export function lookbackDays(query: string): number | undefined {
  const text = code(query);
  const bound = new Map<string, number>();
  for (const match of text.matchAll(/\blet\s+(\w+)\s*=\s*([0-9.]+(?:d|h|ms|m|s))\s*;/g)) {
    bound.set(match[1]!, days(match[2]!)!);
  }
  let longest: number | undefined;
  for (const match of text.matchAll(/\bago\(([^)]*)\)/g)) {
    const terms = match[1]!.split('+').map((term) => term.trim());
    const spans = terms.map((term) => days(term) ?? bound.get(term));
    if (spans.every((span) => span !== undefined)) {
      const total = spans.reduce<number>((sum, span) => sum + span!, 0);
      longest = Math.max(longest ?? 0, total);
    }
  }
  return longest;
}

/** The workspace tables a query names (by the schemas the project transcribes), comments aside. */
export function tablesRead(query: string): string[] {
  const text = code(query);
  return ALL_TABLES.map((table) => table.name).filter((name) => new RegExp(`\\b${name}\\b`).test(text));
}
