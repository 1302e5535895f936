import { spawnSync } from 'node:child_process';

import { TRAFFIC_ANALYTICS_TABLES } from '../../constructs/network/flow-log';
import {
  readableTables,
  WORKSPACE_QUERY_ROLE,
  WORKSPACE_QUERY_ROLE_PATTERN,
  WORKSPACE_TABLES,
  workspaceQueryRoleDefinition,
  workspaceQueryRoleDefinitionId,
  workspaceQueryRoleId,
  workspaceQueryRoleName,
} from '../../lib/azure/workspace-access';
import { ALL_TABLES } from '../../lib/kql/schemas';
import { projectPath } from '../../lib/paths';
import {
  type Attributes,
  onlyResource,
  rawEnvironment,
  resourcesOf,
  SHIPPED_ENVIRONMENTS,
  shippedConfig,
  stackOf,
  synthesizeConfigs,
  synthShipped,
  validate,
} from '../helpers/synth';

const synth = synthShipped();
type Env = (typeof SHIPPED_ENVIRONMENTS)[number];

/** The insights layer's role assignments, by the reader group they grant and what they open. */
function grants(stack: ReturnType<typeof stackOf>): { reader: string; scope: string; role: string }[] {
  return Object.values(resourcesOf(stack, 'azurerm_role_assignment'))
    .filter((a) => /workspace-readers_(logs|prompts)_/.test(String(a['principal_id'])))
    .map((a: Attributes) => ({
      reader: /workspace-readers_(logs|prompts)_/.exec(String(a['principal_id']))![1]!,
      scope: String(a['scope']).replace(/^\$\{[^}]+\}/, '<workspace>'),
      role: String(a['role_definition_name'] ?? a['role_definition_id']),
    }));
}

function tablesOf(all: ReturnType<typeof grants>, reader: string): string[] {
  return all
    .filter((g) => g.reader === reader && g.scope.startsWith('<workspace>/tables/'))
    .map((g) => {
      expect(g.role).toBe('Reader');
      return g.scope.replace('<workspace>/tables/', '');
    })
    .sort();
}

describe('who reads the workspace', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: the workspace opens no table to whoever can read a resource', (env: Env) => {
    const workspace = onlyResource(stackOf(synth, `${env}-monitoring`), 'azurerm_log_analytics_workspace');
    expect(workspace['allow_resource_only_permissions']).toBe(false);
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: both reader groups run queries through the custom role, which reads no table', (env: Env) => {
    const subscription = shippedConfig(env).azure.subscriptionId;
    const all = grants(stackOf(synth, `${env}-insights`));
    const atWorkspace = all.filter((g) => g.scope === '<workspace>');
    expect(atWorkspace.map((g) => [g.reader, g.role])).toEqual([
      ['logs', workspaceQueryRoleDefinitionId(subscription)],
      ['prompts', workspaceQueryRoleDefinitionId(subscription)],
    ]);
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: prompts and completions are readable by prompt readers only', (env: Env) => {
    const all = grants(stackOf(synth, `${env}-insights`));
    const logs = tablesOf(all, 'logs');
    const prompts = tablesOf(all, 'prompts');
    expect(prompts).toEqual(Object.keys(WORKSPACE_TABLES).sort());
    // The shipped environments log request bodies, so the request log holds prompts too.
    expect(shippedConfig(env).apiManagement.logging.requestBodyBytes).toBeGreaterThan(0);
    expect(logs).not.toContain('ApiManagementGatewayLlmLog');
    expect(logs).not.toContain('ApiManagementGatewayLogs');
    expect(logs).toEqual(prompts.filter((t) => t !== 'ApiManagementGatewayLlmLog' && t !== 'ApiManagementGatewayLogs'));
  });

  it('log readers read the request log when it holds no bodies', () => {
    const raw = rawEnvironment('dev') as { apiManagement: { logging?: Attributes } };
    raw.apiManagement.logging = { requestBodyBytes: 0, responseBodyBytes: 0 };
    const logs = tablesOf(grants(stackOf(synthesizeConfigs([validate(raw)]), 'dev-insights')), 'logs');
    expect(logs).toContain('ApiManagementGatewayLogs');
    expect(logs).not.toContain('ApiManagementGatewayLlmLog');
    expect(readableTables('logs', { requestBodyBytes: 0, responseBodyBytes: 0 })).toContain('ApiManagementGatewayLogs');
    expect(readableTables('logs', { requestBodyBytes: 8192, responseBodyBytes: 0 })).not.toContain('ApiManagementGatewayLogs');
    expect(readableTables('logs', { requestBodyBytes: 0, responseBodyBytes: 1024 })).not.toContain('ApiManagementGatewayLogs');
  });

  it('every table a query, alert or workbook can read, or traffic analytics writes, is classified for the readers', () => {
    expect(ALL_TABLES.map((t) => t.name).filter((name) => !(name in WORKSPACE_TABLES))).toEqual([]);
    expect(TRAFFIC_ANALYTICS_TABLES.filter((name) => !(name in WORKSPACE_TABLES))).toEqual([]);
    expect(readableTables('logs', { requestBodyBytes: 8192, responseBodyBytes: 0 })).toEqual(
      expect.arrayContaining([...TRAFFIC_ANALYTICS_TABLES]),
    );
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: the reader groups belong to the deployer and the configured owners, members to nobody', (env: Env) => {
    const groups = Object.values(resourcesOf(stackOf(synth, `${env}-identity`), 'azuread_group_without_members')).filter((g) =>
      /-(log|prompt)-readers$/.test(String(g['display_name'])),
    );
    expect(groups.map((g) => g['display_name'])).toEqual([`sg-aoaigw-${env}-log-readers`, `sg-aoaigw-${env}-prompt-readers`]);
    for (const group of groups) {
      expect(group).toMatchObject({ security_enabled: true, mail_enabled: false, prevent_duplicate_names: true });
      expect(group['members']).toBeUndefined();
      expect(group['owners']).toEqual(['${data.azuread_client_config.deployer.object_id}']);
    }
  });

  it('refuses an access tier named like a reader group, naming the field', () => {
    const raw = rawEnvironment('dev') as { access: { tiers: Attributes[] } };
    raw.access.tiers[0]!.name = 'prompt-readers';
    expect(() => validate(raw)).toThrow(
      /^test\.yaml: access\.tiers\[0\]\.name: expected a tier name other than log-readers and prompt-readers \(the workspace readers. groups\), found "prompt-readers"$/,
    );
  });
});

