import { readFileSync } from 'node:fs';

import { LAYER_ORDER } from '../../lib/layers';
import {
  allResources,
  type Attributes,
  rawEnvironment,
  SHIPPED_ENVIRONMENTS,
  shippedConfig,
  stackOf,
  synthesizeConfigs,
  synthShipped,
  validate,
} from '../helpers/synth';

const synth = synthShipped();
// The module object itself (an `import * as` namespace is a copy), so that a spy sees cdktf's calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess = require('node:child_process') as typeof import('node:child_process');

describe('stacks', () => {
  it('one stack per environment and layer, named <environment>-<layer>', () => {
    const expected = SHIPPED_ENVIRONMENTS.flatMap((env) => LAYER_ORDER.map((layer) => `${env}-${layer}`)).sort();
    expect(Object.keys(synth.stacks).sort()).toEqual(expected);
  });

  it('every azurerm stack pins the provider to its environment tenant and subscription, with Entra ID storage auth', () => {
    for (const env of SHIPPED_ENVIRONMENTS) {
      const config = shippedConfig(env);
      for (const layer of LAYER_ORDER.filter((l) => l !== 'identity')) {
        const [provider] = stackOf(synth, `${env}-${layer}`).provider?.azurerm ?? [];
        expect(provider).toMatchObject({
          subscription_id: config.azure.subscriptionId,
          tenant_id: config.azure.tenantId,
          storage_use_azuread: true,
        });
      }
    }
  });

  it('the provider never purges soft-deleted vaults, accounts or API Management on destroy', () => {
    const features = (stackOf(synth, 'prod-data').provider?.azurerm?.[0]?.features as Attributes[])[0]!;
    expect(features).toMatchObject({
      key_vault: [{ purge_soft_delete_on_destroy: false, recover_soft_deleted_key_vaults: true }],
      cognitive_account: [{ purge_soft_delete_on_destroy: false }],
      api_management: [{ purge_soft_delete_on_destroy: false, recover_soft_deleted: true }],
      resource_group: [{ prevent_deletion_if_contains_resources: true }],
      storage: [{ data_plane_available: false }],
    });
  });
});

describe('state', () => {
  it('dev keeps local state, one file per stack', () => {
    expect(stackOf(synth, 'dev-network').terraform?.backend).toEqual({ local: { path: '../../../terraform-state/dev-network.tfstate' } });
  });

  it('azurerm state: one key per stack, Entra ID auth, never the account key', () => {
    expect(stackOf(synth, 'prod-gateway').terraform?.backend).toEqual({
      azurerm: {
        resource_group_name: 'rg-aoaigw-tfstate',
        storage_account_name: 'staoaigwtfstateprod',
        container_name: 'tfstate',
        key: 'aoai-gateway/prod-gateway.tfstate',
        subscription_id: '33333333-3333-3333-3333-333333333333',
        tenant_id: '00000000-0000-0000-0000-000000000000',
        use_azuread_auth: true,
      },
    });
  });

  it('an HCP Terraform organisation gets one workspace per stack, synthesized without running Terraform', () => {
    const raw = { ...rawEnvironment('dev'), state: { backend: 'remote', organization: 'contoso', workspacePrefix: 'aoaigw-' } };
    // cdktf's own CloudBackend runs `terraform version` once per stack at synth; a machine without Terraform fails.
    const spawned = ['execSync', 'execFileSync', 'spawnSync'].map((name) => jest.spyOn(childProcess, name as 'execSync'));
    let remote: ReturnType<typeof synthesizeConfigs>;
    let processes: number[];
    try {
      remote = synthesizeConfigs([validate(raw)]);
    } finally {
      processes = spawned.map((spy) => spy.mock.calls.length);
      spawned.forEach((spy) => spy.mockRestore());
    }
    expect(processes).toEqual([0, 0, 0]);
    const openai = stackOf(remote, 'dev-openai');
    expect(openai.terraform).toMatchObject({
      cloud: { hostname: 'app.terraform.io', organization: 'contoso', workspaces: { name: 'aoaigw-dev-openai' } },
    });
    expect(openai.terraform?.backend).toBeUndefined();
    expect(openai['//']?.metadata).toMatchObject({ backend: 'cloud', cloud: 'tfc' });
    // A stack that reads another reads that stack's workspace.
    const lookups = Object.values((openai.data?.['terraform_remote_state'] ?? {}) as Record<string, Attributes>);
    expect(lookups.length).toBeGreaterThan(0);
    for (const lookup of lookups) {
      expect(lookup).toMatchObject({ backend: 'remote', config: { organization: 'contoso', hostname: 'app.terraform.io' } });
      expect((lookup['config'] as { workspaces: { name: string } }).workspaces.name).toMatch(
        /^aoaigw-dev-(identity|monitoring|network|data)$/,
      );
    }
  });
});

describe('tags', () => {
  /** Whether the provider's binding for a resource type accepts a map of tags (read from its generated code). */
  function taggable(type: string): boolean {
    const modulePath = `@cdktf/provider-azurerm/lib/${type.replace(/^azurerm_/, '').replace(/_/g, '-')}/index.js`;
    const source = readFileSync(require.resolve(modulePath), 'utf8');
    return /\btags: cdktf\.hashMapper\(/.test(source);
  }

  it('every taggable azurerm resource carries the environment tags and the project tags', () => {
    const resources = allResources(synth).filter((r) => r.type.startsWith('azurerm_'));
    const types = [...new Set(resources.map((r) => r.type))];
    const taggableTypes = new Set(types.filter(taggable));
    // The detection itself: resource groups take a tag map; subnets take no tags; named values take a list.
    expect(taggableTypes.has('azurerm_resource_group')).toBe(true);
    expect(taggable('azurerm_api_management_named_value')).toBe(false);
    expect(types).toContain('azurerm_subnet');
    expect(taggableTypes.has('azurerm_subnet')).toBe(false);
    const expectedTags = new Map(
      SHIPPED_ENVIRONMENTS.map((env) => [
        env,
        { ...shippedConfig(env).tags, 'aoai-gateway:environment': env, 'aoai-gateway:managed-by': 'cdktf' },
      ]),
    );
    for (const resource of resources.filter((r) => taggableTypes.has(r.type))) {
      const expected = expectedTags.get(resource.stack.split('-')[0]!);
      expect(expected).toBeDefined();
      expect({ address: `${resource.stack}/${resource.type}.${resource.name}`, tags: resource.attributes.tags }).toEqual({
        address: `${resource.stack}/${resource.type}.${resource.name}`,
        tags: expect.objectContaining(expected),
      });
    }
  });
});
