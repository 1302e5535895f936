import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'yaml';

import { DEFAULT_ENVIRONMENTS_DIR, parseEnvironment } from '../../config/load';
import type { EnvironmentConfig } from '../../config/schema/environment';
import { Environment } from '../../lib/environment';
import { projectPath } from '../../lib/paths';
import { withoutTokenStackTraces } from '../../lib/stack-traces';

export type Attributes = Record<string, unknown>;

/** The parts of a synthesized stack (`cdk.tf.json`) the tests read. */
export interface StackJson {
  readonly '//'?: { metadata?: Record<string, unknown>; outputs?: Record<string, unknown> };
  readonly terraform?: { backend?: Record<string, Attributes>; required_providers?: Record<string, Attributes> };
  readonly provider?: Record<string, Attributes[]>;
  readonly resource?: Record<string, Record<string, Attributes>>;
  readonly data?: Record<string, Record<string, Attributes>>;
  readonly output?: Record<string, Attributes>;
}

export interface Synthesized {
  readonly stacks: Readonly<Record<string, StackJson>>;
  /** Stack JSON files as written, for byte-level comparisons. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * Every environment file in `config/environments/`, by name. Tests hold for any valid set of files, so adding an
 * environment adds its cases instead of breaking the suite.
 */
export const SHIPPED_ENVIRONMENTS: readonly string[] = readdirSync(DEFAULT_ENVIRONMENTS_DIR)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => file.replace(/\.ya?ml$/, ''))
  .sort();
export type ShippedEnvironment = string;

// Each shipped file is parsed and validated once per test file; callers get their own copy to change.
const rawCache = new Map<ShippedEnvironment, Record<string, unknown>>();
const configCache = new Map<ShippedEnvironment, EnvironmentConfig>();

function copyOfCached<V>(cache: Map<ShippedEnvironment, V>, name: ShippedEnvironment, make: () => V): V {
  let value = cache.get(name);
  if (value === undefined) {
    value = make();
    cache.set(name, value);
  }
  return structuredClone(value);
}

/** The raw (unvalidated) data of a shipped environment file, for tests that change one field. */
export function rawEnvironment(name: ShippedEnvironment): Record<string, unknown> {
  return copyOfCached(
    rawCache,
    name,
    () => parse(readFileSync(projectPath('config', 'environments', `${name}.yaml`), 'utf8')) as Record<string, unknown>,
  );
}

/** Validates raw environment data the way synth does; throws with the problem lines when invalid. */
export function validate(raw: unknown, file = 'test.yaml'): EnvironmentConfig {
  const result = parseEnvironment(file, JSON.stringify(raw));
  if (!result.config) {
    throw new Error(result.problems.join('\n'));
  }
  return result.config;
}

/** Problem lines for raw environment data (empty when valid). */
export function problemsOf(raw: unknown, file = 'test.yaml'): string[] {
  return parseEnvironment(file.replace(/\.ya?ml$/, '.json'), JSON.stringify(raw)).problems;
}

export function shippedConfig(name: ShippedEnvironment): EnvironmentConfig {
  return copyOfCached(configCache, name, () => validate(rawEnvironment(name), `${name}.yaml`));
}

function readSynth(dir: string): Synthesized {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const files: Record<string, string> = {};
  const stacks: Record<string, StackJson> = {};
  for (const [name, entry] of Object.entries(manifest.stacks)) {
    files[name] = readFileSync(join(dir, entry.synthesizedStackPath), 'utf8');
    stacks[name] = JSON.parse(files[name]) as StackJson;
  }
  return { stacks, files };
}

/**
 * The app's synth module, loaded on first use: most test files only read the run's shared synth, and loading every
 * stack, construct and provider binding costs each of them half a second.
 */
function appSynth(): typeof import('../../app/synth') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../app/synth') as typeof import('../../app/synth');
}

function synthesizeInto(configs: readonly EnvironmentConfig[], dir: string): void {
  const { buildApp } = appSynth();
  withoutTokenStackTraces(() =>
    buildApp(
      configs.map((c) => new Environment(c)),
      dir,
    ).synth(),
  );
}

/** Synthesizes the given environments into a temporary folder and reads every stack back. */
export function synthesizeConfigs(configs: readonly EnvironmentConfig[]): Synthesized {
  const dir = mkdtempSync(join(tmpdir(), 'aoai-gateway-test-'));
  try {
    synthesizeInto(configs, dir);
    return readSynth(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Synthesizes every shipped environment into `dir` the way `npm run synth` does (validation, staging, the layers
 * file), once per test run (test/global-setup.ts).
 */
export function writeShippedSynth(dir: string): void {
  appSynth().synthesize({ outdir: dir });
}

let shipped: Synthesized | undefined;

/**
 * Every shipped environment, as synthesized once for the whole test run; a file run without the global setup
 * synthesizes its own.
 */
export function synthShipped(): Synthesized {
  const dir = process.env.AOAI_TEST_SHIPPED_DIR;
  shipped ??= dir ? readSynth(dir) : synthesizeConfigs(SHIPPED_ENVIRONMENTS.map(shippedConfig));
  return shipped;
}

export function stackOf(synth: Synthesized, name: string): StackJson {
  const stack = synth.stacks[name];
  if (!stack) {
    throw new Error(`no stack ${name}; stacks: ${Object.keys(synth.stacks).join(', ')}`);
  }
  return stack;
}

/** All resources of one type in a stack, by their Terraform name. */
export function resourcesOf(stack: StackJson, type: string): Record<string, Attributes> {
  return stack.resource?.[type] ?? {};
}

/** The one resource of a type in a stack; fails when there are none or several. */
export function onlyResource(stack: StackJson, type: string): Attributes {
  const all = Object.values(resourcesOf(stack, type));
  if (all.length !== 1) {
    throw new Error(`expected exactly one ${type}, found ${all.length}`);
  }
  return all[0]!;
}

/** Every resource of every stack, with its stack, type and Terraform name. */
export function allResources(synth: Synthesized): { stack: string; type: string; name: string; attributes: Attributes }[] {
  return Object.entries(synth.stacks).flatMap(([stack, json]) =>
    Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, attributes]) => ({ stack, type, name, attributes })),
    ),
  );
}

/**
 * A stack as its snapshot records it: without the outputs cdktf adds for other stacks' cross-stack references.
 * Those change whenever a later layer starts reading an attribute, which is not a change of this stack.
 */
export function snapshotView(stack: StackJson): StackJson {
  const isCrossStack = (name: string) => name.startsWith('cross-stack-output-');
  const output = Object.fromEntries(Object.entries(stack.output ?? {}).filter(([name]) => !isCrossStack(name)));
  const { output: _output, ...rest } = stack;
  const metadata = stack['//'];
  const view: StackJson = {
    ...rest,
    ...(metadata ? { '//': { ...metadata, outputs: undefined } } : {}),
    ...(Object.keys(output).length > 0 ? { output } : {}),
  };
  return JSON.parse(JSON.stringify(view)) as StackJson;
}