describe('the workspace query role', () => {
  const subscription = '33333333-3333-3333-3333-333333333333';
  const definition = workspaceQueryRoleDefinition(subscription) as {
    properties: { roleName: string; assignableScopes: string[]; permissions: Record<string, string[]>[] };
  };

  it('reads the workspace and runs queries, and nothing else: no table, no data action, no shared key', () => {
    expect(definition.properties.permissions).toEqual([
      {
        actions: ['Microsoft.OperationalInsights/workspaces/read', 'Microsoft.OperationalInsights/workspaces/query/read'],
        notActions: ['Microsoft.OperationalInsights/workspaces/sharedKeys/read'],
        dataActions: [],
        notDataActions: [],
      },
    ]);
    expect(definition.properties.assignableScopes).toEqual([`/subscriptions/${subscription}`]);
  });

  it('has an id and a name fixed per subscription, so subscriptions of one tenant never collide', () => {
    expect(workspaceQueryRoleId(subscription)).toBe(workspaceQueryRoleId(subscription.toUpperCase()));
    expect(workspaceQueryRoleId(subscription)).not.toBe(workspaceQueryRoleId('11111111-1111-1111-1111-111111111111'));
    expect(definition.properties.roleName).toBe(workspaceQueryRoleName(subscription));
    expect(definition.properties.roleName).toContain(WORKSPACE_QUERY_ROLE.name);
    expect(definition.properties.roleName).toContain(subscription);
    // The pipeline's list of roles it may assign names the role the same way.
    expect(WORKSPACE_QUERY_ROLE_PATTERN.replace('<subscription id>', subscription)).toBe(definition.properties.roleName);
  });

  it('npm run workspace-role prints the command that creates it under that id', () => {
    const result = spawnSync(process.execPath, [projectPath('scripts', 'run.mjs'), 'scripts/workspace-role.ts', 'prod'], {
      cwd: projectPath(),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    const prod = shippedConfig('prod').azure.subscriptionId;
    const match = /^az rest --method put --url '([^']+)' --body '([^']+)'\n$/.exec(result.stdout);
    expect(match).not.toBeNull();
    expect(match![1]).toBe(`https://management.azure.com${workspaceQueryRoleDefinitionId(prod)}?api-version=2022-04-01`);
    expect(JSON.parse(match![2]!)).toEqual(workspaceQueryRoleDefinition(prod));
  });

  it('npm run workspace-role names the configured environments when asked for another', () => {
    const result = spawnSync(process.execPath, [projectPath('scripts', 'run.mjs'), 'scripts/workspace-role.ts', 'uat'], {
      cwd: projectPath(),
      encoding: 'utf8',
    });
    expect([result.status, result.stdout, result.stderr]).toEqual([
      2,
      '',
      'error: unknown environment "uat"; configured: dev, prod, test\n',
    ]);
  });
});
