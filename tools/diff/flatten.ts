/**
 * Flattens synthesized Terraform JSON into attribute paths, so two versions compare attribute by attribute.
 * Lists of named blocks (NSG rules, Application Gateway listeners, ...) are keyed by name, not position, so
 * inserting one block shows one addition rather than a shifted list.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PLAIN_KEY = /^[A-Za-z_][\w-]*$/;

function keySegment(key: string): string {
  return PLAIN_KEY.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Block lists whose items all carry a distinct string `name` are keyed by it. */
function namedKeys(list: readonly unknown[]): string[] | undefined {
  if (list.length === 0) {
    return undefined;
  }
  const names: string[] = [];
  for (const item of list) {
    if (!isRecord(item) || typeof item['name'] !== 'string') {
      return undefined;
    }
    names.push(item['name']);
  }
  return new Set(names).size === names.length ? names : undefined;
}

/** Attribute keys whose string values are documents (policies, queries) and diff as text. */
export const TEXT_KEYS = new Set(['xml_content', 'query', 'body', 'content_value', 'template_content', 'definition']);

export function isTextValue(key: string | undefined, value: unknown): value is string {
  return typeof value === 'string' && (value.includes('\n') || (key !== undefined && TEXT_KEYS.has(key)));
}

/** Path → leaf value, in document order. `//` metadata is left out. */
export function flatten(value: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  walk(value, '', undefined, out);
  return out;
}

function walk(value: unknown, path: string, key: string | undefined, out: Map<string, unknown>): void {
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([k]) => k !== '//');
    if (entries.length === 0) {
      out.set(path, {});
      return;
    }
    for (const [k, v] of entries) {
      walk(v, `${path}${keySegment(k)}`, k, out);
    }
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.set(path, []);
      return;
    }
    const names = namedKeys(value);
    value.forEach((item, index) => {
      const segment = names ? `[name=${JSON.stringify(names[index])}]` : `[${index}]`;
      walk(item, `${path}${segment}`, key, out);
    });
    return;
  }
  out.set(path, value);
}

/** The attribute name a path ends in (`ssl_certificate[name="gw"].data` → `data`). */
export function lastKey(path: string): string | undefined {
  const match = /(?:\.([A-Za-z_][\w-]*)|\["((?:[^"\\]|\\.)*)"\])(?:\[[^\]]*\])*$/.exec(path);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** A path without list selectors, for matching against attribute patterns (`a[0].b` → `a.b`). */
export function schemaPath(path: string): string {
  return path.replace(/\[(?:\d+|name="(?:[^"\\]|\\.)*")\]/g, '').replace(/^\./, '');
}
