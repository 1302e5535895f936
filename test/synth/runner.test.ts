import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { projectPath } from '../../lib/paths';
import { rawEnvironment, SHIPPED_ENVIRONMENTS } from '../helpers/synth';

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

describe('the type-checked run (npm run synth:checked, ts-node)', () => {
  it('writes byte for byte what the fast runner writes, for the environments GATEWAY_CONFIG names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aoai-checked-'));
    try {
      const env = SHIPPED_ENVIRONMENTS[0]!;
      // A JSON copy of the environment file: JSON is read like YAML, and the file's name is the environment's.
      const file = join(dir, `${env}.json`);
      writeFileSync(file, JSON.stringify(rawEnvironment(env)));
      // Transpile-only: what this compares is ts-node's module loading and evaluation against the bundle's; the
      // type-check ts-node adds (TypeScript 5.9) repeats what `npm test`'s `tsc --noEmit` checked first, and costs
      // several seconds.
      const checked = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), 'main.ts'], {
        cwd: projectPath(),
        env: {
          ...process.env,
          GATEWAY_CONFIG: file,
          CDKTF_OUTDIR: join(dir, 'checked'),
          TS_NODE_TRANSPILE_ONLY: 'true',
        },
        encoding: 'utf8',
      });
      expect([checked.status, checked.stderr]).toEqual([0, '']);
      // The test run's global setup synthesized every shipped environment; test/synth/cli.test.ts shows that the fast
      // runner writes the same bytes, so equal here means equal to the fast runner.
      const stacks = (root: string) =>
        Object.fromEntries(
          (readdirSync(join(root, 'stacks')) as string[])
            .filter((stack) => stack.startsWith(`${env}-`))
            .sort()
            .map((stack) => [stack, readFileSync(join(root, 'stacks', stack, 'cdk.tf.json'), 'utf8')]),
        );
      const fast = stacks(process.env.AOAI_TEST_SHIPPED_DIR!);
      expect(Object.keys(fast)).toHaveLength(8);
      // Only the named environment's stacks, and the manifest lists exactly those.
      expect(readdirSync(join(dir, 'checked', 'stacks')).sort()).toEqual(Object.keys(fast));
      const manifest = JSON.parse(readFileSync(join(dir, 'checked', 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
      expect(Object.keys(manifest.stacks).sort()).toEqual(Object.keys(fast));
      expect(stacks(join(dir, 'checked'))).toEqual(fast);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
