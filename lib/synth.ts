import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import { App } from 'cdktf';
import type { IConstruct } from 'constructs';

import { loadEnvironments } from '../config/load';
import { addEnvironment } from '../stacks/app';
import { Environment } from './environment';

export interface SynthOptions {
  /** Environment file or folder; the shipped environments when absent. */
  readonly config?: string;
  /** Output folder, replaced only when synthesis succeeds. */
  readonly outdir: string;
}

export interface SynthResult {
  readonly environments: readonly string[];
  readonly stacks: readonly string[];
}

/** A construct-level error reported through annotations (cdktf does not fail synthesis on those by itself). */
export class SynthError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'SynthError';
  }
}

/** Builds the app for already-validated environments into `outdir`. */
export function buildApp(environments: readonly Environment[], outdir: string): App {
  const app = new App({ outdir, stackTraces: false, skipValidation: false });
  for (const environment of environments) {
    addEnvironment(app, environment);
  }
  return app;
}

function errorAnnotations(root: IConstruct): string[] {
  return root.node
    .findAll()
    .flatMap((node) =>
      node.node.metadata.filter((entry) => entry.type === '@cdktf/error').map((entry) => `${node.node.path}: ${String(entry.data)}`),
    );
}

/**
 * Validates configuration, synthesizes every environment into a staging folder next to `outdir`, and only then
 * swaps it into place: a failed run leaves the previous output exactly as it was.
 */
export function synthesize(options: SynthOptions): SynthResult {
  const { environments } = loadEnvironments(options.config);
  const target = resolve(options.outdir);
  const staging = join(dirname(target), `.${basename(target)}.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    const app = buildApp(
      environments.map((e) => new Environment(e.config)),
      staging,
    );
    app.synth();
    const problems = errorAnnotations(app);
    if (problems.length > 0) {
      throw new SynthError(problems);
    }
    const stacks = app.node
      .findAll()
      .filter((node) => node.node.scope === app)
      .map((node) => node.node.id);
    if (existsSync(target)) {
      rmSync(target, { recursive: true, force: true });
    }
    renameSync(staging, target);
    return { environments: environments.map((e) => e.config.name), stacks };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
