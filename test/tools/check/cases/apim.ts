import { r, ref, type RuleCase } from '../fixtures';

const goodService = {
  name: 'apim-aoaigw-dev',
  sku_name: 'Developer_1',
  virtual_network_type: 'Internal',
  virtual_network_configuration: { subnet_id: ref('azurerm_subnet', 'apim') },
  public_network_access_enabled: true,
  identity: { type: 'SystemAssigned' },
  security: {
    frontend_tls10_enabled: false,
    frontend_tls11_enabled: false,
    backend_tls10_enabled: false,
    backend_tls11_enabled: false,
    triple_des_ciphers_enabled: false,
  },
};

const service = (overrides: Record<string, unknown>) => [r('azurerm_api_management', 'apim', { ...goodService, ...overrides })];
const APIM = 'azurerm_api_management.apim';

const maskedFrontend = {
  headers_to_log: ['x-ms-client-request-id', 'api-key'],
  data_masking: { headers: [{ mode: 'Hide', value: 'api-key' }], query_params: [{ mode: 'Hide', value: 'subscription-key' }] },
};

const azapiDiagnostic = (properties: Record<string, unknown>) => [
  r('azapi_resource', 'llm-diag', {
    type: 'Microsoft.ApiManagement/service/apis/diagnostics@2024-06-01-preview',
    name: 'azuremonitor',
    parent_id: ref('azurerm_api_management_api', 'openai'),
    body: { properties: { loggerId: '${azurerm_api_management.apim.id}/loggers/azuremonitor', ...properties } },
  }),
];

const sampleDeletes = (suffixes: readonly string[], service = 'apim') =>
  suffixes.map((suffix) =>
    r('azapi_resource_action', `delete-${suffix.replace('/', '-')}`, {
      type: 'Microsoft.ApiManagement/service/x@2024-05-01',
      resource_id: `\${azurerm_api_management.${service}.id}/${suffix}`,
      method: 'DELETE',
    }),
  );

const portalConfig = (properties: Record<string, unknown>) =>
  r('azapi_resource_action', 'portal-config', {
    type: 'Microsoft.ApiManagement/service/portalconfigs@2024-05-01',
    resource_id: '${azurerm_api_management.apim.id}/portalconfigs/default',
    method: 'PATCH',
    body: { properties },
  });

