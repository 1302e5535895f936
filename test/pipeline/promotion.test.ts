import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError } from '../../config/load';
import { WORKSPACE_QUERY_ROLE_PATTERN, workspaceQueryRoleDefinitionId } from '../../lib/azure/workspace-access';
import { LAYER_ORDER } from '../../lib/layers';
import { ASSIGNABLE_ROLES } from '../../tools/pipeline/identities';
import { identitiesTable, identityForLayer, PIPELINE_IDENTITIES } from '../../tools/pipeline/identities';
import { loadPromotion, pipelineMatrix } from '../../tools/pipeline/promotion';
import type { Loose } from '../helpers/config';
import {
  allResources,
  rawEnvironment,
  SHIPPED_ENVIRONMENTS,
  shippedConfig,
  synthesizeConfigs,
  synthShipped,
  validate,
} from '../helpers/synth';

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
    // A copy of test.yaml with what the README says to change: name, environment tag, network and host name.
    const uat = readFileSync(join(dir, 'environments', 'test.yaml'), 'utf8')
      .replace(/^name: test$/m, 'name: uat')
      .replace(/^ {2}environment: test$/m, '  environment: uat')
      .replaceAll('10.20.', '10.50.')
      .replace('aoai-test.contoso.com', 'aoai-uat.contoso.com');
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

describe('roles the workload identity may assign', () => {
  it('cover every role any stack assigns, with fine-tuning operators and workload keys configured', () => {
    const raw = rawEnvironment('prod') as Loose;
    raw.openai.fineTuningOperatorsGroupObjectId = '22222222-3333-4444-5555-666666666666';
    raw.access.tiers[0].servicePrincipals = ['11111111-2222-3333-4444-555555555555'];
    // The changed production environment, and every other one as shipped (environments never share resources).
    const changed = synthesizeConfigs([validate(raw, 'prod.yaml')]);
    const resources = [...allResources(changed), ...allResources(synthShipped()).filter((r) => !(r.stack in changed.stacks))];
    expect(SHIPPED_ENVIRONMENTS.filter((env) => !resources.some((r) => r.stack.startsWith(`${env}-`)))).toEqual([]);
    const queryRoles = new Set(SHIPPED_ENVIRONMENTS.map((env) => workspaceQueryRoleDefinitionId(shippedConfig(env).azure.subscriptionId)));
    const assigned = new Set(
      resources
        .filter((r) => r.type === 'azurerm_role_assignment')
        // The one custom role is assigned by its id, fixed per subscription.
        .map((r) =>
          r.attributes.role_definition_name === undefined && queryRoles.has(String(r.attributes.role_definition_id))
            ? WORKSPACE_QUERY_ROLE_PATTERN
            : String(r.attributes.role_definition_name),
        ),
    );
    expect([...assigned].sort()).toEqual([...ASSIGNABLE_ROLES].sort());
  });
});
