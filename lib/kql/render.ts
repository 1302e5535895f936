/**
 * Renders KQL templates with typed values, for alert queries whose thresholds and windows come from configuration.
 *
 * A template is plain KQL with `{{name}}` placeholders standing where a literal would. Values are rendered as
 * Kusto literals (strings quoted and escaped, numbers as numeric literals, timespans as `5m`, lists as
 * `dynamic([...])`), never spliced in as text, so a value cannot change the shape of the query. Every placeholder
 * needs a value and every value must be used: both mismatches are errors naming the template.
 */

/** A duration; the fields add up (`{ hours: 1, minutes: 30 }` renders as `90m`). */
export interface KqlTimespan {
  readonly days?: number;
  readonly hours?: number;
  readonly minutes?: number;
  readonly seconds?: number;
  readonly milliseconds?: number;
}

export type KqlScalar = string | number | boolean;

export type KqlValue = KqlScalar | KqlTimespan | readonly (string | number)[];

export type KqlValues = Readonly<Record<string, KqlValue>>;

export class KqlRenderError extends Error {
  constructor(
    readonly template: string,
    readonly problem: string,
  ) {
    super(`KQL template "${template}": ${problem}`);
    this.name = 'KqlRenderError';
  }
}

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;
const OPEN = '{{';

/** Placeholder names in order of first appearance. Throws on a `{{` that does not open a valid placeholder. */
export function templateParameters(template: string, templateName = 'template'): string[] {
  const names: string[] = [];
  let expectedOpen = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const at = match.index;
    const stray = template.indexOf(OPEN, expectedOpen);
    if (stray !== -1 && stray < at) {
      throw new KqlRenderError(templateName, `malformed placeholder at offset ${stray}: use {{name}} with a letter, digits, _`);
    }
    const name = match[1];
    if (name !== undefined && !names.includes(name)) {
      names.push(name);
    }
    expectedOpen = at + match[0].length;
  }
  const stray = template.indexOf(OPEN, expectedOpen);
  if (stray !== -1) {
    throw new KqlRenderError(templateName, `malformed placeholder at offset ${stray}: use {{name}} with a letter, digits, _`);
  }
  return names;
}

/** A Kusto string literal: double-quoted, with backslash, quote and line breaks escaped. */
export function kqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case '"':
        out += '\\"';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default: {
        const code = ch.codePointAt(0) ?? 0;
        if (code < 0x20 || code === 0x7f) {
          throw new RangeError(`string contains control character U+${code.toString(16).padStart(4, '0')}`);
        }
        out += ch;
      }
    }
  }
  return `${out}"`;
}

/**
 * A Kusto numeric literal. Integers render as written (long literals); other numbers as `real(...)`. Negative
 * values are parenthesised so `x - {{n}}` cannot become `x --5`.
 */
export function kqlNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`number must be finite, got ${value}`);
  }
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new RangeError(`integer ${value} is beyond 2^53 and would lose precision`);
  }
  const text = Number.isInteger(value) ? String(Object.is(value, -0) ? 0 : value) : `real(${value})`;
  return value < 0 ? `(${text})` : text;
}

const TIMESPAN_UNITS: readonly (readonly [keyof KqlTimespan, number])[] = [
  ['days', 86_400_000],
  ['hours', 3_600_000],
  ['minutes', 60_000],
  ['seconds', 1_000],
  ['milliseconds', 1],
];

const LITERAL_UNITS: readonly (readonly [string, number])[] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

/** Total length of a timespan in milliseconds; rejects negative, non-finite and empty timespans. */
export function timespanMilliseconds(value: KqlTimespan): number {
  let total = 0;
  let fields = 0;
  for (const [field, ms] of TIMESPAN_UNITS) {
    const amount = value[field];
    if (amount === undefined) {
      continue;
    }
    if (!Number.isFinite(amount) || amount < 0) {
      throw new RangeError(`timespan ${field} must be a finite number >= 0, got ${amount}`);
    }
    total += amount * ms;
    fields++;
  }
  if (fields === 0) {
    throw new RangeError('timespan needs at least one of days, hours, minutes, seconds, milliseconds');
  }
  return total;
}

/** A Kusto timespan literal in the largest unit that represents the duration exactly, e.g. `90m`, `1d`. */
export function kqlTimespan(value: KqlTimespan): string {
  const total = timespanMilliseconds(value);
  const rounded = Math.round(total);
  if (Math.abs(total - rounded) > 1e-6) {
    throw new RangeError(`timespan must be a whole number of milliseconds, got ${total}ms`);
  }
  const unit = LITERAL_UNITS.find(([, ms]) => rounded % ms === 0) ?? ['ms', 1];
  return `${rounded / unit[1]}${unit[0]}`;
}

/** True for a timespan value (the only object that is not a list). */
export function isKqlTimespan(value: KqlValue): value is KqlTimespan {
  return typeof value === 'object' && !Array.isArray(value);
}

/** The Kusto literal for one value. */
export function kqlLiteral(value: KqlValue): string {
  if (typeof value === 'string') {
    return kqlString(value);
  }
  if (typeof value === 'number') {
    return kqlNumber(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (isKqlTimespan(value)) {
    return kqlTimespan(value);
  }
  return `dynamic([${value.map((item) => (typeof item === 'string' ? kqlString(item) : kqlNumber(item))).join(', ')}])`;
}

/**
 * Replaces every `{{name}}` in `template` with the literal for `values[name]`.
 * @param templateName names the template in error messages (a file name, an alert id).
 */
export function renderKql(template: string, values: KqlValues, templateName = 'template'): string {
  const names = templateParameters(template, templateName);
  const missing = names.filter((name) => !Object.prototype.hasOwnProperty.call(values, name));
  if (missing.length > 0) {
    throw new KqlRenderError(templateName, `no value for placeholder(s) ${missing.join(', ')}`);
  }
  const unused = Object.keys(values)
    .filter((name) => !names.includes(name))
    .sort();
  if (unused.length > 0) {
    throw new KqlRenderError(templateName, `value(s) ${unused.join(', ')} match no placeholder`);
  }
  const literals = new Map<string, string>();
  for (const name of names) {
    const value = values[name];
    if (value === undefined) {
      throw new KqlRenderError(templateName, `no value for placeholder(s) ${name}`);
    }
    try {
      literals.set(name, kqlLiteral(value));
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new KqlRenderError(templateName, `value of ${name}: ${reason}`);
    }
  }
  return template.replace(PLACEHOLDER, (_match, name: string) => literals.get(name) ?? '');
}
