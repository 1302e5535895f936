import { r, ref, type RuleCase } from '../fixtures';

const goodGateway = {
  name: 'agw-aoaigw-dev',
  sku: { name: 'WAF_v2', tier: 'WAF_v2' },
  firewall_policy_id: ref('azurerm_web_application_firewall_policy', 'waf'),
  ssl_policy: { policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101S' },
  frontend_port: [
    { name: 'https', port: 443 },
    { name: 'http', port: 80 },
  ],
  http_listener: [
    { name: 'https', protocol: 'Https', frontend_port_name: 'https' },
    { name: 'http', protocol: 'Http', frontend_port_name: 'http' },
  ],
  redirect_configuration: [{ name: 'to-https', redirect_type: 'Permanent', target_listener_name: 'https' }],
  request_routing_rule: [
    { name: 'api', rule_type: 'Basic', http_listener_name: 'https', backend_address_pool_name: 'apim', backend_http_settings_name: 'apim' },
    { name: 'redirect', rule_type: 'Basic', http_listener_name: 'http', redirect_configuration_name: 'to-https' },
  ],
  backend_address_pool: [{ name: 'apim', fqdns: ['apim-aoaigw-dev.azure-api.net'] }],
  backend_http_settings: [{ name: 'apim', protocol: 'Https', port: 443 }],
};

const zone = r('azurerm_private_dns_zone', 'apim-zone', { name: 'azure-api.net' }, 'dev-network');
const gateway = (overrides: Record<string, unknown>) => [zone, r('azurerm_application_gateway', 'agw', { ...goodGateway, ...overrides })];
const AGW = 'azurerm_application_gateway.agw';

const goodPolicy = {
  name: 'waf-aoaigw-dev',
  policy_settings: { enabled: true, mode: 'Prevention', request_body_check: true, max_request_body_size_in_kb: 2000 },
  managed_rules: {
    managed_rule_set: [
      { type: 'Microsoft_DefaultRuleSet', version: '2.1' },
      { type: 'Microsoft_BotManagerRuleSet', version: '1.1' },
    ],
  },
};
const policy = (overrides: Record<string, unknown>) => [
  r('azurerm_web_application_firewall_policy', 'waf', { ...goodPolicy, ...overrides }),
];
const WAF = 'azurerm_web_application_firewall_policy.waf';

export const edgeCases: RuleCase[] = [
  { rule: 'AOAI-AGW-001', name: 'WAF_v2', expect: 'compliant', target: AGW, resources: gateway({}) },
  {
    rule: 'AOAI-AGW-001',
    name: 'Standard_v2 is flagged',
    expect: 'non-compliant',
    target: AGW,
    resources: gateway({ sku: { name: 'Standard_v2', tier: 'Standard_v2' } }),
    message: /sku\.name must be "WAF_v2", found "Standard_v2"; sku\.tier/,
  },
  { rule: 'AOAI-AGW-002', name: 'policy on the gateway', expect: 'compliant', target: AGW, resources: gateway({}) },
  {
    rule: 'AOAI-AGW-002',
    name: 'policy on every listener',
    expect: 'compliant',
    target: AGW,
    resources: gateway({
      firewall_policy_id: undefined,
      http_listener: goodGateway.http_listener.map((l) => ({
        ...l,
        firewall_policy_id: ref('azurerm_web_application_firewall_policy', 'waf'),
      })),
    }),
  },
  {
    rule: 'AOAI-AGW-002',
    name: 'legacy waf_configuration without policy is flagged',
    expect: 'non-compliant',
    target: AGW,
    resources: gateway({ firewall_policy_id: undefined, waf_configuration: { enabled: true, firewall_mode: 'Prevention' } }),
    message: /firewall_policy_id is not set, nor on listener\(s\) https, http \(waf_configuration is the legacy form/,
  },
  { rule: 'AOAI-AGW-003', name: 'predefined 2022 strict policy', expect: 'compliant', target: AGW, resources: gateway({}) },
  {
    rule: 'AOAI-AGW-003',
    name: 'CustomV2 with TLS 1.3 minimum',
    expect: 'compliant',
    target: AGW,
    resources: gateway({ ssl_policy: { policy_type: 'CustomV2', min_protocol_version: 'TLSv1_3' } }),
  },
  {
    rule: 'AOAI-AGW-003',
    name: 'the 2015 predefined policy is flagged',
    expect: 'non-compliant',
    target: AGW,
    resources: gateway({ ssl_policy: { policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20150501' } }),
    message: /ssl_policy\.policy_name must be one of .*found "AppGwSslPolicy20150501"/,
  },
  {
    rule: 'AOAI-AGW-003',
    name: 'a missing policy is flagged',
    expect: 'non-compliant',
    target: AGW,
    resources: gateway({ ssl_policy: undefined }),
    message: /ssl_policy is not set/,
  },
  { rule: 'AOAI-AGW-004', name: 'HTTP listener redirects to the HTTPS listener', expect: 'compliant', target: AGW, resources: gateway({}) },
  {
    rule: 'AOAI-AGW-004',
    name: 'HTTP listener routed to the backend is flagged',
    expect: 'non-compliant',
    target: AGW,
    resources: gateway({
      request_routing_rule: [
        {
          name: 'plain',
          rule_type: 'Basic',
          http_listener_name: 'http',
          backend_address_pool_name: 'apim',
          backend_http_settings_name: 'apim',
        },
      ],
    }),
    message: /rule "plain" serves HTTP listener "http" without a redirect/,
  },
  {
    rule: 'AOAI-AGW-004',
    name: 'redirect to an http:// URL is flagged',
    expect: 'non-compliant',
    target: AGW,
    resources: gateway({ redirect_configuration: [{ name: 'to-https', redirect_type: 'Permanent', target_url: 'http://example.com' }] }),
    message: /redirects HTTP listener "http" to http:\/\/example\.com, which is not HTTPS/,
  },
  {
    rule: 'AOAI-AGW-005',
    name: 'APIM host in a private DNS zone of another stack',
    expect: 'compliant',
    target: AGW,
    resources: gateway({}),
  },
  {
    rule: 'AOAI-AGW-005',
    name: 'backend referring to the internal APIM private address',
    expect: 'compliant',
    target: AGW,
    resources: [
      r('azurerm_api_management', 'apim', { virtual_network_type: 'Internal' }),
      r('azurerm_application_gateway', 'agw', {
        ...goodGateway,
        backend_address_pool: [{ name: 'apim', ip_addresses: ['${azurerm_api_management.apim.private_ip_addresses[0]}'] }],
      }),
    ],
  },
  {
    rule: 'AOAI-AGW-005',
    name: 'public IP and public host are flagged',
    expect: 'non-compliant',
    target: AGW,
    resources: gateway({ backend_address_pool: [{ name: 'apim', ip_addresses: ['20.1.2.3'], fqdns: ['api.contoso.com'] }] }),
    message: /public address 20\.1\.2\.3; pool "apim" host api\.contoso\.com is in no private DNS zone/,
  },
  { rule: 'AOAI-AGW-006', name: 'HTTPS to backends', expect: 'compliant', target: AGW, resources: gateway({}) },
  {
    rule: 'AOAI-AGW-006',
    name: 'HTTP to backends is flagged',
    expect: 'non-compliant',
    target: AGW,
    resources: gateway({ backend_http_settings: [{ name: 'apim', protocol: 'Http', port: 80 }] }),
    message: /backend_http_settings "apim" uses "Http", not Https/,
  },
  { rule: 'AOAI-WAF-001', name: 'enabled with body inspection', expect: 'compliant', target: WAF, resources: policy({}) },
  {
    rule: 'AOAI-WAF-001',
    name: 'body inspection off is flagged',
    expect: 'non-compliant',
    target: WAF,
    resources: policy({ policy_settings: { enabled: true, request_body_check: false } }),
    message: /policy_settings\.request_body_check must be true, found false/,
  },
  { rule: 'AOAI-WAF-002', name: 'Prevention', expect: 'compliant', target: WAF, resources: policy({}) },
  {
    rule: 'AOAI-WAF-002',
    name: 'Detection is flagged',
    expect: 'non-compliant',
    target: WAF,
    resources: policy({ policy_settings: { enabled: true, mode: 'Detection' } }),
    message: /policy_settings\.mode must be "Prevention", found "Detection"/,
  },
  { rule: 'AOAI-WAF-003', name: 'DRS 2.1', expect: 'compliant', target: WAF, resources: policy({}) },
  {
    rule: 'AOAI-WAF-003',
    name: 'DRS 2.2 is newer than the minimum',
    expect: 'compliant',
    target: WAF,
    resources: policy({ managed_rules: { managed_rule_set: [{ type: 'Microsoft_DefaultRuleSet', version: '2.2' }] } }),
  },
  {
    rule: 'AOAI-WAF-003',
    name: 'OWASP 3.1 (type left at the provider default) is flagged',
    expect: 'non-compliant',
    target: WAF,
    resources: policy({ managed_rules: { managed_rule_set: [{ version: '3.1' }] } }),
    message: /OWASP 3\.1 is outdated; use OWASP 3\.2 or later/,
  },
  { rule: 'AOAI-WAF-004', name: 'bot manager present', expect: 'compliant', target: WAF, resources: policy({}) },
  {
    rule: 'AOAI-WAF-004',
    name: 'no bot manager is flagged',
    expect: 'non-compliant',
    target: WAF,
    resources: policy({ managed_rules: { managed_rule_set: [{ type: 'Microsoft_DefaultRuleSet', version: '2.1' }] } }),
    message: /no Microsoft_BotManagerRuleSet/,
  },
];
