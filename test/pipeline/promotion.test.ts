import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError } from '../../config/load';
import { identitiesTable, identityForLayer, PIPELINE_IDENTITIES } from '../../lib/pipeline/identities';
import { loadPromotion, pipelineMatrix } from '../../lib/pipeline/promotion';
import { LAYER_ORDER } from '../../stacks/app';

const ROOT = join(__dirname, '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aoai-promotion-'));
  cpSync(join(ROOT, 'config', 'environments'), join(dir, 'environments'), { recursive: true });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function promotion(text: string): string {
  const file = join(dir, 'promotion.yaml');
  writeFileSync(file, text);
  return file;
}

function problems(text: string): readonly string[] {
  try {
    loadPromotion(promotion(text), join(dir, 'environments'));
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

describe('promotion chain', () => {
  test('the shipped chain is dev, test, prod; only dev may fall back to a GitHub-hosted runner', () => {
    expect(
      loadPromotion().map((s) => `${s.environment}:${s.production}:${s.hostedRunner}:${s.runnerVariable}:${s.planEnvironment}`),
    ).toEqual(['dev:false:true:RUNNER_DEV:dev-plan', 'test:false:false:RUNNER_TEST:test-plan', 'prod:true:false:RUNNER_PROD:prod-plan']);
  });

  test('an environment file that no stage names stops the pipeline with one line saying so', () => {
    expect(problems('stages:\n  - environment: dev\n  - environment: prod\n')).toEqual([
      expect.stringMatching(
        /^config\/promotion\.yaml: stages: .*test\.yaml \(environment "test"\) is in no stage: add it where it belongs in the order$/,
      ),
    ]);
  });

  test('a stage naming no environment file, or one named twice, is refused', () => {
    expect(
      problems('stages:\n  - environment: dev\n  - environment: uat\n  - environment: test\n  - environment: prod\n  - environment: dev\n'),
    ).toEqual([
      'config/promotion.yaml: stages.1.environment: expected an environment of config/environments/, found "uat"',
      'config/promotion.yaml: stages.4.environment: "dev" is listed twice',
    ]);
    expect(problems('stages: []\n')).toHaveLength(1);
  });

  test('a new environment file is deployed once it has a stage: no workflow names it', () => {
    const uat = readFileSync(join(dir, 'environments', 'test.yaml'), 'utf8').replace(/^name: test$/m, 'name: uat');
    writeFileSync(join(dir, 'environments', 'uat.yaml'), uat);
    try {
      const file = promotion('stages:\n  - environment: dev\n  - environment: test\n  - environment: uat\n  - environment: prod\n');
      expect(pipelineMatrix(file, join(dir, 'environments')).stages.map((s) => s.environment)).toEqual(['dev', 'test', 'uat', 'prod']);
    } finally {
      rmSync(join(dir, 'environments', 'uat.yaml'));
    }
  });
});

describe('pipeline identities', () => {
  test('identity, network and the other layers apply with three different identities; the plan identity applies none', () => {
    expect(identityForLayer('identity').name).toBe('identity');
    expect(identityForLayer('network').name).toBe('network');
    expect(new Set(LAYER_ORDER.filter((l) => l !== 'identity' && l !== 'network').map((l) => identityForLayer(l).name))).toEqual(
      new Set(['workload']),
    );
    expect(PIPELINE_IDENTITIES.find((i) => i.name === 'plan')!.applies).toEqual([]);
    expect(new Set(PIPELINE_IDENTITIES.map((i) => i.variable)).size).toBe(PIPELINE_IDENTITIES.length);
  });

  test('only the identity layer holds Microsoft Graph write permissions; only the workload identity may assign roles', () => {
    const writers = PIPELINE_IDENTITIES.filter((i) => i.graphAppRoles.some((r) => r.includes('ReadWrite'))).map((i) => i.name);
    expect(writers).toEqual(['identity']);
    const assigners = PIPELINE_IDENTITIES.filter((i) => i.azureRoles.some((r) => /Access|Owner/.test(r.role))).map((i) => i.name);
    expect(assigners).toEqual(['workload']);
  });

  test('the README table is the one the module generates', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`${identitiesTable()}\n`);
  });
});
