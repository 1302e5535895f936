import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';

import { ModelDeployments, type ModelDeploymentSpec } from '../../constructs/openai/model-deployments';
import { OpenAiAccount, type OpenAiAccountProps, TRAINING_DATA_ROLE } from '../../constructs/openai/openai-account';
import { OpenAiAccess, OpenAiRoleAssignment } from '../../constructs/openai/role-assignment';
import type { Attributes, StackJson } from '../helpers/synth';

const ACCOUNT_ID =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-x/providers/Microsoft.CognitiveServices/accounts/oai-x';
const PRINCIPAL = '55555555-5555-5555-5555-555555555555';
const CONTAINER_ID =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stx/blobServices/default/containers/training';

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

function synth(stack: TerraformStack): StackJson {
  return JSON.parse(Testing.synth(stack)) as StackJson;
}

function resources(json: StackJson, type: string): [string, Attributes][] {
  return Object.entries(json.resource?.[type] ?? {});
}

const chat: ModelDeploymentSpec = { name: 'gpt-4o', model: { name: 'gpt-4o', version: '2024-11-20' }, sku: 'GlobalStandard', capacity: 10 };
const embeddings: ModelDeploymentSpec = {
  name: 'embed',
  model: { name: 'text-embedding-3-large', version: '1' },
  sku: 'Standard',
  capacity: 20,
};
const mini: ModelDeploymentSpec = {
  name: 'mini',
  model: { name: 'gpt-4o-mini', version: '2024-07-18' },
  sku: 'DataZoneStandard',
  capacity: 5,
};

describe('ModelDeployments', () => {
  it('creates deployments one after another: each depends on exactly the previous one', () => {
    const stack = newStack();
    const created = new ModelDeployments(stack, 'deployments', { accountId: ACCOUNT_ID, deployments: [chat, embeddings, mini] });
    const json = synth(stack);
    const byName = new Map(resources(json, 'azurerm_cognitive_deployment').map(([id, d]) => [d['name'], { id, d }]));
    expect([...byName.keys()].sort()).toEqual(['embed', 'gpt-4o', 'mini']);
    expect(byName.get('gpt-4o')!.d['depends_on']).toBeUndefined();
    expect(byName.get('embed')!.d['depends_on']).toEqual([`azurerm_cognitive_deployment.${byName.get('gpt-4o')!.id}`]);
    expect(byName.get('mini')!.d['depends_on']).toEqual([`azurerm_cognitive_deployment.${byName.get('embed')!.id}`]);
    expect(created.names).toEqual(['gpt-4o', 'embed', 'mini']);
  });

  it('maps each spec to the provider attributes, NoAutoUpgrade unless told otherwise', () => {
    const stack = newStack();
    new ModelDeployments(stack, 'deployments', {
      accountId: ACCOUNT_ID,
      deployments: [chat, { ...mini, versionUpgradeOption: 'OnceNewDefaultVersionAvailable', raiPolicyName: 'strict-filter' }],
    });
    const all = resources(synth(stack), 'azurerm_cognitive_deployment').map(([, d]) => d);
    const [first, second] = ['gpt-4o', 'mini'].map((name) => all.find((d) => d['name'] === name));
    expect(first).toMatchObject({
      cognitive_account_id: ACCOUNT_ID,
      name: 'gpt-4o',
      model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-11-20' },
      sku: { name: 'GlobalStandard', capacity: 10 },
      version_upgrade_option: 'NoAutoUpgrade',
    });
    expect(first).not.toHaveProperty('rai_policy_name');
    expect(second).toMatchObject({ version_upgrade_option: 'OnceNewDefaultVersionAvailable', rai_policy_name: 'strict-filter' });
  });

  it('fails on no deployments, a repeated name, or a capacity that is not a whole number > 0', () => {
    expect(() => new ModelDeployments(newStack(), 'd', { accountId: ACCOUNT_ID, deployments: [] })).toThrow(
      'model deployments: deployments must list at least one deployment, got none',
    );
    expect(
      () => new ModelDeployments(newStack(), 'd', { accountId: ACCOUNT_ID, deployments: [chat, { ...embeddings, name: 'gpt-4o' }] }),
    ).toThrow('model deployments: deployment names must be unique on an account, got "gpt-4o" twice');
    expect(() => new ModelDeployments(newStack(), 'd', { accountId: ACCOUNT_ID, deployments: [{ ...chat, capacity: 0 }] })).toThrow(
      'model deployments: gpt-4o: capacity must be a whole number > 0, got 0',
    );
    expect(() => new ModelDeployments(newStack(), 'd', { accountId: ACCOUNT_ID, deployments: [{ ...chat, capacity: 1.5 }] })).toThrow(
      'model deployments: gpt-4o: capacity must be a whole number > 0, got 1.5',
    );
  });
});

