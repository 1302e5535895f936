import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { LOCAL_STATE_DIR } from '../../stacks/base';
import { type Attributes, rawEnvironment, type StackJson, synthesizeConfigs, validate } from '../helpers/synth';

/** dev keeps local state (set explicitly here, so the test holds whatever dev.yaml says). */
const dev = validate({ ...rawEnvironment('dev'), state: { backend: 'local' } }, 'dev.yaml');
const synth = synthesizeConfigs([dev]);

function backendPath(stack: StackJson): string {
  return String((stack.terraform?.backend?.['local'] as Attributes | undefined)?.['path']);
}

function remoteStates(stack: StackJson): Record<string, Attributes> {
  return (stack.data?.['terraform_remote_state'] ?? {}) as Record<string, Attributes>;
}

describe('local state lives beside the synth output, where every reader finds it', () => {
  it('each stack keeps its state outside the output folder, by a path relative to where Terraform runs it', () => {
    for (const [name, stack] of Object.entries(synth.stacks)) {
      const path = backendPath(stack);
      expect(path).toBe(`../../../${LOCAL_STATE_DIR}/${name}.tfstate`);
      // Run from <output>/stacks/<stack>/, it lands in <output>/../terraform-state/: a synth replaces the output only.
      expect(resolve('/project/cdktf.out/stacks', name, path)).toBe(`/project/${LOCAL_STATE_DIR}/${name}.tfstate`);
    }
  });

  it("every cross-stack lookup reads exactly the producer's state file", () => {
    let lookups = 0;
    for (const stack of Object.values(synth.stacks)) {
      for (const [id, lookup] of Object.entries(remoteStates(stack))) {
        const producer = id.replace(/^cross-stack-reference-input-/, '');
        expect(lookup.backend).toBe('local');
        expect((lookup.config as Attributes).path).toBe(backendPath(synth.stacks[producer]!));
        lookups++;
      }
    }
    expect(lookups).toBeGreaterThan(5);
  });
});

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const describeWithTerraform = terraform.status === 0 ? describe : describe.skip;

describeWithTerraform(`a real Terraform (${terraform.status === 0 ? terraform.stdout.split('\n')[0] : 'not installed: skipped'})`, () => {
  it("resolves a consumer's remote-state lookup to the producer's local state file", () => {
    const root = mkdtempSync(join(tmpdir(), 'aoai-local-state-'));
    try {
      // The producer's state, where its backend writes it, with one output.
      mkdirSync(join(root, LOCAL_STATE_DIR));
      const producer = 'dev-network';
      writeFileSync(
        join(root, LOCAL_STATE_DIR, `${producer}.tfstate`),
        JSON.stringify({
          version: 4,
          terraform_version: '1.11.0',
          serial: 1,
          lineage: '00000000-0000-0000-0000-000000000000',
          outputs: { probe: { value: 'from-the-producer', type: 'string' } },
          resources: [],
        }),
      );
      // The consumer: the gateway's own lookup block and backend, as synthesized, in <output>/stacks/<stack>/.
      const gateway = synth.stacks['dev-gateway']!;
      const lookup = remoteStates(gateway)[`cross-stack-reference-input-${producer}`]!;
      const dir = join(root, 'cdktf.out', 'stacks', 'dev-gateway');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'main.tf.json'),
        JSON.stringify({
          terraform: { backend: gateway.terraform!.backend },
          data: { terraform_remote_state: { producer: lookup } },
          output: { probe: { value: '${data.terraform_remote_state.producer.outputs.probe}' } },
        }),
      );
      const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: join(root, 'none.tfrc') };
      writeFileSync(join(root, 'none.tfrc'), '');
      const run = (args: string[]) => spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8' });
      const init = run(['init', '-input=false', '-no-color']);
      expect(init.stderr).toBe('');
      const apply = run(['apply', '-auto-approve', '-input=false', '-no-color']);
      expect(apply.stderr).toBe('');
      expect(run(['output', '-raw', 'probe']).stdout).toBe('from-the-producer');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
