/**
 * Which resource types need diagnostic settings, and to which targets: one table that the rule pack
 * (AOAI-DIAG-001) and the coverage test both read. Sources: the resource log categories index
 * (https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/logs-index) and each type's supported
 * metrics page ("DS Export" column).
 */

export type Classification =
  /** Supports diagnostic settings: every instance needs one for each listed target (its id plus a suffix). */
  | { readonly kind: 'required'; readonly targets: readonly string[] }
  /** Supports them, but collecting would only duplicate data the workspace already holds. */
  | { readonly kind: 'exempt'; readonly reason: string }
  | { readonly kind: 'unsupported'; readonly reason: string };

export interface Classifications {
  /** By Terraform resource type. */
  readonly resourceTypes: Readonly<Record<string, Classification>>;
  /** azapi resources, by ARM type without the API version. */
  readonly armTypes: Readonly<Record<string, Classification>>;
}

const REQUIRED: Classification = { kind: 'required', targets: [''] };
const CHILD = (parent: string): Classification => ({
  kind: 'unsupported',
  reason: `a child or setting of ${parent}, whose own diagnostic setting covers it`,
});
const NOT_AZURE: Classification = { kind: 'unsupported', reason: 'not an Azure resource: nothing for Azure Monitor to collect' };
const NO_TELEMETRY = (what: string): Classification => ({
  kind: 'unsupported',
  reason: `${what} emit no resource logs or exportable metrics`,
});

