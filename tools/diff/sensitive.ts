import { lastKey, schemaPath } from './flatten';

/** Attribute names that hold credentials. */
const SENSITIVE_NAME = /password|secret|key|token|connection_string/i;

/**
 * Names that contain one of those words but hold an identifier or a switch, never the secret itself
 * (`key_vault_secret_id`, `shared_access_key_enabled`).
 */
const IDENTIFIER_SUFFIX = /_(id|ids|name|names|uri|url|type|enabled|permissions|version|versionless_id)$/i;

/**
 * Attributes the azurerm provider marks sensitive although their names do not say so. The generated bindings
 * carry no sensitivity flags, so this list is kept by hand from the provider documentation.
 */
const PROVIDER_SENSITIVE: Readonly<Record<string, readonly string[]>> = {
  azurerm_api_management_named_value: ['value'],
  azurerm_api_management: [
    'certificate.encoded_certificate',
    'hostname_configuration.proxy.certificate',
    'hostname_configuration.management.certificate',
    'hostname_configuration.portal.certificate',
    'hostname_configuration.developer_portal.certificate',
    'hostname_configuration.scm.certificate',
  ],
  azurerm_api_management_backend: ['credentials.header', 'credentials.query', 'credentials.authorization.parameter'],
  azurerm_api_management_certificate: ['data'],
  azurerm_application_gateway: ['ssl_certificate.data', 'authentication_certificate.data'],
  azurerm_key_vault_certificate: ['certificate.contents'],
};

/** Whether the value at `path` of an entry of Terraform `type` must not be shown. */
export function isSensitivePath(type: string | undefined, path: string): boolean {
  const key = lastKey(path);
  if (key !== undefined && SENSITIVE_NAME.test(key) && !IDENTIFIER_SUFFIX.test(key)) {
    return true;
  }
  const attribute = schemaPath(path);
  const known = type === undefined ? undefined : PROVIDER_SENSITIVE[type];
  return known !== undefined && known.some((p) => attribute === p || attribute.startsWith(`${p}.`) || attribute.startsWith(`${p}[`));
}

/** A value that may be shown even under a sensitive name: booleans, numbers, and a single reference expression. */
export function isShowable(value: unknown): boolean {
  if (typeof value === 'boolean' || typeof value === 'number' || value === null) {
    return true;
  }
  return typeof value === 'string' && /^\$\{[^{}]*\}$/.test(value);
}