describe('OpenAiRoleAssignment', () => {
  it('assigns the role by name, scoped to the account, with the principal type stated', () => {
    const stack = newStack();
    new OpenAiRoleAssignment(stack, 'apim-user', {
      accountId: ACCOUNT_ID,
      role: 'Cognitive Services OpenAI User',
      principalId: PRINCIPAL,
      principalType: 'ServicePrincipal',
    });
    const assignments = resources(synth(stack), 'azurerm_role_assignment').map(([, a]) => a);
    expect(assignments).toHaveLength(1);
    expect(assignments[0]).toMatchObject({
      scope: ACCOUNT_ID,
      role_definition_name: 'Cognitive Services OpenAI User',
      principal_id: PRINCIPAL,
      principal_type: 'ServicePrincipal',
    });
    expect(assignments[0]).not.toHaveProperty('role_definition_id');
  });

  it('refuses a scope that is not an account, and a principal that is not an object id', () => {
    const props = { role: 'Cognitive Services OpenAI User', principalType: 'ServicePrincipal' } as const;
    expect(
      () =>
        new OpenAiRoleAssignment(newStack(), 'a', { ...props, accountId: '/subscriptions/1/resourceGroups/rg-x', principalId: PRINCIPAL }),
    ).toThrow(/accountId must be an Azure OpenAI account id .*got "\/subscriptions\/1\/resourceGroups\/rg-x"/);
    expect(() => new OpenAiRoleAssignment(newStack(), 'a', { ...props, accountId: ACCOUNT_ID, principalId: 'apim' })).toThrow(
      'OpenAI role assignment: principalId must be an object id (GUID), got "apim"',
    );
  });

  it('accepts unresolved references, which are only known at apply time', () => {
    const stack = newStack();
    const account = new OpenAiAccount(stack, 'account', accountProps());
    new OpenAiRoleAssignment(stack, 'self', {
      accountId: account.account.id,
      role: 'Cognitive Services OpenAI User',
      principalId: account.principalId,
      principalType: 'ServicePrincipal',
    });
    const json = synth(stack);
    const [[key]] = resources(json, 'azurerm_cognitive_account') as [[string, Attributes]];
    const [[, assignment]] = resources(json, 'azurerm_role_assignment') as [[string, Attributes]];
    expect(assignment['scope']).toBe(`\${azurerm_cognitive_account.${key}.id}`);
    expect(assignment['principal_id']).toBe(`\${azurerm_cognitive_account.${key}.identity[0].principal_id}`);
  });
});

describe('OpenAiAccess', () => {
  it('one assignment per instance, each scoped to its own account', () => {
    const stack = newStack();
    const access = new OpenAiAccess(stack, 'apim', {
      instances: [
        { name: 'one', account: { id: `${ACCOUNT_ID}1` } },
        { name: 'two', account: { id: `${ACCOUNT_ID}2` } },
      ],
      role: 'Cognitive Services OpenAI User',
      principalId: PRINCIPAL,
      principalType: 'ServicePrincipal',
    });
    const assignments = resources(synth(stack), 'azurerm_role_assignment').map(([, a]) => a);
    expect(assignments.map((a) => a['scope']).sort()).toEqual([`${ACCOUNT_ID}1`, `${ACCOUNT_ID}2`]);
    expect(new Set(assignments.map((a) => a['role_definition_name']))).toEqual(new Set(['Cognitive Services OpenAI User']));
    expect(Object.keys(access.assignments)).toEqual(['one', 'two']);
  });

  it('refuses an empty fleet and repeated instance names', () => {
    const props = { role: 'Cognitive Services OpenAI User', principalId: PRINCIPAL, principalType: 'ServicePrincipal' } as const;
    expect(() => new OpenAiAccess(newStack(), 'a', { ...props, instances: [] })).toThrow(
      'OpenAI access: instances must list at least one account, got none',
    );
    expect(
      () =>
        new OpenAiAccess(newStack(), 'a', {
          ...props,
          instances: [
            { name: 'one', account: { id: ACCOUNT_ID } },
            { name: 'one', account: { id: ACCOUNT_ID } },
          ],
        }),
    ).toThrow('OpenAI access: instance names must be unique, got "one" twice');
  });
});

