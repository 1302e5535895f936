/**
 * Which configuration changes make Terraform destroy and recreate a resource (ForceNew in the azurerm provider).
 * The synthesized JSON carries no schema, so the attributes are transcribed from the provider source at the
 * version this project pins (azurerm v4.55.0, `internal/services/...` at tag v4.55.0); each entry names the file
 * and line. Attributes the provider updates in place are deliberately absent (key vault `tenant_id`, storage
 * `account_replication_type`: neither is ForceNew in v4.55.0).
 */

/** `true` when the change from `before` to `after` forces a new resource; absent means any change does. */
type Condition = (before: unknown, after: unknown) => boolean;

export interface ForceNewAttribute {
  /** Attribute path without list selectors (`model.name`, `sku.name`). */
  readonly path: string;
  readonly when?: Condition;
}

/**
 * Top-level attributes that are ForceNew on every azurerm resource that has them: `name`, and the shared schema
 * helpers `commonschema.Location()` and `commonschema.ResourceGroupName()` (both ForceNew). The few resources
 * that use `LocationWithoutForceNew` use it for nested blocks (API Management `additional_location`), not the
 * top-level attribute.
 */
export const REPLACING_EVERYWHERE: readonly string[] = ['name', 'location', 'resource_group_name'];

const wasSet = (before: unknown): boolean => before !== undefined && before !== null && before !== '';
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export const FORCE_NEW: Readonly<Record<string, readonly ForceNewAttribute[]>> = {
  // internal/services/cognitive/cognitive_account_resource.go: kind L68; custom_subdomain_name replaces only
  // when it had a value (CustomizeDiff L397-403); turning project_management_enabled off replaces (L376-379).
  azurerm_cognitive_account: [
    { path: 'kind' },
    { path: 'custom_subdomain_name', when: (before) => wasSet(before) },
    { path: 'project_management_enabled', when: (before, after) => before === true && after !== true },
  ],
  // internal/services/cognitive/cognitive_deployment_resource.go: cognitive_account_id L70, model.format L89,
  // model.name L96, sku.name L117, sku.tier L133, sku.size L146, sku.family L152 (model.version updates in place).
  azurerm_cognitive_deployment: [
    { path: 'cognitive_account_id' },
    { path: 'model.format' },
    { path: 'model.name' },
    { path: 'sku.name' },
    { path: 'sku.tier' },
    { path: 'sku.size' },
    { path: 'sku.family' },
  ],
  // internal/services/storage/storage_account_resource.go: account_tier L118, provisioned_billing_model_version
  // L125, edge_zone L290, is_hns_enabled L331, dns_endpoint_type L363, queue_encryption_key_type L668,
  // table_encryption_key_type L676, infrastructure_encryption_enabled L684; account_kind replaces unless the
  // move is Storage -> StorageV2 (CustomizeDiff L1114-1122); large_file_share_enabled true -> false (L1126-1131).
  azurerm_storage_account: [
    { path: 'account_tier' },
    { path: 'provisioned_billing_model_version' },
    { path: 'edge_zone' },
    { path: 'is_hns_enabled' },
    { path: 'dns_endpoint_type' },
    { path: 'queue_encryption_key_type' },
    { path: 'table_encryption_key_type' },
    { path: 'infrastructure_encryption_enabled' },
    { path: 'account_kind', when: (before, after) => !(text(before) === 'Storage' && text(after) === 'StorageV2') },
    { path: 'large_file_share_enabled', when: (before, after) => before === true && after !== true },
  ],
  // internal/services/storage/storage_container_resource.go: storage_account_id L82, default_encryption_scope
  // L100, encryption_scope_override_enabled L108.
  azurerm_storage_container: [
    { path: 'storage_account_id' },
    { path: 'default_encryption_scope' },
    { path: 'encryption_scope_override_enabled' },
  ],
  // internal/services/loganalytics/log_analytics_workspace_resource.go L205-223: sku replaces except from
  // LACluster or unset, and between CapacityReservation and PerGB2018.
  azurerm_log_analytics_workspace: [
    {
      path: 'sku',
      when: (before, after) => {
        const [from, to] = [text(before).toLowerCase(), text(after).toLowerCase()];
        const swap = new Set(['capacityreservation', 'pergb2018']);
        return !(from === '' || from === 'lacluster' || (swap.has(from) && swap.has(to)));
      },
    },
  ],
  // internal/services/applicationinsights/application_insights_resource.go: application_type L64.
  azurerm_application_insights: [{ path: 'application_type' }],
  // internal/services/apimanagement/api_management_resource.go L92-100: virtual_network_type replaces unless it
  // moves from None to Internal or External; virtual_network_configuration replaces unless it was empty.
  azurerm_api_management: [
    {
      path: 'virtual_network_type',
      when: (before, after) => !((text(before) || 'None') === 'None' && ['Internal', 'External'].includes(text(after))),
    },
    { path: 'virtual_network_configuration.subnet_id', when: (before, after) => wasSet(before) || !wasSet(after) },
  ],
  // internal/services/network/application_gateway_resource.go: zones L138 (ZonesMultipleOptionalForceNew).
  azurerm_application_gateway: [{ path: 'zones' }],
  // internal/services/network/public_ip_resource.go: edge_zone L90, ip_version L92, sku L103, sku_tier L115,
  // public_ip_prefix_id L160, ip_tags L167, zones L176.
  azurerm_public_ip: [
    { path: 'edge_zone' },
    { path: 'ip_version' },
    { path: 'sku' },
    { path: 'sku_tier' },
    { path: 'public_ip_prefix_id' },
    { path: 'ip_tags' },
    { path: 'zones' },
  ],
  // internal/services/network/subnet_resource.go: virtual_network_name L144.
  azurerm_subnet: [{ path: 'virtual_network_name' }],
  // internal/services/network/network_security_rule_resource.go: network_security_group_name L55.
  azurerm_network_security_rule: [{ path: 'network_security_group_name' }],
  // internal/services/network/private_endpoint_resource.go: subnet_id L78, custom_network_interface_name L102,
  // private_service_connection.{name L141, is_manual_connection L147, private_connection_resource_id L152,
  // private_connection_resource_alias L159, subresource_names L166}, ip_configuration.{name L193,
  // private_ip_address L199, subresource_name L205, member_name L212}.
  azurerm_private_endpoint: [
    { path: 'subnet_id' },
    { path: 'custom_network_interface_name' },
    { path: 'private_service_connection.name' },
    { path: 'private_service_connection.is_manual_connection' },
    { path: 'private_service_connection.private_connection_resource_id' },
    { path: 'private_service_connection.private_connection_resource_alias' },
    { path: 'private_service_connection.subresource_names' },
    { path: 'ip_configuration.name' },
    { path: 'ip_configuration.private_ip_address' },
    { path: 'ip_configuration.subresource_name' },
    { path: 'ip_configuration.member_name' },
  ],
  // internal/services/privatedns/private_dns_a_record_resource.go: zone_name L62.
  azurerm_private_dns_a_record: [{ path: 'zone_name' }],
  // internal/services/privatedns/private_dns_zone_virtual_network_link_resource.go: private_dns_zone_name L59,
  // virtual_network_id L69.
  azurerm_private_dns_zone_virtual_network_link: [{ path: 'private_dns_zone_name' }, { path: 'virtual_network_id' }],
  // internal/services/authorization/role_assignment_resource.go: scope L61, role_definition_id L81,
  // role_definition_name L90, principal_id L100, principal_type L106, delegated_managed_identity_resource_id
  // L124, description L131, condition L138, condition_version L145.
  azurerm_role_assignment: [
    { path: 'scope' },
    { path: 'role_definition_id' },
    { path: 'role_definition_name' },
    { path: 'principal_id' },
    { path: 'principal_type' },
    { path: 'delegated_managed_identity_resource_id' },
    { path: 'description' },
    { path: 'condition' },
    { path: 'condition_version' },
  ],
};

