import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { parseDocument } from 'yaml';
import type { z } from 'zod';

import { projectPath } from '../lib/paths';
import { type EnvironmentConfig, environmentSchema, environmentStructure } from './schema/environment';

/** The environments shipped with the project. */
export const DEFAULT_ENVIRONMENTS_DIR = projectPath('config', 'environments');

const EXTENSIONS = ['.yaml', '.yml', '.json'];

export interface LoadedEnvironment {
  /** The file it came from, relative to the working directory. */
  readonly file: string;
  readonly config: EnvironmentConfig;
}

/** Every problem found in a configuration run, one line each: `<file>: <field path>: expected <what>, found <value>`. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** Renders a found value for a one-line message: short, unambiguous, never multi-line. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? 'an empty list' : truncate(JSON.stringify(value));
  }
  if (value !== null && typeof value === 'object') {
    return 'an object';
  }
  return truncate(JSON.stringify(value));
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) {
    return '(top level)';
  }
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`)).join('');
}

interface SchemaNode {
  readonly def: { readonly type: string; readonly innerType?: SchemaNode; readonly in?: SchemaNode; readonly element?: SchemaNode };
  readonly shape?: Record<string, SchemaNode>;
}

function unwrapOptional(schema: SchemaNode): SchemaNode {
  let current = schema;
  while (['optional', 'default', 'nullable', 'pipe'].includes(current.def.type)) {
    const inner = current.def.innerType ?? current.def.in;
    if (!inner) {
      break;
    }
    current = inner;
  }
  return current;
}

/** The field names an object at `path` accepts, for suggesting the intended one when a key is unknown. */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: SchemaNode | undefined = environmentStructure as unknown as SchemaNode;
  for (const segment of path) {
    const current: SchemaNode = unwrapOptional(schema);
    schema =
      current.def.type === 'object' && typeof segment === 'string'
        ? current.shape?.[segment]
        : current.def.type === 'array' && typeof segment === 'number'
          ? current.def.element
          : undefined;
    if (!schema) {
      return [];
    }
  }
  const target = unwrapOptional(schema);
  return target.def.type === 'object' && target.shape ? Object.keys(target.shape) : [];
}

function editDistance(a: string, b: string): number {
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

const EXPECTED_TYPES: Record<string, string> = {
  object: 'a mapping of fields',
  array: 'a list',
  int: 'a whole number',
  number: 'a number',
  boolean: 'a boolean',
  string: 'a string',
};

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (!issue.message.startsWith('Invalid input')) {
        return issue.message;
      }
      return EXPECTED_TYPES[issue.expected] ?? `a ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array') {
        return issue.message.startsWith('Too small') ? `at least ${String(issue.minimum)} item(s)` : issue.message;
      }
      if (issue.origin === 'string') {
        return issue.message.startsWith('Too small') ? `at least ${String(issue.minimum)} character(s)` : issue.message;
      }
      return issue.message.startsWith('Too small') ? `a number ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}` : issue.message;
    case 'too_big':
      return issue.message.startsWith('Too big') ? `at most ${String(issue.maximum)}` : issue.message;
    case 'invalid_value':
      return issue.message.startsWith('Invalid') ? `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : issue.message;
    case 'invalid_union':
      return issue.message.startsWith('Invalid') ? 'one of the documented forms' : issue.message;
    default:
      return issue.message;
  }
}

function formatIssues(file: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(issue.path);
      return issue.keys.map((key) => {
        const close = known.filter((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
        const hint = close.length > 0 ? ` (did you mean "${close[0]}"?)` : '';
        const where = formatPath([...issue.path, key]);
        return `${file}: ${where}: expected one of the known fields${known.length ? ` (${known.join(', ')})` : ''}, found unknown field "${key}"${hint}`;
      });
    }
    return [`${file}: ${formatPath(issue.path)}: expected ${expectation(issue)}, found ${describeValue(issue.input)}`];
  });
}

function parseText(file: string, text: string): { data?: unknown; problems: string[] } {
  if (text.trim() === '') {
    return { problems: [`${file}: (file): expected an environment definition, found an empty file`] };
  }
  if (file.endsWith('.json')) {
    try {
      return { data: JSON.parse(text) as unknown, problems: [] };
    } catch (error) {
      return { problems: [`${file}: (file): expected valid JSON, found a syntax error: ${(error as Error).message}`] };
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => {
        const at = e.linePos?.[0];
        const where = at ? `line ${at.line}, column ${at.col}` : '(file)';
        return `${file}: ${where}: expected valid YAML, found ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
      }),
    };
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) {
    return { problems: [`${file}: (file): expected an environment definition, found an empty document`] };
  }
  return { data, problems: [] };
}

/** Validates one file's text. Exposed for tests; `loadEnvironments` is the entry point. */
export function parseEnvironment(file: string, text: string): { config?: EnvironmentConfig; problems: string[] } {
  const parsed = parseText(file, text);
  if (parsed.problems.length > 0) {
    return { problems: parsed.problems };
  }
  const result = environmentSchema.safeParse(parsed.data, { reportInput: true });
  if (!result.success) {
    return { problems: formatIssues(file, result.error.issues) };
  }
  return { config: result.data, problems: [] };
}

function environmentFiles(target: string): string[] {
  if (!existsSync(target)) {
    throw new ConfigError([`${displayPath(target)}: (file): expected an environment file or folder, found nothing at that path`]);
  }
  if (statSync(target).isDirectory()) {
    const files = readdirSync(target)
      .filter((name) => EXTENSIONS.some((ext) => name.endsWith(ext)))
      .sort()
      .map((name) => join(target, name));
    if (files.length === 0) {
      throw new ConfigError([`${displayPath(target)}: (folder): expected environment files (${EXTENSIONS.join(', ')}), found none`]);
    }
    return files;
  }
  return [target];
}

/**
 * Loads and validates every environment in a file or folder (the shipped environments by default). Reports all
 * problems of all files at once, so one run shows everything to fix.
 */
export function loadEnvironments(target: string = DEFAULT_ENVIRONMENTS_DIR): { environments: LoadedEnvironment[] } {
  const problems: string[] = [];
  const environments: LoadedEnvironment[] = [];
  for (const path of environmentFiles(resolve(target))) {
    const file = displayPath(path);
    const result = parseEnvironment(file, readFileSync(path, 'utf8'));
    problems.push(...result.problems);
    if (result.config) {
      environments.push({ file, config: result.config });
    }
  }
  const seen = new Map<string, string>();
  for (const env of environments) {
    const first = seen.get(env.config.name);
    if (first) {
      problems.push(`${env.file}: name: expected an environment name not used by ${first}, found ${JSON.stringify(env.config.name)}`);
    }
    seen.set(env.config.name, env.file);
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return { environments };
}
