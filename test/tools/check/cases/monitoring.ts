import { d, r, ref, type RuleCase } from '../fixtures';

const apim = r('azurerm_api_management', 'apim', { name: 'apim-aoaigw-dev', virtual_network_type: 'Internal' }, 'dev-gateway');
const oai = r('azurerm_cognitive_account', 'oai', { name: 'oai' });

const LAW = ref('azurerm_log_analytics_workspace', 'law');

/** A diagnostic setting sending to the workspace; `fields` adds enabled_log / enabled_metric blocks and the rest. */
function setting(name: string, target: string, fields: Record<string, unknown>, stack?: string) {
  return r('azurerm_monitor_diagnostic_setting', name, { target_resource_id: target, log_analytics_workspace_id: LAW, ...fields }, stack);
}

const logs = (...categories: string[]) => categories.map((category) => ({ category }));
const metrics = (...categories: string[]) => categories.map((category) => ({ category }));

const storage = r('azurerm_storage_account', 'st', { name: 'staoaigwdev' });
const BLOB = `${ref('azurerm_storage_account', 'st')}/blobServices/default`;
const vault = r('azurerm_key_vault', 'kv', { name: 'kv-aoaigw-dev' });
const REMOTE_VAULT = '${data.terraform_remote_state.cross-stack-reference-input-dev-data.outputs.cross-stack-output-azurerm_key_vaultkvid}';
const REMOTE_STORAGE =
  '${data.terraform_remote_state.cross-stack-reference-input-dev-data.outputs.cross-stack-output-azurerm_storage_accountstid}';
const dataOutputs = {
  'dev-data': {
    'cross-stack-output-azurerm_key_vaultkvid': { value: ref('azurerm_key_vault', 'kv') },
    'cross-stack-output-azurerm_storage_accountstid': { value: ref('azurerm_storage_account', 'st') },
  },
};