/** Values of one attribute path (selectors dropped) as one comparable value: a scalar, or the list of values. */
function valueAt(flat: ReadonlyMap<string, unknown>, path: string, schemaPath: (p: string) => string): unknown {
  const values = [...flat].filter(([p]) => schemaPath(p) === path).map(([, v]) => v);
  return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
}

/**
 * The ForceNew attributes whose value differs between two flattened versions of one resource of `type`.
 * `schemaPath` maps a flattened path to its selector-free form.
 */
export function replacingAttributes(
  type: string,
  before: ReadonlyMap<string, unknown>,
  after: ReadonlyMap<string, unknown>,
  schemaPath: (p: string) => string,
): string[] {
  const rules: ForceNewAttribute[] = [...REPLACING_EVERYWHERE.map((path) => ({ path })), ...(FORCE_NEW[type] ?? [])];
  const replacing: string[] = [];
  for (const rule of rules) {
    const old = valueAt(before, rule.path, schemaPath);
    const now = valueAt(after, rule.path, schemaPath);
    // Adding an attribute that was unset is a change too (a new zone list), but only when the resource existed.
    if (JSON.stringify(old) === JSON.stringify(now)) {
      continue;
    }
    if (rule.when === undefined || rule.when(old, now)) {
      replacing.push(rule.path);
    }
  }
  return replacing;
}
