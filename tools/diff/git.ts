import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { isSynthOutputDir, loadSynthOutput, type SynthOutput } from '../check/synth-output';

/** A problem with the input the user gave; printed as one line, exit status 2. */
export class DiffInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiffInputError';
  }
}

export interface CommandResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without a shell; injectable so tests can observe the calls. */
export type CommandRunner = (command: string, args: readonly string[], cwd: string) => CommandResult;

export const runCommand: CommandRunner = (command, args, cwd) => {
  const result = spawnSync(command, [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  if (result.error) {
    return { status: 127, stdout: '', stderr: result.error.message };
  }
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
};

export type BaseSpec =
  { readonly kind: 'dir'; readonly dir: string } | { readonly kind: 'commit'; readonly commit: string; readonly ref: string };

/** A folder with a cdktf manifest, else a git revision of the repository at `cwd`. */
export function resolveBase(spec: string, cwd: string, run: CommandRunner): BaseSpec {
  const dir = resolve(cwd, spec);
  if (isSynthOutputDir(dir)) {
    return { kind: 'dir', dir };
  }
  const parsed = run('git', ['rev-parse', '--verify', '--quiet', `${spec}^{commit}`], cwd);
  const commit = parsed.stdout.trim();
  if (parsed.status !== 0 || !/^[0-9a-f]{40,64}$/.test(commit)) {
    throw new DiffInputError(`"${spec}" is neither a cdktf output folder nor a commit, branch or tag of this repository`);
  }
  return { kind: 'commit', commit, ref: spec };
}

/** The output folder cdktf.json names (cdktf.out unless changed). */
export function outputDirName(projectDir: string): string {
  const file = join(projectDir, 'cdktf.json');
  if (!existsSync(file)) {
    return 'cdktf.out';
  }
  try {
    const config: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const output = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)['output'] : undefined;
    return typeof output === 'string' && output !== '' ? output : 'cdktf.out';
  } catch {
    return 'cdktf.out';
  }
}

function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs `npm run synth` in a project folder and loads what it wrote; `saveTo` keeps a copy of the output folder. */
export function synthesize(projectDir: string, run: CommandRunner, label: string, saveTo?: string): SynthOutput {
  const result = run('npm', ['run', '--silent', 'synth'], projectDir);
  if (result.status !== 0) {
    throw new DiffInputError(`synth of ${label} failed (exit ${result.status}):\n${tail(`${result.stdout}\n${result.stderr}`)}`);
  }
  const out = join(projectDir, outputDirName(projectDir));
  if (!isSynthOutputDir(out)) {
    throw new DiffInputError(`synth of ${label} wrote no cdktf manifest in ${out}`);
  }
  if (saveTo !== undefined) {
    rmSync(saveTo, { recursive: true, force: true });
    cpSync(out, saveTo, { recursive: true });
  }
  return loadSynthOutput(out, projectDir);
}

/** How the base got its dependencies; printed so a reader knows whether a provider upgrade can show. */
export type BaseDependencies = 'reused' | 'installed';

/**
 * The base's node_modules: this checkout's, through a symlink, only when both lockfiles are byte-identical;
 * otherwise `npm ci` from the base's own lockfile, so a provider or cdktf upgrade shows up in the diff.
 */
export function prepareBaseDependencies(root: string, tree: string, run: CommandRunner, label: string): BaseDependencies {
  const lockfile = (dir: string): string | undefined => {
    const file = join(dir, 'package-lock.json');
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };
  const modules = join(root, 'node_modules');
  if (lockfile(root) === lockfile(tree)) {
    if (existsSync(modules) && !existsSync(join(tree, 'node_modules'))) {
      symlinkSync(modules, join(tree, 'node_modules'), 'dir');
    }
    return 'reused';
  }
  const installed = run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], tree);
  if (installed.status !== 0) {
    throw new DiffInputError(`npm ci for ${label} failed (exit ${installed.status}):\n${tail(`${installed.stdout}\n${installed.stderr}`)}`);
  }
  return 'installed';
}

/**
 * Checks the commit out in a temporary worktree, gives it its own dependencies (see `prepareBaseDependencies`),
 * synthesizes it there, and removes the worktree again. `saveTo` keeps the base output for later runs.
 */
export function synthesizeCommit(
  repoDir: string,
  base: Extract<BaseSpec, { kind: 'commit' }>,
  run: CommandRunner,
  saveTo?: string,
  log: (line: string) => void = () => undefined,
): SynthOutput {
  const top = run('git', ['rev-parse', '--show-toplevel'], repoDir);
  if (top.status !== 0) {
    throw new DiffInputError(`${repoDir} is not inside a git repository`);
  }
  const root = top.stdout.trim();
  const parent = mkdtempSync(join(tmpdir(), 'aoai-synth-diff-'));
  const tree = join(parent, 'tree');
  const added = run('git', ['worktree', 'add', '--detach', tree, base.commit], root);
  if (added.status !== 0) {
    rmSync(parent, { recursive: true, force: true });
    throw new DiffInputError(`cannot check out ${base.ref} into a worktree: ${tail(added.stderr, 3)}`);
  }
  try {
    const how = prepareBaseDependencies(root, tree, run, base.ref);
    log(
      how === 'reused'
        ? `base ${base.ref}: package-lock.json identical, node_modules of this checkout reused`
        : `base ${base.ref}: package-lock.json differs, dependencies installed with npm ci from the base's lockfile`,
    );
    return synthesize(tree, run, base.ref, saveTo);
  } finally {
    const removed = run('git', ['worktree', 'remove', '--force', tree], root);
    rmSync(parent, { recursive: true, force: true });
    if (removed.status !== 0) {
      run('git', ['worktree', 'prune'], root);
    }
  }
}
