import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import { App } from 'cdktf';
import type { IConstruct } from 'constructs';

import { loadEnvironments } from '../config/load';
import { Environment } from '../lib/environment';
import { LAYER_ORDER, stackName } from '../lib/layers';
import { withoutTokenStackTraces } from '../lib/stack-traces';
import { addEnvironment } from '../stacks/app';

export interface SynthOptions {
  /** Environment file or folder; the shipped environments when absent. */
  readonly config?: string;
  /** Output folder, replaced only when synthesis succeeds. */
  readonly outdir: string;
  /**
   * Keep cdktf's token stack traces (for debugging a token that does not resolve).
   * @default false: they cost a tenth of the synth and are not printed
   */
  readonly tokenStackTraces?: boolean;
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

const STAGING = /^\.(.+)\.staging-(\d+)$/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes staging folders of `target` left by runs that no longer exist (killed with SIGKILL, or a machine that
 * went down): a signal can be caught, those cannot. Folders of running synths are left alone.
 */
export function removeStaleStaging(target: string): string[] {
  const dir = dirname(target);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = STAGING.exec(name);
    if (match && match[1] === basename(target) && !isRunning(Number(match[2]))) {
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

const SIGNAL_EXIT: Readonly<Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Without a handler, SIGINT and SIGTERM end the process at once and skip `finally`, leaving the staging folder
 * behind. With one, Node delivers the signal once the synchronous synth returns; the handler then removes the
 * folder and exits with the conventional status. Returns the function that removes the handlers again.
 */
export function guardStaging(staging: string, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  const handlers = (Object.keys(SIGNAL_EXIT) as Array<keyof typeof SIGNAL_EXIT>).map((signal) => {
    const handler = (): void => {
      rmSync(staging, { recursive: true, force: true });
      exit(SIGNAL_EXIT[signal]);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) {
      process.removeListener(signal, handler);
    }
  };
}

/** File beside the stacks in the output that names every environment's stacks in deployment order. */
export const LAYERS_FILE = 'layers.json';

/**
 * The layer order and each environment's stacks in deployment order, for tools that apply or destroy an
 * environment without importing the project (a pipeline step, a shell loop): destroy goes in reverse.
 */
export function deploymentOrder(environments: readonly string[]): { layers: readonly string[]; stacks: Record<string, string[]> } {
  return {
    layers: LAYER_ORDER,
    stacks: Object.fromEntries([...environments].sort().map((env) => [env, LAYER_ORDER.map((layer) => stackName(env, layer))])),
  };
}

/**
 * Validates configuration, synthesizes every environment into a staging folder next to `outdir`, and only then
 * swaps it into place: a failed run leaves the previous output exactly as it was.
 */
export function synthesize(options: SynthOptions): SynthResult {
  const { environments } = loadEnvironments(options.config);
  const target = resolve(options.outdir);
  const staging = join(dirname(target), `.${basename(target)}.staging-${process.pid}`);
  removeStaleStaging(target);
  rmSync(staging, { recursive: true, force: true });
  const unguard = guardStaging(staging);
  try {
    const build = () => {
      const built = buildApp(
        environments.map((e) => new Environment(e.config)),
        staging,
      );
      built.synth();
      return built;
    };
    const app = options.tokenStackTraces === true ? build() : withoutTokenStackTraces(build);
    const problems = errorAnnotations(app);
    if (problems.length > 0) {
      throw new SynthError(problems);
    }
    const stacks = app.node
      .findAll()
      .filter((node) => node.node.scope === app)
      .map((node) => node.node.id);
    writeFileSync(join(staging, LAYERS_FILE), `${JSON.stringify(deploymentOrder(environments.map((e) => e.config.name)), null, 2)}\n`);
    if (existsSync(target)) {
      rmSync(target, { recursive: true, force: true });
    }
    renameSync(staging, target);
    return { environments: environments.map((e) => e.config.name), stacks };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    // A signal that arrived during the synchronous synth is delivered after this function returns; the handlers
    // stay until then so it still ends the process (the folder is already gone).
    setImmediate(unguard);
  }
}
