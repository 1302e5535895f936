import { Testing } from 'cdktf';

import { GATEWAY_TABLES } from '../../constructs/monitoring/gateway-tables';
import { exportContainers, TableExport } from '../../constructs/monitoring/table-export';
import { Environment } from '../../lib/environment';
import { onlyResource, resourcesOf, shippedConfig, stackOf, synthShipped } from '../helpers/synth';
import { composeInsights } from './helpers';

describe('continuous export of the gateway tables', () => {
  const prod = shippedConfig('prod');

  it('exports every gateway table to the data layer storage account when archiving is enabled', () => {
    expect(prod.logging.archive.enabled).toBe(true);
    const { stack, warnings } = composeInsights(prod, 'data-stack');
    const rule = onlyResource(stack, 'azurerm_log_analytics_data_export_rule');
    expect(rule).toMatchObject({
      name: new Environment(prod).naming.dataExportRule('audit'),
      table_names: [...GATEWAY_TABLES],
      enabled: true,
    });
    expect(rule['destination_resource_id']).toMatch(
      /^\$\{data\.terraform_remote_state\.[^.]+-prod-data\.outputs\.cross-stack-output-azurerm_storage_account[^}]*id\}$/,
    );
    expect(rule['workspace_resource_id']).toMatch(
      /^\$\{data\.terraform_remote_state\.[^.]+-prod-monitoring\.outputs\.cross-stack-output-azurerm_log_analytics_workspaceworkspaceid\}$/,
    );
    // The rule is a child of the workspace, so it lives in the monitoring layer's resource group.
    expect(rule['resource_group_name']).toMatch(
      /^\$\{data\.terraform_remote_state\.[^.]+-prod-monitoring\.outputs\.cross-stack-output-azurerm_resource_group/,
    );
    expect(warnings).toEqual([]);
  });

  it('the shipped production environment exports its gateway tables; development does not', () => {
    const synth = synthShipped();
    expect(onlyResource(stackOf(synth, 'prod-insights'), 'azurerm_log_analytics_data_export_rule')['table_names']).toEqual([
      ...GATEWAY_TABLES,
    ]);
    expect(resourcesOf(stackOf(synth, 'dev-insights'), 'azurerm_log_analytics_data_export_rule')).toEqual({});
  });

  it('exports nothing when archiving is disabled', () => {
    const dev = shippedConfig('dev');
    expect(dev.logging.archive.enabled).toBe(false);
    const { stack, warnings } = composeInsights(dev, 'data-stack');
    expect(resourcesOf(stack, 'azurerm_log_analytics_data_export_rule')).toEqual({});
    expect(warnings).toEqual([]);
  });

  it('warns, and exports nothing, when archiving is enabled but no storage account is given', () => {
    const { stack, warnings } = composeInsights(prod, 'none');
    expect(resourcesOf(stack, 'azurerm_log_analytics_data_export_rule')).toEqual({});
    expect(warnings).toEqual(['logging.archive.enabled is set but no data layer was passed in: the gateway tables are not exported']);
  });
});

describe('TableExport construct', () => {
  const props = { name: 'export-x', resourceGroupName: 'rg', workspaceId: '/w', storageAccountId: '/st' };

  it('refuses an empty or repeated table list', () => {
    expect(() => new TableExport(Testing.app(), 'e', { ...props, tables: [] })).toThrow(/tables is empty/);
    expect(() => new TableExport(Testing.app(), 'e', { ...props, tables: ['A', 'A'] })).toThrow(/lists a table twice: A, A/);
  });

  it('names the containers Azure Monitor writes to, one per table', () => {
    expect(exportContainers(['ApiManagementGatewayLogs', 'AGWFirewallLogs'])).toEqual([
      'am-apimanagementgatewaylogs',
      'am-agwfirewalllogs',
    ]);
  });
});
