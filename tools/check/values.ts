/**
 * Reading synthesized attribute values. cdktf writes literals as JSON and everything it cannot know at synth
 * time (references to other resources, variables, functions) as Terraform expressions in `${...}` strings, so
 * every reader distinguishes "absent", "a literal" and "an expression": an expression is not a value.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a string holds a Terraform expression (interpolation). */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${');
}

export type Setting<T> =
  | { readonly state: 'absent' }
  | { readonly state: 'literal'; readonly value: T }
  | { readonly state: 'expression'; readonly text: string }
  | { readonly state: 'invalid'; readonly value: unknown };

const ABSENT = { state: 'absent' } as const;

export function boolSetting(value: unknown): Setting<boolean> {
  if (value === undefined || value === null) {
    return ABSENT;
  }
  if (typeof value === 'boolean') {
    return { state: 'literal', value };
  }
  if (isExpression(value)) {
    return { state: 'expression', text: value };
  }
  // Terraform converts the strings "true" and "false" to booleans.
  if (value === 'true' || value === 'false') {
    return { state: 'literal', value: value === 'true' };
  }
  return { state: 'invalid', value };
}

export function stringSetting(value: unknown): Setting<string> {
  if (value === undefined || value === null) {
    return ABSENT;
  }
  if (isExpression(value)) {
    return { state: 'expression', text: value };
  }
  if (typeof value === 'string') {
    return { state: 'literal', value };
  }
  return { state: 'invalid', value };
}

export function numberSetting(value: unknown): Setting<number> {
  if (value === undefined || value === null) {
    return ABSENT;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return { state: 'literal', value };
  }
  if (isExpression(value)) {
    return { state: 'expression', text: value };
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
    return { state: 'literal', value: Number(value) };
  }
  return { state: 'invalid', value };
}

/** A literal string, or undefined for absent values and expressions. */
export function literalString(value: unknown): string | undefined {
  const setting = stringSetting(value);
  return setting.state === 'literal' ? setting.value : undefined;
}

/**
 * A nested block. cdktf writes single blocks as an object and repeatable blocks as a list of objects;
 * the first element is the block when a list is found.
 */
export function block(values: Readonly<Record<string, unknown>> | undefined, key: string): Record<string, unknown> | undefined {
  const raw = values?.[key];
  if (Array.isArray(raw)) {
    const first: unknown = raw[0];
    return isRecord(first) ? first : undefined;
  }
  return isRecord(raw) ? raw : undefined;
}

/** Every instance of a repeatable block; a single object counts as one. */
export function blocks(values: Readonly<Record<string, unknown>> | undefined, key: string): Record<string, unknown>[] {
  const raw = values?.[key];
  if (Array.isArray(raw)) {
    return raw.filter(isRecord);
  }
  return isRecord(raw) ? [raw] : [];
}

export interface StringList {
  /** Literal entries. */
  readonly items: readonly string[];
  /** Entries (or the whole list) given as expressions. */
  readonly expressions: readonly string[];
}

/** A list of strings, which may be a literal list, a single string, or one expression standing for the list. */
export function stringList(value: unknown): StringList {
  if (value === undefined || value === null) {
    return { items: [], expressions: [] };
  }
  const entries = Array.isArray(value) ? value : [value];
  const items: string[] = [];
  const expressions: string[] = [];
  for (const entry of entries) {
    if (isExpression(entry)) {
      expressions.push(entry);
    } else if (typeof entry === 'string') {
      items.push(entry);
    } else if (typeof entry === 'number') {
      items.push(String(entry));
    }
  }
  return { items, expressions };
}

/** How a value is named in a finding message. */
export function describeSetting(setting: Setting<unknown>): string {
  switch (setting.state) {
    case 'absent':
      return 'not set';
    case 'literal':
      return JSON.stringify(setting.value);
    case 'expression':
      return `the expression ${setting.text}, which is not a literal`;
    case 'invalid':
      return `the unexpected value ${JSON.stringify(setting.value)}`;
  }
}

/** Problem text for a boolean that must be literally `expected` (absent counts as `defaultValue`). */
export function requireBool(
  values: Readonly<Record<string, unknown>> | undefined,
  key: string,
  expected: boolean,
  defaultValue?: boolean,
): string | undefined {
  const setting = boolSetting(values?.[key]);
  if (setting.state === 'literal' && setting.value === expected) {
    return undefined;
  }
  if (setting.state === 'absent' && defaultValue === expected) {
    return undefined;
  }
  const shown =
    setting.state === 'absent' && defaultValue !== undefined
      ? `not set (provider default ${String(defaultValue)})`
      : describeSetting(setting);
  return `${key} must be ${String(expected)}, found ${shown}`;
}
