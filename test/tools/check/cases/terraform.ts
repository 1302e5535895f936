import { r, type RuleCase } from '../fixtures';

const table = (values: Record<string, unknown>) =>
  r('azurerm_log_analytics_workspace_table', 't', {
    name: 'ApiManagementGatewayLogs',
    workspace_id: '${azurerm_log_analytics_workspace.law.id}',
    ...values,
  });

/** AOAI-TF-001: literals against the providers' validators. */
export const terraformCases: RuleCase[] = [
  {
    rule: 'AOAI-TF-001',
    name: 'seven years as the provider counts them',
    expect: 'compliant',
    target: 'azurerm_log_analytics_workspace_table.t',
    resources: [table({ retention_in_days: 90, total_retention_in_days: 2556 })],
  },
  {
    rule: 'AOAI-TF-001',
    name: 'seven years by the calendar is refused at plan',
    expect: 'non-compliant',
    target: 'azurerm_log_analytics_workspace_table.t',
    resources: [table({ retention_in_days: 90, total_retention_in_days: 2557 })],
    message:
      /^total_retention_in_days: expected an integer from 4 to 730, or one of 1095, .*4383, found 2557 \(https:\/\/github\.com\/hashicorp\/terraform-provider-azurerm\/blob\/v4\.55\.0\/internal\/services\/loganalytics\/log_analytics_workspace_table_resource\.go#L82\)$/,
  },
  {
    rule: 'AOAI-TF-001',
    name: 'an attribute the tables do not hold is left to the tests, which hold the tables to what the stacks set',
    expect: 'compliant',
    target: 'azurerm_log_analytics_workspace_table.t',
    resources: [table({ sub_type: 'Classic' })],
  },
  {
    rule: 'AOAI-TF-002',
    name: 'a flow log body as its definition has it',
    expect: 'compliant',
    target: 'azapi_resource.fl',
    resources: [
      r('azapi_resource', 'fl', {
        type: 'Microsoft.Network/networkWatchers/flowLogs@2024-10-01',
        body: { properties: { targetResourceId: '/vnet', storageId: '/st', enabled: true, retentionPolicy: { enabled: true, days: 90 } } },
      }),
    ],
  },
  {
    rule: 'AOAI-TF-002',
    name: 'a property with the wrong casing is refused at apply',
    expect: 'non-compliant',
    target: 'azapi_resource.fl',
    resources: [
      r('azapi_resource', 'fl', {
        type: 'Microsoft.Network/networkWatchers/flowLogs@2024-10-01',
        body: { properties: { targetResourceId: '/vnet', storageId: '/st', RetentionPolicy: { days: 90 } } },
      }),
    ],
    message: /^body\.properties\.RetentionPolicy: is spelt "retentionPolicy" in FlowLogPropertiesFormat$/,
  },
];
