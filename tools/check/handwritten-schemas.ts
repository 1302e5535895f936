import { isExpression } from './values';

/**
 * Arguments of the providers whose bindings this project writes by hand (azapi, time), as the pinned provider
 * versions declare them. Prebuilt bindings (azurerm, azuread) are generated from their provider's schema; these
 * are not, so nothing else would notice an argument the provider does not have until `terraform plan`.
 *
 * Transcribed from the schema sections of each provider's documentation, which tfplugindocs generates from the
 * provider schema:
 * - azapi v2.7.0: docs/index.md, docs/resources/resource.md, update_resource.md, resource_action.md
 *   (github.com/Azure/terraform-provider-azapi, tag v2.7.0)
 * - time v0.13.1: docs/resources/sleep.md, rotating.md, static.md (github.com/hashicorp/terraform-provider-time,
 *   tag v0.13.1); the time provider block takes no arguments.
 */

/** How Terraform types an argument, as the documentation states it. */
export type ArgumentKind = 'string' | 'number' | 'bool' | 'list' | 'map' | 'dynamic' | 'attributes' | 'block' | 'attributes-list';

export type ArgumentTable = Readonly<Record<string, ArgumentKind>>;

const AZAPI_RETRY_AND_TIMEOUTS = { retry: 'attributes', timeouts: 'block' } as const;

export const HANDWRITTEN_RESOURCES: Readonly<Record<string, ArgumentTable>> = {
  azapi_resource: {
    type: 'string',
    body: 'dynamic',
    create_headers: 'map',
    create_query_parameters: 'map',
    delete_headers: 'map',
    delete_query_parameters: 'map',
    identity: 'block',
    ignore_casing: 'bool',
    ignore_missing_property: 'bool',
    ignore_null_property: 'bool',
    location: 'string',
    locks: 'list',
    name: 'string',
    parent_id: 'string',
    read_headers: 'map',
    read_query_parameters: 'map',
    replace_triggers_external_values: 'dynamic',
    replace_triggers_refs: 'list',
    response_export_values: 'dynamic',
    schema_validation_enabled: 'bool',
    sensitive_body: 'dynamic',
    sensitive_body_version: 'map',
    tags: 'map',
    update_headers: 'map',
    update_query_parameters: 'map',
    ...AZAPI_RETRY_AND_TIMEOUTS,
  },
  // No schema_validation_enabled: update_resource validates only name, parent_id and resource_id
  // (internal/services/azapi_update_resource.go, ValidateConfig).
  azapi_update_resource: {
    type: 'string',
    body: 'dynamic',
    ignore_casing: 'bool',
    ignore_missing_property: 'bool',
    locks: 'list',
    name: 'string',
    parent_id: 'string',
    read_headers: 'map',
    read_query_parameters: 'map',
    resource_id: 'string',
    response_export_values: 'dynamic',
    sensitive_body: 'dynamic',
    sensitive_body_version: 'map',
    update_headers: 'map',
    update_query_parameters: 'map',
    ...AZAPI_RETRY_AND_TIMEOUTS,
  },
  azapi_resource_action: {
    resource_id: 'string',
    type: 'string',
    action: 'string',
    body: 'dynamic',
    headers: 'map',
    locks: 'list',
    method: 'string',
    query_parameters: 'map',
    response_export_values: 'dynamic',
    sensitive_response_export_values: 'dynamic',
    when: 'string',
    ...AZAPI_RETRY_AND_TIMEOUTS,
  },
  time_sleep: { create_duration: 'string', destroy_duration: 'string', triggers: 'map' },
  time_static: { rfc3339: 'string', triggers: 'map' },
};

export const HANDWRITTEN_PROVIDERS: Readonly<Record<string, ArgumentTable>> = {
  azapi: {
    auxiliary_tenant_ids: 'list',
    client_certificate: 'string',
    client_certificate_password: 'string',
    client_certificate_path: 'string',
    client_id: 'string',
    client_id_file_path: 'string',
    client_secret: 'string',
    client_secret_file_path: 'string',
    custom_correlation_request_id: 'string',
    default_location: 'string',
    default_name: 'string',
    default_tags: 'map',
    disable_correlation_request_id: 'bool',
    disable_default_output: 'bool',
    disable_instance_discovery: 'bool',
    disable_terraform_partner_id: 'bool',
    enable_preflight: 'bool',
    endpoint: 'attributes-list',
    environment: 'string',
    ignore_no_op_changes: 'bool',
    maximum_busy_retry_attempts: 'number',
    oidc_azure_service_connection_id: 'string',
    oidc_request_token: 'string',
    oidc_request_url: 'string',
    oidc_token: 'string',
    oidc_token_file_path: 'string',
    partner_id: 'string',
    skip_provider_registration: 'bool',
    subscription_id: 'string',
    tenant_id: 'string',
    use_aks_workload_identity: 'bool',
    use_cli: 'bool',
    use_msi: 'bool',
    use_oidc: 'bool',
  },
  time: {},
};

/** Terraform meta-arguments and cdktf's metadata, accepted on every resource or provider block. */
const META = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'alias']);

function matchesKind(kind: ArgumentKind, value: unknown): boolean {
  if (isExpression(value)) {
    return true;
  }
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case 'list':
    case 'attributes-list':
      return Array.isArray(value);
    case 'map':
      return isObject && Object.values(value as object).every((v) => typeof v === 'string' || Array.isArray(v));
    case 'attributes':
      return isObject;
    case 'block':
      return isObject || Array.isArray(value);
    case 'dynamic':
      return true;
  }
}

/** Problems of one block (resource or provider) against its argument table, one line each. */
export function argumentProblems(where: string, table: ArgumentTable, values: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(values).flatMap(([name, value]) => {
    if (META.has(name) || value === undefined) {
      return [];
    }
    const kind = table[name];
    if (kind === undefined) {
      return [`${where}: "${name}" is not an argument of this provider version`];
    }
    return matchesKind(kind, value) ? [] : [`${where}: "${name}" must be ${kind}, found ${JSON.stringify(value)}`];
  });
}
