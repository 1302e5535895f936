/**
 * What a diagnostic setting may name per Azure resource type, and which resource a synthesized setting targets.
 */
import { azapiType } from './azapi';
import { expressionBodies } from './graph';
import type { Resource, ResourceLookup } from './model';

/**
 * Where the logs of a resource type land in a Log Analytics workspace:
 * - `AzureDiagnostics`: only the shared AzureDiagnostics table; `Dedicated` has no effect.
 * - `resource-specific`: only the type's own tables, whatever the destination type.
 * - `selectable`: AzureDiagnostics by default, the type's own tables with `Dedicated`.
 * - `none`: the type has no log categories.
 * - `undocumented`: Microsoft's reference names no table for the type's categories.
 * "Most Azure resources write data to the workspace in either Azure diagnostics or resource-specific mode without
 * giving you a choice": https://learn.microsoft.com/azure/azure-monitor/platform/resource-logs#select-the-collection-mode
 */
export type LogTables = 'AzureDiagnostics' | 'AzureActivity' | 'resource-specific' | 'selectable' | 'none' | 'undocumented';

/** What a diagnostic setting may name for one Azure resource type. */
export interface DiagnosticTargetType {
  /** Azure resource type, e.g. `Microsoft.Storage/storageAccounts/blobServices`. */
  readonly armType: string;
  /** Terraform types whose `id` is a resource of this type (none for sub-resources reached by an ID suffix). */
  readonly terraformTypes: readonly string[];
  /** Log categories (`enabled_log.category`). */
  readonly logs: readonly string[];
  /** Metric categories (`enabled_metric.category`, `metric.category`); empty when the type exports no metrics. */
  readonly metrics: readonly string[];
  readonly logTables: LogTables;
}

/**
 * Diagnostic categories per target type: fixed by each resource provider; a setting naming another category fails
 * at apply time ("Category 'StorageWrite' is not supported": https://github.com/Azure/azure-rest-api-specs/issues/10646).
 * Log categories come from Azure Monitor's generated "Supported logs for <type>" pages
 * (https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/<type>-logs). Metric categories are not the
 * "Category:" headings of the "Supported metrics" pages (those group metrics for display): the diagnostic setting
 * category is `AllMetrics` for most providers ("The AllMetrics setting routes a resource's platform metrics to other
 * destinations. This option might not be present for all resource providers":
 * https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings#metrics); where it is not, the entry
 * says so. Per-type metric categories are cross-checked against Microsoft's own diagnostic-setting templates: the
 * Azure Monitor Resource Manager samples
 * (https://learn.microsoft.com/azure/azure-monitor/platform/resource-manager-diagnostic-settings) and the Azure
 * Landing Zones "Deploy-Diagnostics-*" policies
 * (https://github.com/Azure/Enterprise-Scale/tree/main/src/resources/Microsoft.Authorization/policyDefinitions).
 */
