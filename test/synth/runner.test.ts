import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { projectPath } from '../../lib/paths';

function run(entry: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [projectPath('scripts', 'run.mjs'), entry], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('scripts/run.mjs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aoai-runner-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    // The runner names its bundles after the entry's path; these entries lived in `dir`.
    const token = dir.replace(/[^\w]+/g, '_');
    for (const file of readdirSync(projectPath('.build')).filter((f) => f.includes(token))) {
      rmSync(projectPath('.build', file), { force: true });
    }
  });

  it('rebuilds the bundle when a file it imports changes, and reuses it otherwise', () => {
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, "import { value } from './value';\nprocess.stdout.write(value);\n");
    writeFileSync(join(dir, 'value.ts'), "export const value: string = 'first';\n");
    expect(run(entry).stdout).toBe('first');
    expect(run(entry).stdout).toBe('first');
    writeFileSync(join(dir, 'value.ts'), "export const value: string = 'second, longer';\n");
    expect(run(entry).stdout).toBe('second, longer');
  });

  it('maps stack traces to the TypeScript sources only when asked to (AOAI_DEBUG=1)', () => {
    const entry = join(dir, 'throws.ts');
    writeFileSync(entry, "\n\n\nthrow new Error('boom');\n");
    expect(run(entry).stderr).not.toMatch(/throws\.ts:4/);
    expect(run(entry, { AOAI_DEBUG: '1' }).stderr).toMatch(/throws\.ts:4/);
  });
});
