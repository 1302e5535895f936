import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { CommandRunner } from '../../../tools/diff/git';
import { runCommand } from '../../../tools/diff/git';
import { main } from '../../../tools/diff/main';

/**
 * A throwaway git repository whose `npm run synth` writes a cdktf-shaped output from settings.json, so the
 * worktree flow runs for real (git worktree, npm, manifest) without the project's own synth.
 */
const SYNTH_SCRIPT = `
const fs = require('fs');
const settings = JSON.parse(fs.readFileSync('settings.json', 'utf8'));
if (settings.fail) { console.error('synth exploded'); process.exit(3); }
const stack = {
  resource: {
    azurerm_api_management_policy: { policy: { '//': { metadata: { path: 'dev-gateway/policy' } }, xml_content: settings.policy } },
    azurerm_key_vault: { kv: { name: 'kv-dev', purge_protection_enabled: settings.purge } },
  },
};
fs.mkdirSync('cdktf.out/stacks/dev-gateway', { recursive: true });
fs.writeFileSync('cdktf.out/stacks/dev-gateway/cdk.tf.json', JSON.stringify(stack, null, 2));
fs.writeFileSync('cdktf.out/manifest.json', JSON.stringify({ stacks: { 'dev-gateway': { name: 'dev-gateway', synthesizedStackPath: 'stacks/dev-gateway/cdk.tf.json' } } }));
`;

let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
}

function writeSettings(settings: Record<string, unknown>): void {
  writeFileSync(join(repo, 'settings.json'), JSON.stringify(settings));
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'aoai-diff-repo-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'ci');
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'fixture', private: true, scripts: { synth: 'node synth.js' } }));
  writeFileSync(join(repo, 'synth.js'), SYNTH_SCRIPT);
  writeFileSync(join(repo, '.gitignore'), 'cdktf.out/\n');
  writeSettings({ purge: false, policy: '<policies>\n  <inbound>\n    <base />\n  </inbound>\n</policies>\n' });
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  git('tag', 'v1');
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

/**
 * Runs the fixture's synth script directly where the CLI asks npm to run it: the first test goes through npm for
 * real; the others test what the CLI does around the synth, and npm's start-up would only add a third of a second a
 * call.
 */
const withoutNpm: CommandRunner = (command, args, cwd) =>
  command === 'npm' && args.join(' ') === 'run --silent synth'
    ? runCommand(process.execPath, ['synth.js'], cwd)
    : runCommand(command, args, cwd);

/** The fixture's synth, run directly to prepare an output folder. */
function synthFixture(): void {
  execFileSync(process.execPath, ['synth.js'], { cwd: repo });
}

function run(argv: string[], runner: CommandRunner = withoutNpm): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { cwd: repo, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), run: runner });
  return { code, stdout, stderr };
}

