import { Testing } from 'cdktf';

import { GATEWAY_TABLES, GatewayTables, type GatewayTablesProps } from '../../constructs/monitoring/gateway-tables';
import { tableSchema } from '../../lib/kql/schemas';
import { onlyResource, resourcesOf, SHIPPED_ENVIRONMENTS, shippedConfig, stackOf, synthShipped } from '../helpers/synth';

const synth = synthShipped();

describe('Log Analytics workspace', () => {
  it.each(['dev', 'test', 'prod'] as const)('%s: retention from config, no shared-key access', (env) => {
    const workspace = onlyResource(stackOf(synth, `${env}-monitoring`), 'azurerm_log_analytics_workspace');
    expect(workspace).toMatchObject({
      retention_in_days: shippedConfig(env).logging.retentionDays,
      local_authentication_enabled: false,
      sku: 'PerGB2018',
    });
  });

  it('is protected from destroy in production only', () => {
    expect(onlyResource(stackOf(synth, 'prod-monitoring'), 'azurerm_log_analytics_workspace').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(stackOf(synth, 'dev-monitoring'), 'azurerm_log_analytics_workspace').lifecycle).toEqual({ prevent_destroy: false });
  });
});

describe('Application Insights', () => {
  it('is workspace-based and keeps every sample', () => {
    const appInsights = onlyResource(stackOf(synth, 'prod-monitoring'), 'azurerm_application_insights');
    expect(appInsights).toMatchObject({
      workspace_id: '${azurerm_log_analytics_workspace.workspace.id}',
      sampling_percentage: 100,
    });
  });
});

describe('gateway table retention', () => {
  const tables = (env: string) => Object.values(resourcesOf(stackOf(synth, `${env}-monitoring`), 'azurerm_log_analytics_workspace_table'));

  it('configures the API Management and Application Gateway resource-specific tables', () => {
    expect(
      tables('prod')
        .map((t) => t['name'])
        .sort(),
    ).toEqual(['AGWAccessLogs', 'AGWFirewallLogs', 'ApiManagementGatewayLlmLog', 'ApiManagementGatewayLogs']);
  });

  it.each(['dev', 'test', 'prod'] as const)('%s: interactive and total retention from logging.gatewayTables', (env) => {
    const { retentionDays, totalRetentionDays } = shippedConfig(env).logging.gatewayTables;
    for (const table of tables(env)) {
      expect(table).toMatchObject({
        workspace_id: '${azurerm_log_analytics_workspace.workspace.id}',
        plan: 'Analytics',
        retention_in_days: retentionDays,
        total_retention_in_days: totalRetentionDays,
      });
    }
  });

  it('keeps production prompts and requests longer than the workspace default', () => {
    const prod = shippedConfig('prod').logging;
    expect(prod.gatewayTables.retentionDays).toBeGreaterThan(prod.retentionDays);
    expect(tables('prod').every((t) => (t['total_retention_in_days'] as number) > prod.gatewayTables.retentionDays)).toBe(true);
  });
});

describe('GatewayTables construct', () => {
  const build = (props: Partial<GatewayTablesProps>) => () =>
    new GatewayTables(Testing.app(), 'tables', { workspaceId: '/w', retentionDays: 90, totalRetentionDays: 365, ...props });

  it('fails when the total retention is shorter than the interactive retention', () => {
    expect(build({ retentionDays: 365, totalRetentionDays: 90 })).toThrow(
      /totalRetentionDays \(90\) must be at least retentionDays \(365\)/,
    );
  });

  it('fails on retention outside what the table API accepts', () => {
    expect(build({ retentionDays: 7 })).toThrow(/retentionDays must be a whole number of days from 30 to 730, got 7/);
    expect(build({ totalRetentionDays: 5000 })).toThrow(/totalRetentionDays must be a whole number of days from 30 to 4383, got 5000/);
  });

  it('fails when a table is listed twice', () => {
    expect(build({ tables: ['AGWAccessLogs', 'AGWAccessLogs'] })).toThrow(/lists a table twice/);
  });

  it('configures only tables whose schema the offline KQL check knows', () => {
    expect(GATEWAY_TABLES.map((name) => tableSchema(name).name)).toEqual([...GATEWAY_TABLES]);
  });
});

const settingTargeting = (env: string, target: string) =>
  Object.values(resourcesOf(stackOf(synth, `${env}-monitoring`), 'azurerm_monitor_diagnostic_setting')).find(
    (s) => s.target_resource_id === target,
  )!;

describe('workspace audit log', () => {
  it('sends the workspace query audit (LAQueryLogs) to the workspace itself', () => {
    const setting = settingTargeting('prod', '${azurerm_log_analytics_workspace.workspace.id}');
    expect(setting).toMatchObject({
      target_resource_id: '${azurerm_log_analytics_workspace.workspace.id}',
      log_analytics_workspace_id: '${azurerm_log_analytics_workspace.workspace.id}',
    });
    expect(setting['enabled_log']).toEqual(expect.arrayContaining([{ category: 'Audit' }]));
  });
});

describe('control-plane audit', () => {
  it.each(SHIPPED_ENVIRONMENTS)("%s: the subscription's Activity Log, every category, goes to the workspace", (env) => {
    const setting = settingTargeting(env, `/subscriptions/${shippedConfig(env).azure.subscriptionId}`);
    expect(setting).toBeDefined();
    expect(setting.log_analytics_workspace_id).toBe('${azurerm_log_analytics_workspace.workspace.id}');
    expect((setting.enabled_log as { category: string }[]).map((l) => l.category)).toEqual(
      expect.arrayContaining(['Administrative', 'Security', 'Policy']),
    );
    expect(setting.log_analytics_destination_type).toBeUndefined();
    expect(String(setting.name)).toMatch(new RegExp(`^activity-log-to-log-aoaigw-${env}-`));
  });
});

describe('custom metric dimensions', () => {
  it.each(['dev', 'test', 'prod'] as const)('%s: Application Insights keeps the token metrics dimensions', (env) => {
    const stack = stackOf(synth, `${env}-monitoring`);
    expect(onlyResource(stack, 'azapi_update_resource')).toMatchObject({
      type: 'Microsoft.Insights/components@2020-02-02',
      resource_id: '${azurerm_application_insights.application-insights.id}',
      body: { properties: { CustomMetricsOptedInType: 'WithDimensions' } },
    });
    expect(stack.terraform?.required_providers?.['azapi']).toEqual({ source: 'azure/azapi', version: '2.7.0' });
  });
});