export const DIAGNOSTIC_TARGET_TYPES: readonly DiagnosticTargetType[] = [
  {
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-apimanagement-service-logs
    // (GatewayMCPLogs: https://docs.azure.cn/en-us/azure-monitor/reference/supported-logs/microsoft-apimanagement-service-logs).
    // Every category has its own table (ApiManagementGatewayLogs, ApiManagementGatewayLlmLog, ...); GatewayLogs can
    // also go to AzureDiagnostics. AllMetrics: ALZ Deploy-Diagnostics-APIMgmt.
    armType: 'Microsoft.ApiManagement/service',
    terraformTypes: ['azurerm_api_management'],
    logs: ['DeveloperPortalAuditLogs', 'GatewayLlmLogs', 'GatewayLogs', 'GatewayMCPLogs', 'WebSocketConnectionLogs'],
    metrics: ['AllMetrics'],
    logTables: 'selectable',
  },
  {
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-cognitiveservices-accounts-logs:
    // every category's table is AzureDiagnostics. AllMetrics: ALZ Deploy-Diagnostics-CognitiveServices.
    armType: 'Microsoft.CognitiveServices/accounts',
    terraformTypes: ['azurerm_cognitive_account'],
    logs: ['Audit', 'AzureOpenAIRequestUsage', 'RequestResponse', 'Trace'],
    metrics: ['AllMetrics'],
    logTables: 'AzureDiagnostics',
  },
  {
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-network-applicationgateways-logs;
    // resource-specific mode (AGWAccessLogs, AGWPerformanceLogs, AGWFirewallLogs) is chosen with Dedicated:
    // https://learn.microsoft.com/azure/application-gateway/application-gateway-diagnostics#storage-locations.
    // The performance log is written by the v1 SKU only. AllMetrics: ALZ Deploy-Diagnostics-ApplicationGateway.
    armType: 'Microsoft.Network/applicationGateways',
    terraformTypes: ['azurerm_application_gateway'],
    logs: ['ApplicationGatewayAccessLog', 'ApplicationGatewayFirewallLog', 'ApplicationGatewayPerformanceLog'],
    metrics: ['AllMetrics'],
    logTables: 'selectable',
  },
  {
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-keyvault-vaults-logs lists the
    // AZKVAuditLogs and AZKVPolicyEvaluationDetailsLogs tables (Azure China still lists AzureDiagnostics).
    // AllMetrics: Azure Monitor Resource Manager sample "Diagnostic setting for Azure Key Vault".
    armType: 'Microsoft.KeyVault/vaults',
    terraformTypes: ['azurerm_key_vault'],
    logs: ['AuditEvent', 'AzurePolicyEvaluationDetails'],
    metrics: ['AllMetrics'],
    logTables: 'selectable',
  },
  {
    // The account has no log categories; its logs belong to each service (blobServices, ...). Metric categories are
    // Capacity and Transaction, not AllMetrics: https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-storage-storageaccounts-metrics,
    // the Resource Manager sample "Diagnostic setting for Azure Storage" (Transaction) and
    // https://github.com/MicrosoftDocs/azure-docs/issues/68626 (Capacity added to it).
    armType: 'Microsoft.Storage/storageAccounts',
    terraformTypes: ['azurerm_storage_account'],
    logs: [],
    metrics: ['Capacity', 'Transaction'],
    logTables: 'none',
  },
  {
    // `${azurerm_storage_account.x.id}/blobServices/default`.
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-storage-storageaccounts-blobservices-logs
    // (table StorageBlobLogs only); metrics as for the account:
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-storage-storageaccounts-blobservices-metrics
    // and the Resource Manager sample's blobSetting.
    armType: 'Microsoft.Storage/storageAccounts/blobServices',
    terraformTypes: [],
    logs: ['StorageDelete', 'StorageRead', 'StorageWrite'],
    metrics: ['Capacity', 'Transaction'],
    logTables: 'resource-specific',
  },
  {
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-network-networksecuritygroups-logs
    // (AzureDiagnostics; the flow event category lists no table). No metrics: ALZ Deploy-Diagnostics-NetworkSecurityGroups
    // sets `metrics: []`.
    armType: 'Microsoft.Network/networkSecurityGroups',
    terraformTypes: ['azurerm_network_security_group'],
    logs: ['NetworkSecurityGroupEvent', 'NetworkSecurityGroupFlowEvent', 'NetworkSecurityGroupRuleCounter'],
    metrics: [],
    logTables: 'AzureDiagnostics',
  },
  {
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-network-virtualnetworks-logs
    // (no table named). AllMetrics: ALZ Deploy-Diagnostics-VirtualNetwork.
    armType: 'Microsoft.Network/virtualNetworks',
    terraformTypes: ['azurerm_virtual_network'],
    logs: ['VMProtectionAlerts'],
    metrics: ['AllMetrics'],
    logTables: 'undocumented',
  },
  {
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-network-publicipaddresses-logs
    // (AzureDiagnostics). AllMetrics: ALZ Deploy-Diagnostics-PublicIP.
    armType: 'Microsoft.Network/publicIPAddresses',
    terraformTypes: ['azurerm_public_ip'],
    logs: ['DDoSMitigationFlowLogs', 'DDoSMitigationReports', 'DDoSProtectionNotifications'],
    metrics: ['AllMetrics'],
    logTables: 'AzureDiagnostics',
  },
  {
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-operationalinsights-workspaces-logs
    // (LAQueryLogs, LAJobLogs, LASummaryLogs). AllMetrics: ALZ Deploy-Diagnostics-LogAnalytics.
    armType: 'Microsoft.OperationalInsights/workspaces',
    terraformTypes: ['azurerm_log_analytics_workspace'],
    logs: ['Audit', 'Jobs', 'SummaryLogs'],
    metrics: ['AllMetrics'],
    logTables: 'resource-specific',
  },
  {
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-insights-components-logs
    // (App* tables). Metrics are exportable (DS Export: Yes) through AllMetrics:
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-insights-components-metrics.
    // Azure Monitor advises a workspace other than the component's own, or telemetry shows twice:
    // https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings#diagnostic-logs-for-application-insights
    armType: 'Microsoft.Insights/components',
    terraformTypes: ['azurerm_application_insights'],
    logs: [
      'AppAvailabilityResults',
      'AppBrowserTimings',
      'AppDependencies',
      'AppEvents',
      'AppExceptions',
      'AppMetrics',
      'AppPageViews',
      'AppPerformanceCounters',
      'AppRequests',
      'AppSystemEvents',
      'AppTraces',
    ],
    metrics: ['AllMetrics'],
    logTables: 'resource-specific',
  },
  {
    // The subscription's Activity Log, exported by a subscription-level diagnostic setting (target
    // `/subscriptions/<id>`): the event categories Get-AzEventCategory lists, "also supported diagnostic setting
    // categories for subscription" (https://learn.microsoft.com/powershell/module/az.monitor/get-azeventcategory).
    // Every category lands in AzureActivity; there are no metrics.
    armType: 'Microsoft.Resources/subscriptions',
    terraformTypes: [],
    logs: ['Administrative', 'Alert', 'Autoscale', 'Policy', 'Recommendation', 'ResourceHealth', 'Security', 'ServiceHealth'],
    metrics: [],
    logTables: 'AzureActivity',
  },
];

