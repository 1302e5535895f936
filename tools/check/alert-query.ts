import { blocks, isRecord } from './values';

/** The first criteria block of a scheduled query rule (azurerm_monitor_scheduled_query_rules_alert_v2). */
function criteriaOf(values: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  return blocks(values, 'criteria')[0];
}

/** The KQL of a log alert, when it is a literal. */
export function alertQuery(values: Readonly<Record<string, unknown>>): string | undefined {
  const query = criteriaOf(values)?.['query'];
  return typeof query === 'string' ? query : undefined;
}

/** Names of the dimensions a log alert splits by. */
export function alertDimensions(values: Readonly<Record<string, unknown>>): string[] {
  const dimensions = criteriaOf(values)?.['dimension'];
  return (Array.isArray(dimensions) ? dimensions : []).filter(isRecord).map((d) => String(d['name']));
}

/**
 * The columns the query's last `summarize ... by` groups its result rows by: the entities one row stands for.
 * Time bins are not entities. Comments are ignored; a query without a final grouping returns no columns.
 */
export function resultEntityColumns(query: string): string[] {
  const code = query
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''))
    .join('\n');
  const summaries = [...code.matchAll(/\|\s*summarize\b([^|]*)/g)];
  const last = summaries.at(-1)?.[1];
  const by = last ? /\bby\b([\s\S]*)$/.exec(last)?.[1] : undefined;
  if (!by) {
    return [];
  }
  return splitTopLevel(by)
    .map((part) => part.trim())
    .filter((part) => part.length > 0 && !/^bin\s*\(/.test(part) && !/=\s*bin\s*\(/.test(part))
    .map((part) => (part.includes('=') ? part.split('=')[0]!.trim() : part));
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** Minutes of an ISO 8601 duration such as PT15M, PT1H or P1D; undefined when not a literal duration. */
export function durationMinutes(value: unknown): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(value);
  if (!match || value === 'P' || value === 'PT') {
    return undefined;
  }
  return Number(match[1] ?? 0) * 1440 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}