function accountProps(overrides: Partial<OpenAiAccountProps> = {}): OpenAiAccountProps {
  return {
    name: 'oai-aoaigw-dev-primary-sdc-ab12',
    resourceGroupName: 'rg-openai',
    location: 'swedencentral',
    deployments: [chat, embeddings],
    network: {
      endpointName: 'pep-oai-account',
      resourceGroupName: 'rg-openai',
      location: 'swedencentral',
      subnetId: '/subscriptions/1/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/v/subnets/snet-pep',
      privateDnsZoneIds: ['zone-openai', 'zone-cognitiveservices'],
    },
    workspaceId: '/subscriptions/1/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/log',
    ...overrides,
  };
}

describe('OpenAiAccount', () => {
  it('the endpoint is the custom subdomain on openai.azure.com', () => {
    const account = new OpenAiAccount(newStack(), 'account', accountProps());
    expect(account.endpoint).toBe('https://oai-aoaigw-dev-primary-sdc-ab12.openai.azure.com/');
  });

  it('the private endpoint targets the account subresource and registers in every given zone', () => {
    const stack = newStack();
    new OpenAiAccount(stack, 'account', accountProps());
    const [[, endpoint]] = resources(synth(stack), 'azurerm_private_endpoint') as [[string, Attributes]];
    expect(endpoint).toMatchObject({
      name: 'pep-oai-account',
      location: 'swedencentral',
      subnet_id: accountProps().network.subnetId,
      private_service_connection: { subresource_names: ['account'] },
      private_dns_zone_group: { private_dns_zone_ids: ['zone-openai', 'zone-cognitiveservices'] },
    });
  });

  it('the diagnostic setting names every category Azure OpenAI offers, and all metrics', () => {
    const stack = newStack();
    new OpenAiAccount(stack, 'account', accountProps());
    const [[, setting]] = resources(synth(stack), 'azurerm_monitor_diagnostic_setting') as [[string, Attributes]];
    expect(setting['enabled_log']).toEqual([
      { category: 'Audit' },
      { category: 'RequestResponse' },
      { category: 'Trace' },
      { category: 'AzureOpenAIRequestUsage' },
    ]);
    expect(setting['enabled_metric']).toEqual([{ category: 'AllMetrics' }]);
    expect(setting['log_analytics_workspace_id']).toBe(accountProps().workspaceId);
  });

  it('with a training container: its identity reads that container and nothing else, and reaches only the allowed hosts', () => {
    const stack = newStack();
    const account = new OpenAiAccount(
      stack,
      'account',
      accountProps({ trainingContainerId: CONTAINER_ID, allowedFqdns: ['staoaigwdevab12.blob.core.windows.net'] }),
    );
    const json = synth(stack);
    const assignments = resources(json, 'azurerm_role_assignment').map(([, a]) => a);
    expect(assignments).toHaveLength(1);
    expect(assignments[0]).toMatchObject({
      scope: CONTAINER_ID,
      role_definition_name: TRAINING_DATA_ROLE,
      principal_type: 'ServicePrincipal',
    });
    expect(TRAINING_DATA_ROLE).toBe('Storage Blob Data Reader');
    const [[key, cognitive]] = resources(json, 'azurerm_cognitive_account') as [[string, Attributes]];
    expect(assignments[0]!['principal_id']).toBe(`\${azurerm_cognitive_account.${key}.identity[0].principal_id}`);
    expect(cognitive).toMatchObject({ outbound_network_access_restricted: true, fqdns: ['staoaigwdevab12.blob.core.windows.net'] });
    expect(account.trainingDataReader).toBeDefined();
  });

  it('without a training container: no role assignment at all', () => {
    const stack = newStack();
    const account = new OpenAiAccount(stack, 'account', accountProps());
    expect(resources(synth(stack), 'azurerm_role_assignment')).toEqual([]);
    expect(account.trainingDataReader).toBeUndefined();
  });

  it('refuses a name that cannot be a subdomain', () => {
    expect(() => new OpenAiAccount(newStack(), 'account', accountProps({ name: 'OAI_Primary' }))).toThrow(
      'OpenAI account: name must be a valid custom subdomain (2-64 lowercase letters, digits or inner hyphens), got "OAI_Primary"',
    );
  });
});