export const apimCases: RuleCase[] = [
  { rule: 'AOAI-APIM-001', name: 'internal mode with subnet', expect: 'compliant', target: APIM, resources: service({}) },
  {
    rule: 'AOAI-APIM-001',
    name: 'external mode is flagged',
    expect: 'non-compliant',
    target: APIM,
    resources: service({ virtual_network_type: 'External' }),
    message: /virtual_network_type must be "Internal", found "External"/,
  },
  {
    rule: 'AOAI-APIM-001',
    name: 'no VNet at all is flagged twice over',
    expect: 'non-compliant',
    target: APIM,
    resources: service({ virtual_network_type: undefined, virtual_network_configuration: undefined }),
    message: /found not set; virtual_network_configuration\.subnet_id is not set/,
  },
  { rule: 'AOAI-APIM-002', name: 'managed identity', expect: 'compliant', target: APIM, resources: service({}) },
  {
    rule: 'AOAI-APIM-002',
    name: 'no identity is flagged',
    expect: 'non-compliant',
    target: APIM,
    resources: service({ identity: undefined }),
    message: /found no identity/,
  },
  { rule: 'AOAI-APIM-003', name: 'old client protocols off', expect: 'compliant', target: APIM, resources: service({}) },
  {
    rule: 'AOAI-APIM-003',
    name: 'no security block keeps provider defaults (off)',
    expect: 'compliant',
    target: APIM,
    resources: service({ security: undefined }),
  },
  {
    rule: 'AOAI-APIM-003',
    name: 'TLS 1.1 through the deprecated 3.x name is flagged',
    expect: 'non-compliant',
    target: APIM,
    resources: service({ security: { enable_frontend_tls11: true } }),
    message: /security\.enable_frontend_tls11 must be false, found true/,
  },
  { rule: 'AOAI-APIM-004', name: 'old backend protocols off', expect: 'compliant', target: APIM, resources: service({}) },
  {
    rule: 'AOAI-APIM-004',
    name: 'backend TLS 1.0 is flagged',
    expect: 'non-compliant',
    target: APIM,
    resources: service({ security: { backend_tls10_enabled: true } }),
    message: /security\.backend_tls10_enabled must be false/,
  },
  { rule: 'AOAI-APIM-005', name: 'weak ciphers off', expect: 'compliant', target: APIM, resources: service({}) },
  {
    rule: 'AOAI-APIM-005',
    name: '3DES and a CBC suite are flagged',
    expect: 'non-compliant',
    target: APIM,
    resources: service({ security: { triple_des_ciphers_enabled: true, tls_rsa_with_aes128_cbc_sha_ciphers_enabled: true } }),
    message: /triple_des_ciphers_enabled must be false, found true; security\.tls_rsa_with_aes128_cbc_sha_ciphers_enabled/,
  },
  {
    rule: 'AOAI-APIM-006',
    name: 'secret from Key Vault',
    expect: 'compliant',
    target: 'azurerm_api_management_named_value.key',
    resources: [
      r('azurerm_api_management_named_value', 'key', {
        name: 'backend-key',
        display_name: 'backend-key',
        secret: true,
        value_from_key_vault: { secret_id: ref('azurerm_key_vault_secret', 'key', 'versionless_id') },
      }),
    ],
  },
  {
    rule: 'AOAI-APIM-006',
    name: 'a plain-text secret value is flagged',
    expect: 'non-compliant',
    target: 'azurerm_api_management_named_value.key',
    resources: [
      r('azurerm_api_management_named_value', 'key', { name: 'backend-key', display_name: 'backend-key', secret: true, value: 'abc123' }),
    ],
    message: /plain text/,
  },
  {
    rule: 'AOAI-APIM-006',
    name: 'a credential-looking value not marked secret is flagged',
    expect: 'non-compliant',
    target: 'azurerm_api_management_named_value.key',
    resources: [
      r('azurerm_api_management_named_value', 'key', { name: 'partner-api-token', display_name: 'partner-api-token', value: 'x' }),
    ],
    message: /looks like a credential but secret is not true/,
  },
  {
    rule: 'AOAI-APIM-007',
    name: 'azurerm diagnostic at 100%',
    expect: 'compliant',
    target: 'azurerm_api_management_diagnostic.ai',
    resources: [r('azurerm_api_management_diagnostic', 'ai', { identifier: 'applicationinsights', sampling_percentage: 100 })],
  },
  {
    rule: 'AOAI-APIM-007',
    name: 'azapi diagnostic at 100%',
    expect: 'compliant',
    target: 'azapi_resource.llm-diag',
    resources: azapiDiagnostic({ sampling: { samplingType: 'fixed', percentage: 100 } }),
  },
  {
    rule: 'AOAI-APIM-007',
    name: 'azapi diagnostic sampling 25% is flagged',
    expect: 'non-compliant',
    target: 'azapi_resource.llm-diag',
    resources: azapiDiagnostic({ sampling: { samplingType: 'fixed', percentage: 25 } }),
    message: /sampling percentage must be 100, found 25/,
  },
  {
    rule: 'AOAI-APIM-007',
    name: 'an azapi resource of another type is not applicable',
    expect: 'not-applicable',
    target: 'azapi_resource.pool',
    resources: [
      r('azapi_resource', 'pool', {
        type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
        body: { properties: { type: 'Pool' } },
      }),
    ],
  },
  {
    rule: 'AOAI-APIM-008',
    name: 'logged api-key header and subscription-key query are masked',
    expect: 'compliant',
    target: 'azurerm_api_management_api_diagnostic.openai',
    resources: [r('azurerm_api_management_api_diagnostic', 'openai', { sampling_percentage: 100, frontend_request: maskedFrontend })],
  },
  {
    rule: 'AOAI-APIM-008',
    name: 'an unmasked Authorization header is flagged (azapi)',
    expect: 'non-compliant',
    target: 'azapi_resource.llm-diag',
    resources: azapiDiagnostic({
      frontend: { request: { headers: ['Authorization'], dataMasking: { queryParams: [{ mode: 'Mask', value: 'subscription-key' }] } } },
    }),
    message: /frontend_request logs header "Authorization" without masking it/,
  },
  {
    rule: 'AOAI-APIM-008',
    name: 'a frontend request without query masking is flagged',
    expect: 'non-compliant',
    target: 'azurerm_api_management_api_diagnostic.openai',
    resources: [r('azurerm_api_management_api_diagnostic', 'openai', { frontend_request: { body_bytes: 8192 } })],
    message: /does not mask the query parameter "subscription-key"/,
  },
  {
    rule: 'AOAI-APIM-009',
    name: 'backend URL from the account endpoint',
    expect: 'compliant',
    target: 'azurerm_api_management_backend.oai',
    resources: [
      r('azurerm_cognitive_account', 'oai', {}),
      r('azurerm_api_management_backend', 'oai', { protocol: 'http', url: '${azurerm_cognitive_account.oai.endpoint}' }),
    ],
  },
  {
    rule: 'AOAI-APIM-009',
    name: 'literal https URL (azapi single backend)',
    expect: 'compliant',
    target: 'azapi_resource.be',
    resources: [
      r('azapi_resource', 'be', {
        type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
        body: { properties: { type: 'Single', protocol: 'http', url: 'https://oai.openai.azure.com/openai' } },
      }),
    ],
  },
  {
    rule: 'AOAI-APIM-009',
    name: 'an http URL is flagged',
    expect: 'non-compliant',
    target: 'azurerm_api_management_backend.oai',
    resources: [r('azurerm_api_management_backend', 'oai', { protocol: 'http', url: 'http://10.0.2.4/openai' })],
    message: /url must start with https:\/\/, found "http:\/\/10\.0\.2\.4\/openai"/,
  },
  {
    rule: 'AOAI-APIM-009',
    name: 'a backend pool has no URL of its own',
    expect: 'not-applicable',
    target: 'azapi_resource.pool',
    resources: [
      r('azapi_resource', 'pool', {
        type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
        body: { properties: { type: 'Pool' } },
      }),
    ],
  },
  {
    rule: 'AOAI-APIM-010',
    name: 'certificate validation left on',
    expect: 'compliant',
    target: 'azurerm_api_management_backend.oai',
    resources: [
      r('azurerm_api_management_backend', 'oai', {
        url: 'https://x',
        tls: { validate_certificate_chain: true, validate_certificate_name: true },
      }),
    ],
  },
  {
    rule: 'AOAI-APIM-010',
    name: 'name validation off (azapi) is flagged',
    expect: 'non-compliant',
    target: 'azapi_resource.be',
    resources: [
      r('azapi_resource', 'be', {
        type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
        body: JSON.stringify({ properties: { url: 'https://x', tls: { validateCertificateName: false } } }),
      }),
    ],
    message: /tls\.validateCertificateName must be true, found false/,
  },
  {
    rule: 'AOAI-APIM-011',
    name: 'https only',
    expect: 'compliant',
    target: 'azurerm_api_management_api.openai',
    resources: [r('azurerm_api_management_api', 'openai', { protocols: ['https'] })],
  },
  {
    rule: 'AOAI-APIM-011',
    name: 'http allowed is flagged',
    expect: 'non-compliant',
    target: 'azurerm_api_management_api.openai',
    resources: [r('azurerm_api_management_api', 'openai', { protocols: ['http', 'https'] })],
    message: /protocols include "http"/,
  },
  {
    rule: 'AOAI-APIM-012',
    name: 'sample products and API deleted',
    expect: 'compliant',
    target: APIM,
    resources: [...service({}), ...sampleDeletes(['products/starter', 'products/unlimited', 'apis/echo-api'])],
  },
  {
    rule: 'AOAI-APIM-012',
    name: 'a sample left in place is flagged',
    expect: 'non-compliant',
    target: APIM,
    resources: [...service({}), ...sampleDeletes(['products/starter', 'apis/echo-api'])],
    message: /^no azapi_resource_action deletes products\/unlimited$/,
  },
  {
    rule: 'AOAI-APIM-012',
    name: 'a delete aimed at another service does not count',
    expect: 'non-compliant',
    target: APIM,
    resources: [
      ...service({}),
      r('azurerm_api_management', 'other', goodService),
      ...sampleDeletes(['products/starter', 'products/unlimited', 'apis/echo-api'], 'other'),
    ],
    message: /deletes products\/starter; .*products\/unlimited; .*apis\/echo-api/,
  },
  {
    rule: 'AOAI-APIM-013',
    name: 'basic auth off and sign-in required',
    expect: 'compliant',
    target: APIM,
    resources: [...service({}), portalConfig({ enableBasicAuth: false, signin: { require: true } })],
  },
  {
    rule: 'AOAI-APIM-013',
    name: 'username and password left on is flagged',
    expect: 'non-compliant',
    target: APIM,
    resources: [...service({}), portalConfig({ enableBasicAuth: true, signin: { require: true } })],
    message: /enableBasicAuth = false and signin\.require = true/,
  },
  {
    rule: 'AOAI-APIM-013',
    name: 'no portal configuration at all is flagged',
    expect: 'non-compliant',
    target: APIM,
    resources: service({}),
    message: /^no azapi_resource_action sets portalconfigs\/default/,
  },
];
