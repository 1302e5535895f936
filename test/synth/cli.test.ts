import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { stringify } from 'yaml';

import { projectPath } from '../../lib/paths';
import { rawEnvironment } from '../helpers/synth';

/** Runs `npm run synth`'s command the way a user does, in a child process. */
function synth(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [projectPath('scripts', 'run.mjs'), 'main.ts'], {
    cwd: projectPath(),
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a folder with its content, for exact before/after comparisons. */
function snapshotTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else {
        files[relative(dir, path)] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(dir);
  return files;
}

const work = mkdtempSync(join(tmpdir(), 'aoai-cli-'));

describe('synth from the command line', () => {
  it('a bad environment prints one line per problem, exits non-zero, prints no stack trace, and leaves the output untouched', () => {
    const outdir = join(work, 'untouched');
    mkdirSync(join(outdir, 'stacks', 'old'), { recursive: true });
    writeFileSync(join(outdir, 'manifest.json'), '{"previous": true}\n');
    writeFileSync(join(outdir, 'stacks', 'old', 'cdk.tf.json'), '{}\n');
    const before = snapshotTree(outdir);

    const raw = rawEnvironment('dev');
    const bad = {
      ...raw,
      production: 'no',
      network: {
        ...(raw.network as object),
        subnets: { applicationGateway: '10.10.0.0/24', apiManagement: '10.10.0.0/27', privateEndpoints: '10.10.2.0/24' },
      },
    };
    const file = join(work, 'bad.yaml');
    writeFileSync(file, stringify(bad));
    const result = synth({ GATEWAY_CONFIG: file, CDKTF_OUTDIR: outdir });

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toEqual([`${file}: production: expected a boolean, found "no"`]);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(snapshotTree(outdir)).toEqual(before);
  });

  it('cross-field problems are reported the same way once the structure is right', () => {
    const outdir = join(work, 'untouched-2');
    mkdirSync(outdir);
    writeFileSync(join(outdir, 'marker'), 'kept');
    const raw = rawEnvironment('dev');
    const file = join(work, 'dev.yaml');
    writeFileSync(
      file,
      stringify({
        ...raw,
        network: {
          ...(raw.network as object),
          subnets: { applicationGateway: '10.10.0.0/24', apiManagement: '10.10.0.0/27', privateEndpoints: '10.10.2.0/24' },
        },
      }),
    );
    const result = synth({ GATEWAY_CONFIG: file, CDKTF_OUTDIR: outdir });
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `${file}: network.subnets.apiManagement: expected a subnet that does not overlap subnets.applicationGateway (10.10.0.0/24), found "10.10.0.0/27"`,
    ]);
    expect(snapshotTree(outdir)).toEqual({ marker: 'kept' });
  });

  it('a run with no Terraform binary on the PATH writes byte for byte what another process wrote, replacing the previous output', () => {
    // The test run's global setup synthesized every shipped environment in its own process.
    const reference = process.env.AOAI_TEST_SHIPPED_DIR!;
    const outdir = join(work, 'again');
    mkdirSync(join(outdir, 'stacks', 'stale-stack'), { recursive: true });
    writeFileSync(join(outdir, 'stacks', 'stale-stack', 'cdk.tf.json'), '{}\n');
    // Only node on the PATH: synthesis must not run terraform (cdktf does for some constructs, e.g. resource moves).
    const bin = join(work, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const result = synth({ CDKTF_OUTDIR: outdir, PATH: bin });
    expect([result.status, result.stderr]).toEqual([0, '']);
    const a = snapshotTree(reference);
    const b = snapshotTree(outdir);
    expect(Object.keys(a).length).toBeGreaterThan(24);
    // Exactly the same files: the stale stack is gone, nothing is missing.
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const file of Object.keys(a)) {
      expect({ file, content: b[file] }).toEqual({ file, content: a[file] });
    }
  });
});