/** AOAI-DIAG-003: destinations, and log and metric categories against each target type Azure Monitor documents. */
const diagnosticSettingCases: RuleCase[] = [
  {
    rule: 'AOAI-DIAG-003',
    name: 'valid Cognitive Services setting',
    expect: 'compliant',
    target: 'azurerm_monitor_diagnostic_setting.oai',
    resources: [
      oai,
      setting('oai', ref('azurerm_cognitive_account', 'oai'), {
        enabled_log: logs('Audit', 'RequestResponse', 'AzureOpenAIRequestUsage'),
        enabled_metric: metrics('AllMetrics'),
      }),
    ],
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'unknown category and Dedicated on Cognitive Services are flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.oai',
    resources: [
      oai,
      setting('oai', ref('azurerm_cognitive_account', 'oai'), {
        log_analytics_destination_type: 'Dedicated',
        enabled_log: logs('GatewayLogs'),
      }),
    ],
    message:
      /"GatewayLogs" is not a log category of Microsoft\.CognitiveServices\/accounts azurerm_cognitive_account\.oai \(supported: Audit, AzureOpenAIRequestUsage, RequestResponse, Trace\); log_analytics_destination_type "Dedicated" on Microsoft\.CognitiveServices\/accounts azurerm_cognitive_account\.oai, whose logs go only to AzureDiagnostics/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'no destination and nothing enabled is flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.empty',
    resources: [r('azurerm_monitor_diagnostic_setting', 'empty', { target_resource_id: ref('azurerm_key_vault', 'kv') })],
    message: /no destination: .*; enables no enabled_log and no enabled_metric/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'API Management to resource-specific tables with the gateway and LLM logs',
    expect: 'compliant',
    target: 'dev-gateway/azurerm_monitor_diagnostic_setting.apim',
    resources: [
      apim,
      setting(
        'apim',
        ref('azurerm_api_management', 'apim'),
        {
          log_analytics_destination_type: 'Dedicated',
          enabled_log: logs('GatewayLogs', 'GatewayLlmLogs', 'WebSocketConnectionLogs'),
          enabled_metric: metrics('AllMetrics'),
        },
        'dev-gateway',
      ),
    ],
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'a Key Vault log category and a storage metric category on API Management are flagged',
    expect: 'non-compliant',
    target: 'dev-gateway/azurerm_monitor_diagnostic_setting.apim',
    resources: [
      apim,
      setting(
        'apim',
        ref('azurerm_api_management', 'apim'),
        { enabled_log: logs('GatewayLogs', 'AuditEvent'), enabled_metric: metrics('Transaction') },
        'dev-gateway',
      ),
    ],
    message:
      /"AuditEvent" is not a log category of Microsoft\.ApiManagement\/service .*; "Transaction" is not a metric category of Microsoft\.ApiManagement\/service azurerm_api_management\.apim \(supported: AllMetrics\)$/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'Application Gateway access, firewall and performance logs to resource-specific tables',
    expect: 'compliant',
    target: 'azurerm_monitor_diagnostic_setting.agw',
    resources: [
      r('azurerm_application_gateway', 'agw', {}),
      setting('agw', ref('azurerm_application_gateway', 'agw'), {
        log_analytics_destination_type: 'Dedicated',
        enabled_log: logs('ApplicationGatewayAccessLog', 'ApplicationGatewayFirewallLog', 'ApplicationGatewayPerformanceLog'),
        enabled_metric: metrics('AllMetrics'),
      }),
    ],
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'a misspelt Application Gateway log category is flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.agw',
    resources: [
      r('azurerm_application_gateway', 'agw', {}),
      setting('agw', ref('azurerm_application_gateway', 'agw'), { enabled_log: logs('ApplicationGatewayAccessLogs') }),
    ],
    message: /"ApplicationGatewayAccessLogs" is not a log category of Microsoft\.Network\/applicationGateways/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'Key Vault audit and policy logs with all metrics',
    expect: 'compliant',
    target: 'azurerm_monitor_diagnostic_setting.kv',
    resources: [
      vault,
      setting('kv', ref('azurerm_key_vault', 'kv'), {
        enabled_log: logs('AuditEvent', 'AzurePolicyEvaluationDetails'),
        enabled_metric: metrics('AllMetrics'),
      }),
    ],
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'an unknown Key Vault log category is flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.kv',
    resources: [
      vault,
      setting('kv', ref('azurerm_key_vault', 'kv'), {
        enabled_log: logs('AuditEvent', 'SecretAccess'),
        enabled_metric: metrics('AllMetrics'),
      }),
    ],
    message:
      /^"SecretAccess" is not a log category of Microsoft\.KeyVault\/vaults azurerm_key_vault\.kv \(supported: AuditEvent, AzurePolicyEvaluationDetails\)$/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'a Key Vault in another stack is recognised through its remote-state output',
    expect: 'non-compliant',
    target: 'dev-insights/azurerm_monitor_diagnostic_setting.kv',
    resources: [{ ...vault, stack: 'dev-data' }, setting('kv', REMOTE_VAULT, { enabled_log: logs('Audit') }, 'dev-insights')],
    outputs: dataOutputs,
    message: /"Audit" is not a log category of Microsoft\.KeyVault\/vaults dev-data\/azurerm_key_vault\.kv /,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'storage account capacity and transaction metrics',
    expect: 'compliant',
    target: 'azurerm_monitor_diagnostic_setting.st',
    resources: [storage, setting('st', ref('azurerm_storage_account', 'st'), { enabled_metric: metrics('Capacity', 'Transaction') })],
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'AllMetrics and a log group on a storage account are flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.st',
    resources: [
      storage,
      setting('st', ref('azurerm_storage_account', 'st'), {
        enabled_log: [{ category_group: 'allLogs' }],
        enabled_metric: metrics('AllMetrics'),
      }),
    ],
    message:
      /^category_group "allLogs" on Microsoft\.Storage\/storageAccounts azurerm_storage_account\.st, which has no log categories; "AllMetrics" is not a metric category of Microsoft\.Storage\/storageAccounts azurerm_storage_account\.st \(supported: Capacity, Transaction\)$/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'AllMetrics on a storage account given by a literal ID is flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.st',
    resources: [
      setting(
        'st',
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st',
        {
          enabled_metric: metrics('AllMetrics'),
        },
      ),
    ],
    message:
      /"AllMetrics" is not a metric category of Microsoft\.Storage\/storageAccounts \/subscriptions\/.*\/storageAccounts\/st \(supported: Capacity, Transaction\)/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'blob service read, write and delete logs with transaction metrics',
    expect: 'compliant',
    target: 'azurerm_monitor_diagnostic_setting.blob',
    resources: [
      storage,
      setting('blob', BLOB, {
        enabled_log: logs('StorageRead', 'StorageWrite', 'StorageDelete'),
        enabled_metric: metrics('Capacity', 'Transaction'),
      }),
    ],
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'blob service of a storage account in another stack',
    expect: 'compliant',
    target: 'dev-insights/azurerm_monitor_diagnostic_setting.blob',
    resources: [
      { ...storage, stack: 'dev-data' },
      setting(
        'blob',
        `${REMOTE_STORAGE}/blobServices/default/`,
        { enabled_log: logs('StorageRead'), enabled_metric: metrics('Transaction') },
        'dev-insights',
      ),
    ],
    outputs: dataOutputs,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'AllMetrics and a queue category on a blob service are flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.blob',
    resources: [
      storage,
      setting('blob', BLOB, { enabled_log: logs('StorageRead', 'QueueRead'), metric: [{ category: 'AllMetrics', enabled: true }] }),
    ],
    message:
      /^"QueueRead" is not a log category of Microsoft\.Storage\/storageAccounts\/blobServices azurerm_storage_account\.st\/blobServices\/default \(supported: StorageDelete, StorageRead, StorageWrite\); "AllMetrics" is not a metric category of Microsoft\.Storage\/storageAccounts\/blobServices/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'network security group events and rule counters without metrics',
    expect: 'compliant',
    target: 'azurerm_monitor_diagnostic_setting.nsg',
    resources: [
      r('azurerm_network_security_group', 'nsg', {}),
      setting('nsg', ref('azurerm_network_security_group', 'nsg'), {
        enabled_log: logs('NetworkSecurityGroupEvent', 'NetworkSecurityGroupRuleCounter'),
      }),
    ],
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'metrics and Dedicated on a network security group are flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.nsg',
    resources: [
      r('azurerm_network_security_group', 'nsg', {}),
      setting('nsg', ref('azurerm_network_security_group', 'nsg'), {
        log_analytics_destination_type: 'Dedicated',
        enabled_log: logs('NetworkSecurityGroupEvent'),
        enabled_metric: metrics('AllMetrics'),
      }),
    ],
    message:
      /metric category "AllMetrics" on Microsoft\.Network\/networkSecurityGroups .*, which exports no metrics through diagnostic settings; log_analytics_destination_type "Dedicated"/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'virtual network protection alerts with all metrics',
    expect: 'compliant',
    target: 'azurerm_monitor_diagnostic_setting.vnet',
    resources: [
      r('azurerm_virtual_network', 'vnet', {}),
      setting('vnet', ref('azurerm_virtual_network', 'vnet'), {
        enabled_log: logs('VMProtectionAlerts'),
        enabled_metric: metrics('AllMetrics'),
      }),
    ],
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'a flow log category on a virtual network is flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.vnet',
    resources: [
      r('azurerm_virtual_network', 'vnet', {}),
      setting('vnet', ref('azurerm_virtual_network', 'vnet'), { enabled_log: logs('NetworkSecurityGroupFlowEvent') }),
    ],
    message:
      /"NetworkSecurityGroupFlowEvent" is not a log category of Microsoft\.Network\/virtualNetworks azurerm_virtual_network\.vnet \(supported: VMProtectionAlerts\)/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'public IP DDoS logs with all metrics',
    expect: 'compliant',
    target: 'azurerm_monitor_diagnostic_setting.pip',
    resources: [
      r('azurerm_public_ip', 'pip', {}),
      setting('pip', ref('azurerm_public_ip', 'pip'), {
        enabled_log: logs('DDoSProtectionNotifications', 'DDoSMitigationFlowLogs', 'DDoSMitigationReports'),
        enabled_metric: metrics('AllMetrics'),
      }),
    ],
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'Dedicated on a public IP is flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.pip',
    resources: [
      r('azurerm_public_ip', 'pip', {}),
      setting('pip', ref('azurerm_public_ip', 'pip'), {
        log_analytics_destination_type: 'Dedicated',
        enabled_log: logs('DDoSProtectionNotifications'),
      }),
    ],
    message:
      /^log_analytics_destination_type "Dedicated" on Microsoft\.Network\/publicIPAddresses azurerm_public_ip\.pip, whose logs go only to AzureDiagnostics: it has no effect/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'workspace query audit and summary logs',
    expect: 'compliant',
    target: 'azurerm_monitor_diagnostic_setting.law',
    resources: [
      r('azurerm_log_analytics_workspace', 'law', {}),
      setting('law', LAW, { enabled_log: logs('Audit', 'SummaryLogs'), enabled_metric: metrics('AllMetrics') }),
    ],
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'a Key Vault category on a workspace is flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.law',
    resources: [r('azurerm_log_analytics_workspace', 'law', {}), setting('law', LAW, { enabled_log: logs('AuditEvent') })],
    message:
      /"AuditEvent" is not a log category of Microsoft\.OperationalInsights\/workspaces azurerm_log_analytics_workspace\.law \(supported: Audit, Jobs, SummaryLogs\)/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'Application Insights telemetry categories',
    expect: 'compliant',
    target: 'azurerm_monitor_diagnostic_setting.appi',
    resources: [
      r('azurerm_application_insights', 'appi', {}),
      setting('appi', ref('azurerm_application_insights', 'appi'), {
        enabled_log: logs('AppRequests', 'AppExceptions', 'AppTraces'),
        enabled_metric: metrics('AllMetrics'),
      }),
    ],
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'a classic Application Insights category name is flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.appi',
    resources: [
      r('azurerm_application_insights', 'appi', {}),
      setting('appi', ref('azurerm_application_insights', 'appi'), { enabled_log: logs('Request') }),
    ],
    message:
      /"Request" is not a log category of Microsoft\.Insights\/components azurerm_application_insights\.appi \(supported: AppAvailabilityResults, /,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'a Key Vault created through azapi is recognised by its ARM type',
    expect: 'non-compliant',
    target: 'azurerm_monitor_diagnostic_setting.kv',
    resources: [
      r('azapi_resource', 'kv', { type: 'Microsoft.KeyVault/vaults@2024-11-01' }),
      setting('kv', ref('azapi_resource', 'kv'), { enabled_metric: metrics('Capacity') }),
    ],
    message: /^"Capacity" is not a metric category of Microsoft\.KeyVault\/vaults azapi_resource\.kv \(supported: AllMetrics\)$/,
  },
  {
    rule: 'AOAI-DIAG-003',
    name: 'categories of a target type outside the table are not judged',
    expect: 'compliant',
    target: 'azurerm_monitor_diagnostic_setting.fw',
    resources: [
      r('azurerm_firewall', 'fw', {}),
      setting('fw', ref('azurerm_firewall', 'fw'), { enabled_log: logs('AZFWNetworkRule'), enabled_metric: metrics('AllMetrics') }),
    ],
  },
];

const logAlert = (query: string, dimensions: readonly string[], extra: Record<string, unknown> = {}) =>
  r('azurerm_monitor_scheduled_query_rules_alert_v2', 'a', {
    window_duration: 'PT15M',
    evaluation_frequency: 'PT5M',
    criteria: [
      {
        query,
        operator: 'GreaterThan',
        threshold: 1,
        time_aggregation_method: 'Count',
        dimension: dimensions.map((name) => ({ name, operator: 'Include', values: ['*'] })),
      },
    ],
    ...extra,
  });

export const monitoringCases: RuleCase[] = [
  {
    rule: 'AOAI-LAW-001',
    name: '30 days outside production',
    expect: 'compliant',
    target: 'azurerm_log_analytics_workspace.law',
    resources: [r('azurerm_log_analytics_workspace', 'law', { retention_in_days: 30 })],
  },
  {
    rule: 'AOAI-LAW-001',
    name: '30 days in production is flagged',
    expect: 'non-compliant',
    production: true,
    target: 'azurerm_log_analytics_workspace.law',
    resources: [r('azurerm_log_analytics_workspace', 'law', { retention_in_days: 30 })],
    message: /retention_in_days must be >= 90 in production, found 30/,
  },
  {
    rule: 'AOAI-LAW-002',
    name: 'local auth off (4.x name)',
    expect: 'compliant',
    target: 'azurerm_log_analytics_workspace.law',
    resources: [r('azurerm_log_analytics_workspace', 'law', { local_authentication_enabled: false })],
  },
  {
    rule: 'AOAI-LAW-002',
    name: 'local auth off (deprecated name)',
    expect: 'compliant',
    target: 'azurerm_log_analytics_workspace.law',
    resources: [r('azurerm_log_analytics_workspace', 'law', { local_authentication_disabled: true })],
  },
  {
    rule: 'AOAI-LAW-002',
    name: 'default local auth is flagged',
    expect: 'non-compliant',
    target: 'azurerm_log_analytics_workspace.law',
    resources: [r('azurerm_log_analytics_workspace', 'law', { retention_in_days: 90 })],
    message: /local_authentication_enabled must be false, found not set/,
  },
  {
    rule: 'AOAI-LAW-003',
    name: 'workspace and table permissions only',
    expect: 'compliant',
    target: 'azurerm_log_analytics_workspace.law',
    resources: [r('azurerm_log_analytics_workspace', 'law', { allow_resource_only_permissions: false })],
  },
  {
    rule: 'AOAI-LAW-003',
    name: 'resource-context access by default is flagged',
    expect: 'non-compliant',
    target: 'azurerm_log_analytics_workspace.law',
    resources: [r('azurerm_log_analytics_workspace', 'law', { local_authentication_enabled: false })],
    message: /allow_resource_only_permissions must be false, found not set/,
  },
  {
    rule: 'AOAI-LAW-003',
    name: 'resource-context access switched on is flagged',
    expect: 'non-compliant',
    target: 'azurerm_log_analytics_workspace.law',
    resources: [r('azurerm_log_analytics_workspace', 'law', { allow_resource_only_permissions: true })],
    message: /allow_resource_only_permissions must be false, found true/,
  },
  {
    rule: 'AOAI-APPI-001',
    name: 'workspace-based component',
    expect: 'compliant',
    target: 'azurerm_application_insights.appi',
    resources: [r('azurerm_application_insights', 'appi', { workspace_id: ref('azurerm_log_analytics_workspace', 'law') })],
  },
  {
    rule: 'AOAI-APPI-001',
    name: 'classic component is flagged',
    expect: 'non-compliant',
    target: 'azurerm_application_insights.appi',
    resources: [r('azurerm_application_insights', 'appi', { application_type: 'web' })],
    message: /workspace_id is not set/,
  },
  {
    rule: 'AOAI-APPI-002',
    name: 'local auth off',
    expect: 'compliant',
    target: 'azurerm_application_insights.appi',
    resources: [r('azurerm_application_insights', 'appi', { local_authentication_disabled: true })],
  },
  {
    rule: 'AOAI-APPI-002',
    name: 'local auth left on is flagged',
    expect: 'non-compliant',
    target: 'azurerm_application_insights.appi',
    resources: [r('azurerm_application_insights', 'appi', { local_authentication_disabled: false })],
    message: /local_authentication_disabled must be true, found false/,
  },
  {
    rule: 'AOAI-APPI-002',
    name: 'default local auth is flagged',
    expect: 'non-compliant',
    target: 'azurerm_application_insights.appi',
    resources: [r('azurerm_application_insights', 'appi', { workspace_id: ref('azurerm_log_analytics_workspace', 'law') })],
    message: /local_authentication_disabled must be true, found not set/,
  },
  {
    rule: 'AOAI-DIAG-001',
    name: 'storage covered on the account (metrics) and its blob service (logs)',
    expect: 'compliant',
    target: 'azurerm_storage_account.st',
    resources: [
      r('azurerm_storage_account', 'st', {}),
      r('azurerm_monitor_diagnostic_setting', 'st', { target_resource_id: '${azurerm_storage_account.st.id}' }),
      r('azurerm_monitor_diagnostic_setting', 'st-blob', { target_resource_id: '${azurerm_storage_account.st.id}/blobServices/default' }),
    ],
  },
  {
    rule: 'AOAI-DIAG-001',
    name: 'storage with the account covered but not its blob service is flagged',
    expect: 'non-compliant',
    target: 'azurerm_storage_account.st',
    resources: [
      r('azurerm_storage_account', 'st', {}),
      r('azurerm_monitor_diagnostic_setting', 'st', { target_resource_id: '${azurerm_storage_account.st.id}' }),
    ],
    message: /^no azurerm_monitor_diagnostic_setting targets its blobServices\/default sub-resource$/,
  },
  {
    rule: 'AOAI-DIAG-001',
    name: 'a virtual network without a diagnostic setting is flagged (the table requires it)',
    expect: 'non-compliant',
    target: 'azurerm_virtual_network.vnet',
    resources: [r('azurerm_virtual_network', 'vnet', {})],
    message: /^no azurerm_monitor_diagnostic_setting targets this resource$/,
  },
  {
    rule: 'AOAI-DIAG-001',
    name: 'Key Vault without diagnostic setting is flagged',
    expect: 'non-compliant',
    target: 'azurerm_key_vault.kv',
    resources: [
      r('azurerm_key_vault', 'kv', {}),
      r('azurerm_monitor_diagnostic_setting', 'other', { target_resource_id: ref('azurerm_storage_account', 'st') }),
    ],
    message: /no azurerm_monitor_diagnostic_setting targets this resource/,
  },
  {
    rule: 'AOAI-DIAG-002',
    name: 'Dedicated with gateway and LLM logs, APIM in another stack',
    expect: 'compliant',
    target: 'dev-monitoring/azurerm_monitor_diagnostic_setting.apim',
    outputs: { 'dev-gateway': { 'cross-stack-output-azurerm_api_managementapimid': { value: ref('azurerm_api_management', 'apim') } } },
    resources: [
      apim,
      r(
        'azurerm_monitor_diagnostic_setting',
        'apim',
        {
          target_resource_id:
            '${data.terraform_remote_state.cross-stack-reference-input-dev-gateway.outputs.cross-stack-output-azurerm_api_managementapimid}',
          log_analytics_workspace_id: ref('azurerm_log_analytics_workspace', 'law'),
          log_analytics_destination_type: 'Dedicated',
          enabled_log: [{ category: 'GatewayLogs' }, { category: 'GatewayLlmLogs' }],
        },
        'dev-monitoring',
      ),
    ],
  },
  {
    rule: 'AOAI-DIAG-002',
    name: 'AzureDiagnostics destination without LLM log is flagged',
    expect: 'non-compliant',
    target: 'dev-gateway/azurerm_monitor_diagnostic_setting.apim',
    resources: [
      apim,
      r(
        'azurerm_monitor_diagnostic_setting',
        'apim',
        {
          target_resource_id: ref('azurerm_api_management', 'apim'),
          log_analytics_workspace_id: ref('azurerm_log_analytics_workspace', 'law'),
          enabled_log: [{ category: 'GatewayLogs' }],
        },
        'dev-gateway',
      ),
    ],
    message: /log_analytics_destination_type must be "Dedicated", found not set; enabled_log lacks GatewayLlmLogs/,
  },
  {
    rule: 'AOAI-DIAG-002',
    name: 'settings of other targets are not checked',
    expect: 'not-applicable',
    target: 'azurerm_monitor_diagnostic_setting.oai',
    resources: [oai, r('azurerm_monitor_diagnostic_setting', 'oai', { target_resource_id: ref('azurerm_cognitive_account', 'oai') })],
  },
  ...diagnosticSettingCases,
  {
    rule: 'AOAI-RBAC-001',
    name: 'resource-scoped OpenAI User is fine',
    expect: 'not-applicable',
    target: 'azurerm_role_assignment.oai-user',
    resources: [
      r('azurerm_role_assignment', 'oai-user', {
        role_definition_name: 'Cognitive Services OpenAI User',
        scope: ref('azurerm_cognitive_account', 'oai'),
        principal_type: 'ServicePrincipal',
      }),
    ],
  },
  {
    rule: 'AOAI-RBAC-001',
    name: 'Contributor on a resource group is allowed',
    expect: 'compliant',
    target: 'azurerm_role_assignment.rg',
    resources: [
      r('azurerm_role_assignment', 'rg', { role_definition_name: 'Contributor', scope: '/subscriptions/1111/resourceGroups/rg-aoai' }),
    ],
  },
  {
    rule: 'AOAI-RBAC-001',
    name: 'Owner by role id on the current subscription (data source) is flagged',
    expect: 'non-compliant',
    target: 'azurerm_role_assignment.owner',
    resources: [
      d('azurerm_subscription', 'current', {}),
      r('azurerm_role_assignment', 'owner', {
        role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
        scope: '${data.azurerm_subscription.current.id}',
      }),
    ],
    message: /assigns Owner at the broad scope \$\{data\.azurerm_subscription\.current\.id\}/,
  },
  {
    rule: 'AOAI-RBAC-001',
    name: 'User Access Administrator at a literal subscription scope is flagged',
    expect: 'non-compliant',
    target: 'azurerm_role_assignment.uaa',
    resources: [
      r('azurerm_role_assignment', 'uaa', {
        role_definition_name: 'User Access Administrator',
        scope: '/subscriptions/11111111-1111-1111-1111-111111111111',
      }),
    ],
    message: /assigns User Access Administrator at the broad scope \/subscriptions\//,
  },
  {
    rule: 'AOAI-RBAC-002',
    name: 'principal type set',
    expect: 'compliant',
    target: 'azurerm_role_assignment.a',
    resources: [r('azurerm_role_assignment', 'a', { principal_type: 'Group' })],
  },
  {
    rule: 'AOAI-RBAC-002',
    name: 'principal type missing is flagged',
    expect: 'non-compliant',
    target: 'azurerm_role_assignment.a',
    resources: [r('azurerm_role_assignment', 'a', { principal_id: 'x' })],
    message: /principal_type must be one of User, Group, ServicePrincipal, found not set/,
  },
  {
    rule: 'AOAI-ID-001',
    name: 'security group',
    expect: 'compliant',
    target: 'azuread_group.tier',
    resources: [r('azuread_group', 'tier', { display_name: 'aoai-developers', security_enabled: true })],
  },
  {
    rule: 'AOAI-ID-001',
    name: 'Microsoft 365 group is flagged',
    expect: 'non-compliant',
    target: 'azuread_group.tier',
    resources: [r('azuread_group', 'tier', { display_name: 'aoai-developers', mail_enabled: true, types: ['Unified'] })],
    message: /security_enabled must be true/,
  },
  {
    rule: 'AOAI-LIFE-001',
    name: 'protected vault in production',
    expect: 'compliant',
    production: true,
    target: 'azurerm_key_vault.kv',
    resources: [r('azurerm_key_vault', 'kv', { lifecycle: { prevent_destroy: true } })],
  },
  {
    rule: 'AOAI-LIFE-001',
    name: 'unprotected workspace in production is flagged',
    expect: 'non-compliant',
    production: true,
    target: 'azurerm_log_analytics_workspace.law',
    resources: [r('azurerm_log_analytics_workspace', 'law', { lifecycle: { prevent_destroy: false } })],
    message: /lifecycle\.prevent_destroy must be true, found false/,
  },
  {
    rule: 'AOAI-LIFE-001',
    name: 'non-production stores are not checked',
    expect: 'not-applicable',
    target: 'azurerm_storage_account.st',
    resources: [r('azurerm_storage_account', 'st', {})],
  },
  {
    rule: 'AOAI-MON-001',
    name: 'rows per backend host, split by it',
    expect: 'compliant',
    target: 'azurerm_monitor_scheduled_query_rules_alert_v2.a',
    resources: [logAlert('T | summarize n = count() by BackendHost, bin(TimeGenerated, 5m)', ['BackendHost'])],
  },
  {
    rule: 'AOAI-MON-001',
    name: 'rows per backend host without a dimension are flagged',
    expect: 'non-compliant',
    target: 'azurerm_monitor_scheduled_query_rules_alert_v2.a',
    resources: [logAlert('T\n// by everything\n| summarize n = count(), s = make_set(x, 5) by Host = tostring(parse_url(U).Host)', [])],
    message: /^rows are per Host, but the alert is not split by it$/,
  },
  {
    rule: 'AOAI-MON-001',
    name: 'one row for everything needs no dimension',
    expect: 'compliant',
    target: 'azurerm_monitor_scheduled_query_rules_alert_v2.a',
    resources: [logAlert('T | summarize n = count()', [])],
  },
  {
    rule: 'AOAI-MON-002',
    name: 'a window twice the frequency and at least 10 minutes',
    expect: 'compliant',
    target: 'azurerm_monitor_scheduled_query_rules_alert_v2.a',
    resources: [logAlert('T | summarize n = count()', [], { window_duration: 'PT30M', evaluation_frequency: 'PT15M' })],
  },
  {
    rule: 'AOAI-MON-002',
    name: 'a 5-minute window evaluated every 5 minutes is flagged twice over',
    expect: 'non-compliant',
    target: 'azurerm_monitor_scheduled_query_rules_alert_v2.a',
    resources: [logAlert('T | summarize n = count()', [], { window_duration: 'PT5M', evaluation_frequency: 'PT5M' })],
    message: /^window 5 min is under 10 min; window 5 min is less than twice the frequency \(5 min\)$/,
  },
  {
    rule: 'AOAI-MON-003',
    name: 'a 30-day query over a 30-day workspace, a 90-day Activity Log query whose table keeps 90 by default',
    expect: 'compliant',
    target: 'azurerm_log_analytics_query_pack_query.q',
    resources: [
      r('azurerm_log_analytics_workspace', 'law', { retention_in_days: 30 }),
      r('azurerm_log_analytics_query_pack_query', 'q', {
        body: 'let lookback = 30d;\nApiManagementGatewayLogs | where TimeGenerated > ago(lookback)',
      }),
      r('azurerm_log_analytics_query_pack_query', 'a', { body: 'AzureActivity | where TimeGenerated > ago(90d)' }),
    ],
  },
  {
    rule: 'AOAI-MON-003',
    name: 'a 90-day query over gateway tables that keep 30 days',
    expect: 'non-compliant',
    target: 'azurerm_log_analytics_query_pack_query.q',
    resources: [
      r('azurerm_log_analytics_workspace', 'law', { retention_in_days: 90 }),
      r('azurerm_log_analytics_workspace_table', 't', { name: 'ApiManagementGatewayLogs', retention_in_days: 30 }),
      r('azurerm_log_analytics_query_pack_query', 'q', {
        body: '// ApiManagementGatewayLlmLog is named in a comment only\nlet lookback = 90d;\nApiManagementGatewayLogs | where TimeGenerated > ago(lookback)',
      }),
    ],
    message: /^reads 90 days of ApiManagementGatewayLogs, which keeps 30$/,
  },
];
