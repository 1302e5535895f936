import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { parseDocument, type YAMLError } from 'yaml';
import type { z } from 'zod';

import { projectPath } from '../lib/paths';
import { closest } from '../lib/suggest';
import { crossEnvironmentProblems, type EnvironmentFile } from './cross-environment';
import { type EnvironmentConfig, environmentSchema, environmentStructure } from './schema/environment';

/** The environments shipped with the project. */
export const DEFAULT_ENVIRONMENTS_DIR = projectPath('config', 'environments');

const EXTENSIONS = ['.yaml', '.yml', '.json'];

/** A validated environment and the file it came from, relative to the working directory. */
export type LoadedEnvironment = EnvironmentFile;

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
  readonly def: {
    readonly type: string;
    readonly innerType?: SchemaNode;
    readonly in?: SchemaNode;
    readonly element?: SchemaNode;
    readonly defaultValue?: unknown;
  };
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
  // A typo'd required field is one mistake: the unknown key names the field it meant, so the "missing" line for
  // that field would only repeat it.
  const meant = new Set<string>();
  const lines = issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(issue.path);
      return issue.keys.map((key) => {
        const suggestion = closest(key, known);
        if (suggestion) {
          meant.add(formatPath([...issue.path, suggestion]));
        }
        const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
        const where = formatPath([...issue.path, key]);
        return {
          where,
          custom: false,
          missing: false,
          line: `${file}: ${where}: expected one of the known fields${known.length ? ` (${known.join(', ')})` : ''}, found unknown field "${key}"${hint}`,
        };
      });
    }
    const where = formatPath(issue.path);
    const line = `${file}: ${where}: expected ${expectation(issue)}, found ${describeValue(issue.input)}`;
    return [{ where, custom: issue.code === 'custom', line, missing: issue.input === undefined }];
  });
  // zod runs the cross-field rules even when a field's own type or range is wrong; a rule that then fails on the
  // same field says the same thing again.
  const structural = new Set(lines.filter((l) => !l.custom).map((l) => l.where));
  return lines
    .filter((l) => !(l.custom && structural.has(l.where)))
    .filter((l) => !(l.missing && meant.has(l.where)))
    .map((l) => l.line);
}

/** What a YAML error expected and found, in the loader's words; a duplicate key is named. */
function yamlExpectation(error: YAMLError, text: string): string {
  if (error.code === 'DUPLICATE_KEY') {
    const key = duplicateKeyAt(text, error.pos[0]);
    return `expected each key once per mapping, found ${key ? `"${key}" a second time` : 'a key a second time'}`;
  }
  return `expected valid YAML, found ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
}

/** The key a duplicate-key error points at: the plain or quoted scalar at that offset. */
function duplicateKeyAt(text: string, offset: number): string | undefined {
  const match = /^\s*(?:"([^"]*)"|'([^']*)'|([^:#\n]+?))\s*:/.exec(text.slice(offset));
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A block with a default is overridable field by field: `retry: { count: 3 }` keeps the default interval instead
 * of reporting it missing. The defaults stay where the schema declares them; this fills the fields a partially
 * written block leaves out, through nested objects and lists. Blocks of several shapes (unions) are left whole.
 */
function withBlockDefaults(schema: SchemaNode, data: unknown): unknown {
  let value = data;
  if (schema.def.type === 'default' && isPlainObject(value) && isPlainObject(schema.def.defaultValue)) {
    if (unwrapOptional(schema).def.type === 'object') {
      value = { ...schema.def.defaultValue, ...value };
    }
  }
  const inner = unwrapOptional(schema);
  if (inner.def.type === 'object' && inner.shape && isPlainObject(value)) {
    const shape = inner.shape;
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, shape[key] ? withBlockDefaults(shape[key], v) : v]));
  }
  if (inner.def.type === 'array' && inner.def.element && Array.isArray(value)) {
    const element = inner.def.element;
    return value.map((v) => withBlockDefaults(element, v));
  }
  return value;
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
  // The parser goes on after the first error and reports what follows from it; only the first is the mistake.
  const first = doc.errors[0];
  if (first) {
    const at = first.linePos?.[0];
    const where = at ? `line ${at.line}, column ${at.col}` : '(file)';
    return { problems: [`${file}: ${where}: ${yamlExpectation(first, text)}`] };
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) {
    return { problems: [`${file}: (file): expected an environment definition, found an empty document`] };
  }
  return { data, problems: [] };
}

export interface ParsedEnvironment {
  /** The validated environment, when the file has no problem. */
  readonly config?: EnvironmentConfig;
  /**
   * The file's data with defaults applied when its structure is right, even if a cross-field rule failed: the
   * rules across environments still compare it, so one run reports everything.
   */
  readonly structure?: EnvironmentConfig;
  readonly problems: string[];
}

/** Validates one file's text. Exposed for tests; `loadEnvironments` is the entry point. */
export function parseEnvironment(file: string, text: string): ParsedEnvironment {
  const parsed = parseText(file, text);
  if (parsed.problems.length > 0) {
    return { problems: parsed.problems };
  }
  const data = withBlockDefaults(environmentStructure as unknown as SchemaNode, parsed.data);
  const result = environmentSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    const structure = environmentStructure.safeParse(data);
    return { structure: structure.success ? structure.data : undefined, problems: formatIssues(file, result.error.issues) };
  }
  return { config: result.data, structure: result.data, problems: [] };
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
  const structures: EnvironmentFile[] = [];
  for (const path of environmentFiles(resolve(target))) {
    const file = displayPath(path);
    const result = parseEnvironment(file, readFileSync(path, 'utf8'));
    problems.push(...result.problems);
    if (result.config) {
      environments.push({ file, config: result.config });
    }
    if (result.structure) {
      structures.push({ file, config: result.structure });
    }
  }
  problems.push(...crossEnvironmentProblems(structures));
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return { environments };
}
