import { Testing } from 'cdktf';

import { GATEWAY_TABLES } from '../../constructs/monitoring/gateway-tables';
import { exportContainers, TableExport } from '../../constructs/monitoring/table-export';
import { Environment } from '../../lib/environment';
import {
  onlyResource,
  rawEnvironment,
  resourcesOf,
  shippedConfig,
  stackOf,
  synthesizeConfigs,
  synthShipped,
  validate,
} from '../helpers/synth';

describe('continuous export of the gateway tables', () => {
  const prod = shippedConfig('prod');

  it('exports every gateway table to the data layer storage account when archiving is enabled', () => {
    expect(prod.logging.archive.enabled).toBe(true);
    const rule = onlyResource(stackOf(synthShipped(), 'prod-insights'), 'azurerm_log_analytics_data_export_rule');
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
  });

  it('exports nothing when archiving is disabled', () => {
    const dev = shippedConfig('dev');
    expect(dev.logging.archive.enabled).toBe(false);
    expect(resourcesOf(stackOf(synthShipped(), 'dev-insights'), 'azurerm_log_analytics_data_export_rule')).toEqual({});
  });

  it('turning the archive on in another environment exports its tables too', () => {
    const dev = validate(
      {
        ...rawEnvironment('dev'),
        logging: { ...(rawEnvironment('dev').logging as object), archive: { enabled: true, immutabilityDays: 7 } },
      },
      'dev.yaml',
    );
    const rule = onlyResource(stackOf(synthesizeConfigs([dev]), 'dev-insights'), 'azurerm_log_analytics_data_export_rule');
    expect(rule['table_names']).toEqual([...GATEWAY_TABLES]);
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