describe('diff CLI against a git ref', () => {
  test('synthesizes the ref in a temporary worktree, compares with the working tree, and cleans up', () => {
    writeSettings({
      purge: true,
      policy:
        '<policies>\n  <inbound>\n    <base />\n    <set-header name="x-gateway" exists-action="override" />\n  </inbound>\n</policies>\n',
    });
    const calls: string[] = [];
    const recording: CommandRunner = (command, args, cwd) => {
      calls.push(`${command} ${args.join(' ')}${cwd === repo ? '' : ' (elsewhere)'}`);
      return runCommand(command, args, cwd);
    };
    const { code, stdout, stderr } = run(['v1', '--save-base', 'saved-base'], recording);
    expect(stderr).toBe('base v1: package-lock.json identical, node_modules of this checkout reused\n');
    expect(calls.filter((c) => c.startsWith('npm ci'))).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toContain('Synth diff: v1 -> working tree (cdktf.out)');
    expect(stdout).toContain('~ purge_protection_enabled: false -> true');
    expect(stdout).toContain('+    <set-header name="x-gateway" exists-action="override" />');
    expect(calls.some((c) => /^git worktree add --detach .* [0-9a-f]{40}$/.test(c))).toBe(true);
    expect(calls).toContain('npm run --silent synth (elsewhere)');
    expect(calls).toContain('npm run --silent synth');
    expect(git('worktree', 'list').trim().split('\n')).toHaveLength(1);
    // The saved base output serves a second report without synthesizing anything again.
    const calls2: string[] = [];
    const second = run(['saved-base', '--head', 'cdktf.out', '--format', 'markdown'], (command, args, cwd) => {
      calls2.push(command);
      return runCommand(command, args, cwd);
    });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('<code>purge_protection_enabled</code> | <code>false</code> | <code>true</code>');
    expect(calls2).toEqual([]);
  });

  test('an unknown ref is one clear error line and exit status 2', () => {
    const { code, stdout, stderr } = run(['no-such-branch']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('error: "no-such-branch" is neither a cdktf output folder nor a commit, branch or tag of this repository\n');
  });

  test('a base that fails to synthesize is reported with the tail of its output, and the worktree is removed', () => {
    writeSettings({ fail: true });
    git('commit', '-q', '-am', 'broken synth');
    writeSettings({ purge: true, policy: '<policies />' });
    const { code, stderr } = run(['HEAD']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\nerror: synth of HEAD failed \(exit 3\):\n[\s\S]*synth exploded/);
    expect(git('worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  test('a cdktf output folder works as base, --head skips the working-tree synth, --exit-code signals differences', () => {
    writeSettings({ purge: false, policy: '<policies />' });
    synthFixture();
    mkdirSync(join(repo, 'snapshots'), { recursive: true });
    execFileSync('cp', ['-r', 'cdktf.out', 'snapshots/base'], { cwd: repo });
    const same = run(['snapshots/base', '--head', 'cdktf.out', '--exit-code']);
    expect(same).toMatchObject({ code: 0, stdout: 'Synth diff: snapshots/base -> cdktf.out\nNo differences.\n' });
    writeSettings({ purge: true, policy: '<policies />' });
    const changed = run(['snapshots/base', '--exit-code', '--format', 'json', '--output', 'diff.json']);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toBe('wrote json diff to diff.json: 1 stack(s) differ\n');
    const json = JSON.parse(readFileSync(join(repo, 'diff.json'), 'utf8')) as { stacks: Array<{ entries: Array<{ address: string }> }> };
    expect(json.stacks[0]!.entries.map((e) => e.address)).toEqual(['azurerm_key_vault.kv']);
  });

  test('a base with another lockfile installs its own dependencies with npm ci in the worktree', () => {
    writeSettings({ purge: false, policy: '<policies />' });
    writeFileSync(
      join(repo, 'package-lock.json'),
      JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/x': { version: '1.0.0' } } }),
    );
    git('add', '.');
    git('commit', '-q', '-m', 'provider 1.0.0');
    git('tag', 'old-provider');
    writeFileSync(
      join(repo, 'package-lock.json'),
      JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/x': { version: '2.0.0' } } }),
    );
    const installs: string[] = [];
    // npm ci itself is not run: the fixture has nothing to install; the call and its folder are what matter.
    const recording: CommandRunner = (command, args, cwd) => {
      if (command === 'npm' && args[0] === 'ci') {
        installs.push(
          `${cwd === repo ? 'here' : 'worktree'} ${readFileSync(join(cwd, 'package-lock.json'), 'utf8').includes('1.0.0') ? 'base lockfile' : 'other'}`,
        );
        return { status: 0, stdout: '', stderr: '' };
      }
      return withoutNpm(command, args, cwd);
    };
    const { code, stderr } = run(['old-provider'], recording);
    expect(code).toBe(0);
    expect(installs).toEqual(['worktree base lockfile']);
    expect(stderr).toBe("base old-provider: package-lock.json differs, dependencies installed with npm ci from the base's lockfile\n");
    const failing: CommandRunner = (command, args, cwd) =>
      command === 'npm' && args[0] === 'ci'
        ? { status: 1, stdout: '', stderr: 'npm ERR! lockfile broken' }
        : withoutNpm(command, args, cwd);
    const failed = run(['old-provider'], failing);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^base|error: npm ci for old-provider failed \(exit 1\):\n[\s\S]*lockfile broken/m);
    expect(git('worktree', 'list').trim().split('\n')).toHaveLength(1);
    rmSync(join(repo, 'package-lock.json'));
  });

  test('--output into a folder that does not exist creates it; an unwritable path is one line, exit 2', () => {
    writeSettings({ purge: false, policy: '<policies />' });
    synthFixture();
    execFileSync('cp', ['-r', 'cdktf.out', 'base-for-output'], { cwd: repo });
    const nested = run(['base-for-output', '--head', 'cdktf.out', '--output', 'reports/deep/diff.txt']);
    expect(nested).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(repo, 'reports/deep/diff.txt'), 'utf8')).toContain('No differences.');
    writeFileSync(join(repo, 'a-file'), '');
    const blocked = run(['base-for-output', '--head', 'cdktf.out', '--output', 'a-file/diff.txt']);
    expect(blocked).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: cannot write a-file/diff.txt: a part of the path is a file, not a folder\n',
    });
  });

  test('usage errors exit 2', () => {
    expect(run([]).stderr).toBe('error: missing <base>: a git revision or a cdktf output folder\n');
    expect(run(['v1', '--format', 'html']).code).toBe(2);
    expect(run(['v1', '--colour']).stderr).toMatch(/^error: Unknown option '--colour'/);
  });
});
