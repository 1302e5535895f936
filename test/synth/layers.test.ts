import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LAYERS_FILE, synthesize } from '../../app/synth';
import { LAYER_ORDER } from '../../lib/layers';
import { projectPath } from '../../lib/paths';
import { SHIPPED_ENVIRONMENTS } from '../helpers/synth';

function environmentCommand(action: string, env: string): string {
  const result = spawnSync(process.execPath, [projectPath('scripts', 'run.mjs'), 'scripts/environment.ts', action, env, '--dry-run'], {
    cwd: projectPath(),
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}

describe('one list of layers', () => {
  it('deploy applies every layer of LAYER_ORDER in order; destroy goes in reverse', () => {
    const env = SHIPPED_ENVIRONMENTS[0]!;
    const stacks = LAYER_ORDER.map((layer) => `${env}-${layer}`);
    expect(environmentCommand('deploy', env)).toBe(`npx --yes cdktf-cli@0.21.0 deploy ${stacks.join(' ')}`);
    expect(environmentCommand('destroy', env)).toBe(`npx --yes cdktf-cli@0.21.0 destroy ${[...stacks].reverse().join(' ')}`);
  });

  it('synth writes the order and every environment’s stacks beside them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aoai-layers-'));
    try {
      const out = join(dir, 'cdktf.out');
      const { stacks } = synthesize({ outdir: out });
      const written = JSON.parse(readFileSync(join(out, LAYERS_FILE), 'utf8')) as { layers: string[]; stacks: Record<string, string[]> };
      expect(written.layers).toEqual([...LAYER_ORDER]);
      expect(Object.keys(written.stacks)).toEqual([...SHIPPED_ENVIRONMENTS].sort());
      expect(Object.values(written.stacks).flat().sort()).toEqual([...stacks].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