/** Every resource type the project synthesizes. A type missing here fails the coverage test until classified. */
export const CLASSIFICATIONS: Classifications = {
  resourceTypes: {
    azurerm_api_management: REQUIRED,
    azurerm_application_gateway: REQUIRED,
    azurerm_cognitive_account: REQUIRED,
    azurerm_key_vault: REQUIRED,
    azurerm_log_analytics_workspace: REQUIRED,
    azurerm_network_security_group: REQUIRED,
    azurerm_public_ip: REQUIRED,
    // The account has metrics only; blob reads, writes and deletes are logged by the blob service beneath it.
    azurerm_storage_account: { kind: 'required', targets: ['', '/blobServices/default'] },
    azurerm_virtual_network: REQUIRED,
    azurerm_application_insights: {
      kind: 'exempt',
      reason:
        'workspace-based: its telemetry is stored in the Log Analytics workspace already; a diagnostic setting to that workspace would store every row twice',
    },
    azurerm_private_endpoint: {
      kind: 'unsupported',
      reason: 'no resource log categories, and its byte counters are not exportable through diagnostic settings (DS Export: No)',
    },
    azurerm_private_dns_zone: {
      kind: 'unsupported',
      reason: 'no resource log categories, and none of its metrics is exportable through diagnostic settings (DS Export: No)',
    },
    azurerm_network_ddos_protection_plan: {
      kind: 'unsupported',
      reason: 'DDoS telemetry is emitted by the protected public IPs, which have their own settings',
    },
    azurerm_web_application_firewall_policy: {
      kind: 'unsupported',
      reason: 'firewall logs and metrics are emitted by the Application Gateway using the policy',
    },
    azurerm_user_assigned_identity: NO_TELEMETRY('managed identities'),
    azurerm_resource_group: { kind: 'unsupported', reason: 'resource group operations are in the subscription activity log' },
    azurerm_role_assignment: { kind: 'unsupported', reason: 'role assignments are recorded in the subscription activity log' },
    azurerm_monitor_diagnostic_setting: { kind: 'unsupported', reason: 'a diagnostic setting itself' },
    azurerm_monitor_action_group: NO_TELEMETRY('action groups'),
    azurerm_monitor_metric_alert: NO_TELEMETRY('alert rules'),
    azurerm_monitor_scheduled_query_rules_alert_v2: NO_TELEMETRY('alert rules'),
    azurerm_application_insights_workbook: NO_TELEMETRY('workbooks'),
    azurerm_log_analytics_query_pack: NO_TELEMETRY('query packs'),
    azurerm_log_analytics_query_pack_query: CHILD('a query pack'),
    azurerm_log_analytics_workspace_table: CHILD('the Log Analytics workspace'),
    azurerm_log_analytics_data_export_rule: CHILD('the Log Analytics workspace'),
    azurerm_cognitive_deployment: CHILD('its Azure OpenAI account'),
    azurerm_key_vault_certificate: CHILD('the Key Vault'),
    azurerm_key_vault_secret: CHILD('the Key Vault'),
    azurerm_storage_container: CHILD('the storage account (blob service)'),
    azurerm_storage_container_immutability_policy: CHILD('the storage account (blob service)'),
    azurerm_storage_management_policy: CHILD('the storage account'),
    azurerm_subnet: CHILD('the virtual network'),
    azurerm_subnet_network_security_group_association: CHILD('the virtual network'),
    azurerm_network_security_rule: CHILD('the network security group'),
    azurerm_private_dns_zone_virtual_network_link: CHILD('the private DNS zone'),
    azurerm_private_dns_a_record: CHILD('the private DNS zone'),
    azurerm_api_management_api: CHILD('API Management'),
    azurerm_api_management_api_diagnostic: CHILD('API Management'),
    azurerm_api_management_api_operation: CHILD('API Management'),
    azurerm_api_management_api_policy: CHILD('API Management'),
    azurerm_api_management_backend: CHILD('API Management'),
    azurerm_api_management_diagnostic: CHILD('API Management'),
    azurerm_api_management_group: CHILD('API Management'),
    azurerm_api_management_identity_provider_aad: CHILD('API Management'),
    azurerm_api_management_logger: CHILD('API Management'),
    azurerm_api_management_named_value: CHILD('API Management'),
    azurerm_api_management_policy: CHILD('API Management'),
    azurerm_api_management_product: CHILD('API Management'),
    azurerm_api_management_product_api: CHILD('API Management'),
    azurerm_api_management_product_group: CHILD('API Management'),
    azurerm_api_management_product_policy: CHILD('API Management'),
    azurerm_api_management_subscription: CHILD('API Management'),
    azuread_app_role_assignment: NOT_AZURE,
    azuread_application: NOT_AZURE,
    azuread_application_password: NOT_AZURE,
    azuread_application_pre_authorized: NOT_AZURE,
    azuread_group: NOT_AZURE,
    azuread_group_member: NOT_AZURE,
    azuread_group_without_members: NOT_AZURE,
    azuread_service_principal: NOT_AZURE,
    azuread_service_principal_delegated_permission_grant: NOT_AZURE,
    azapi_resource_action: { kind: 'exempt', reason: 'a request against an existing resource, not a resource of its own' },
    time_sleep: NOT_AZURE,
  },
  armTypes: {
    'Microsoft.ApiManagement/service/backends': CHILD('API Management'),
    'Microsoft.ApiManagement/service/apis/diagnostics': CHILD('API Management'),
    'Microsoft.ApiManagement/service/diagnostics': CHILD('API Management'),
    'Microsoft.ApiManagement/service/loggers': CHILD('API Management'),
    'Microsoft.Network/networkWatchers/flowLogs': {
      kind: 'unsupported',
      reason: 'a flow log is itself a log pipeline (to storage and traffic analytics)',
    },
    'Microsoft.Insights/components': {
      kind: 'exempt',
      reason: 'workspace-based Application Insights: its telemetry is stored in the Log Analytics workspace already',
    },
  },
};

/** Terraform types that need a diagnostic setting, with the target suffixes each needs ('' is the resource itself). */
export function requiredDiagnosticTargets(classifications: Classifications = CLASSIFICATIONS): Readonly<Record<string, readonly string[]>> {
  return Object.fromEntries(
    Object.entries(classifications.resourceTypes).flatMap(([type, c]) => (c.kind === 'required' ? [[type, c.targets] as const] : [])),
  );
}