/** The entry for an Azure resource type (case-insensitive, as ARM treats types). */
export function diagnosticTargetType(armType: string): DiagnosticTargetType | undefined {
  const wanted = armType.toLowerCase();
  return DIAGNOSTIC_TARGET_TYPES.find((t) => t.armType.toLowerCase() === wanted);
}

/** Whether `log_analytics_destination_type = "Dedicated"` selects tables for the type (it does nothing elsewhere). */
export function acceptsDedicated(target: DiagnosticTargetType): boolean {
  return target.logTables === 'selectable' || target.logTables === 'resource-specific';
}

/**
 * The type segments of an ARM resource path after `/providers/`: `Microsoft.Storage/storageAccounts/st/blobServices/default`
 * gives `Microsoft.Storage/storageAccounts/blobServices`. Undefined when the segments are not namespace then name/value pairs.
 */
function armTypeOfProviderPath(path: string): string | undefined {
  const [namespace, ...rest] = path.split('/').filter((s) => s !== '');
  if (!namespace || rest.length === 0 || rest.length % 2 !== 0) {
    return undefined;
  }
  return [namespace, ...rest.filter((_, i) => i % 2 === 0)].join('/');
}

/** `/blobServices/default` gives `['blobServices']`; undefined for anything but name/value pairs. */
function childTypeSegments(suffix: string): string[] | undefined {
  const segments = suffix.split('/').filter((s) => s !== '');
  if (segments.length % 2 !== 0 || segments.some((s) => !/^[A-Za-z0-9_.-]+$/.test(s))) {
    return undefined;
  }
  return segments.filter((_, i) => i % 2 === 0);
}

/** The Azure type a Terraform resource's `id` names, from the table or from an azapi `type`. */
function armTypeOfResource(resource: Resource): string | undefined {
  if (resource.type === 'azapi_resource') {
    return azapiType(resource)?.type;
  }
  return DIAGNOSTIC_TARGET_TYPES.find((t) => t.terraformTypes.includes(resource.type))?.armType;
}

/** A diagnostic setting's target as far as the synthesized JSON tells it. */
export interface DiagnosticTarget {
  /** The Azure type of the target (with the sub-resource, if any). */
  readonly armType: string;
  /** How findings name the target: its Terraform address (and sub-resource path), or the literal ID. */
  readonly label: string;
  /** The table entry; undefined for types the table does not cover. */
  readonly type: DiagnosticTargetType | undefined;
}

// cdktf names a cross-stack output after the referenced attribute (`cross-stack-output-azurerm_key_vaultkvid`), so an
// output name ending in `id` stands for an `.id` reference.
const REFERENCE = /^(?:(?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*\.id|data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]*id)$/;

/**
 * Recognises the target of a diagnostic setting from `target_resource_id`: a literal ARM ID (expressions inside it
 * allowed), or one reference to a resource's `id` (same stack or across stacks) optionally followed by a sub-resource
 * path such as `/blobServices/default`. Undefined when the value is anything else (a function call, a variable).
 */
export function diagnosticTarget(setting: Resource, graph: ResourceLookup): DiagnosticTarget | undefined {
  const raw = setting.values['target_resource_id'];
  if (typeof raw !== 'string') {
    return undefined;
  }
  const text = raw.trim().replace(/\/+$/, '');
  const bodies = expressionBodies(text);
  const flat = bodies.reduce((acc, body) => acc.replace(`\${${body}}`, 'x'), text);
  if (/^\/subscriptions\/[^/]+$/i.test(flat)) {
    const armType = 'Microsoft.Resources/subscriptions';
    return { armType, label: text, type: diagnosticTargetType(armType) };
  }
  const providers = flat.toLowerCase().lastIndexOf('/providers/');
  if (providers !== -1) {
    const armType = armTypeOfProviderPath(flat.slice(providers + '/providers/'.length));
    return armType ? { armType, label: text, type: diagnosticTargetType(armType) } : undefined;
  }
  const [body] = bodies;
  if (bodies.length !== 1 || body === undefined || !text.startsWith(`\${${body}}`) || !REFERENCE.test(body.trim())) {
    return undefined;
  }
  const suffix = text.slice(body.length + 3);
  const children = childTypeSegments(suffix);
  const referenced = graph.referencedBy(setting, `\${${body}}`);
  const resource = referenced.length === 1 ? referenced[0] : undefined;
  const base = resource ? armTypeOfResource(resource) : undefined;
  if (!resource || !base || !children) {
    return undefined;
  }
  const armType = [base, ...children].join('/');
  const address = resource.stack === setting.stack ? resource.address : `${resource.stack}/${resource.address}`;
  return {
    armType,
    label: `${address}${suffix}`,
    type: diagnosticTargetType(armType),
  };
}

/**
 * The category groups Azure Monitor defines ("Currently, there are two category groups: All, Audit"):
 * https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings#resource-logs
 */
export const DIAGNOSTIC_CATEGORY_GROUPS = ['allLogs', 'audit'] as const;
