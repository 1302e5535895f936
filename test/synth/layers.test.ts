import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { LAYERS_FILE } from '../../app/synth';
import { LAYER_ORDER } from '../../lib/layers';
import { projectPath } from '../../lib/paths';
import { SHIPPED_ENVIRONMENTS, synthShipped } from '../helpers/synth';

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
    // The run's shared synth (test/global-setup.ts) is made by app/synth's `synthesize`, as `npm run synth` is.
    const out = process.env.AOAI_TEST_SHIPPED_DIR!;
    const written = JSON.parse(readFileSync(join(out, LAYERS_FILE), 'utf8')) as { layers: string[]; stacks: Record<string, string[]> };
    expect(written.layers).toEqual([...LAYER_ORDER]);
    expect(Object.keys(written.stacks)).toEqual([...SHIPPED_ENVIRONMENTS].sort());
    expect(Object.values(written.stacks).flat().sort()).toEqual(Object.keys(synthShipped().stacks).sort());
    for (const [env, stacks] of Object.entries(written.stacks)) {
      expect(stacks).toEqual(LAYER_ORDER.map((layer) => `${env}-${layer}`));
    }
  });
});
