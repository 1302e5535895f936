import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

import { z } from 'zod';

/** One synthesized stack: its name, where its Terraform JSON lives, and the parsed JSON. */
export interface StackDocument {
  readonly name: string;
  /** Path of cdk.tf.json, relative to the working directory (forward slashes), for reports and SARIF. */
  readonly file: string;
  readonly json: Readonly<Record<string, unknown>>;
  /** The file as written, for locating resources by line. */
  readonly text: string;
}

export interface SynthOutput {
  /** The cdktf.out folder, as given. */
  readonly dir: string;
  /** Sorted by stack name. */
  readonly stacks: readonly StackDocument[];
}

export class SynthOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthOutputError';
  }
}

const manifestSchema = z.object({
  stacks: z.record(
    z.string(),
    z.object({
      name: z.string().min(1),
      synthesizedStackPath: z.string().min(1),
    }),
  ),
});

function displayPath(path: string, base: string): string {
  const rel = relative(base, path);
  const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
  return shown.split(sep).join('/');
}

function readJson(path: string, what: string): { json: unknown; text: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SynthOutputError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
  try {
    return { json: JSON.parse(text) as unknown, text };
  } catch (error) {
    throw new SynthOutputError(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a folder looks like a cdktf output folder (has a manifest). */
export function isSynthOutputDir(dir: string): boolean {
  return existsSync(join(dir, 'manifest.json'));
}

/**
 * Reads `manifest.json` and every stack it lists. `base` is the folder paths in reports are relative to
 * (the working directory by default).
 */
export function loadSynthOutput(dir: string, base: string = process.cwd()): SynthOutput {
  const root = resolve(dir);
  const manifestPath = join(root, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new SynthOutputError(`no cdktf manifest at ${displayPath(manifestPath, base)}: run \`npm run synth\` first`);
  }
  const parsed = manifestSchema.safeParse(readJson(manifestPath, 'cdktf manifest').json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.map(String).join('.') : '';
    throw new SynthOutputError(
      `cdktf manifest ${displayPath(manifestPath, base)} has an unexpected shape at "${where}": ${first?.message ?? 'invalid'}`,
    );
  }
  const stacks = Object.values(parsed.data.stacks)
    .map((entry): StackDocument => {
      const path = join(root, entry.synthesizedStackPath);
      const { json, text } = readJson(path, `stack ${entry.name}`);
      if (!isRecord(json)) {
        throw new SynthOutputError(`stack ${entry.name} (${displayPath(path, base)}) is not a JSON object`);
      }
      return { name: entry.name, file: displayPath(path, base), json, text };
    })
    .sort((a, b) => compareText(a.name, b.name));
  return { dir, stacks };
}

/** Code-point order: the same everywhere, unlike locale-aware comparison. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
