import { r, type RuleCase } from '../fixtures';

const goodAccount = {
  name: 'oai-aoaigw-dev-sdc',
  kind: 'OpenAI',
  sku_name: 'S0',
  custom_subdomain_name: 'oai-aoaigw-dev-sdc',
  public_network_access_enabled: false,
  local_auth_enabled: false,
  outbound_network_access_restricted: true,
  network_acls: { default_action: 'Deny' },
  identity: { type: 'SystemAssigned' },
};

const account = (overrides: Record<string, unknown>) => [r('azurerm_cognitive_account', 'oai', { ...goodAccount, ...overrides })];
const OAI = 'azurerm_cognitive_account.oai';

export const openAiCases: RuleCase[] = [
  { rule: 'AOAI-OAI-001', name: 'public access off', expect: 'compliant', target: OAI, resources: account({}) },
  {
    rule: 'AOAI-OAI-001',
    name: 'public access on by default is flagged',
    expect: 'non-compliant',
    target: OAI,
    resources: account({ public_network_access_enabled: undefined }),
    message: /public_network_access_enabled must be false, found not set \(provider default true\)/,
  },
  { rule: 'AOAI-OAI-002', name: 'keys disabled', expect: 'compliant', target: OAI, resources: account({}) },
  {
    rule: 'AOAI-OAI-002',
    name: 'keys enabled is flagged',
    expect: 'non-compliant',
    target: OAI,
    resources: account({ local_auth_enabled: true }),
    message: /local_auth_enabled must be false, found true/,
  },
  { rule: 'AOAI-OAI-003', name: 'custom subdomain set', expect: 'compliant', target: OAI, resources: account({}) },
  {
    rule: 'AOAI-OAI-003',
    name: 'custom subdomain from an expression counts as set',
    expect: 'compliant',
    target: OAI,
    resources: account({ custom_subdomain_name: '${lower(var.name)}' }),
  },
  {
    rule: 'AOAI-OAI-003',
    name: 'missing custom subdomain is flagged',
    expect: 'non-compliant',
    target: OAI,
    resources: account({ custom_subdomain_name: undefined }),
    message: /custom_subdomain_name is not set/,
  },
  { rule: 'AOAI-OAI-004', name: 'ACL Deny', expect: 'compliant', target: OAI, resources: account({}) },
  {
    rule: 'AOAI-OAI-004',
    name: 'no ACL is flagged',
    expect: 'non-compliant',
    target: OAI,
    resources: account({ network_acls: undefined }),
    message: /network_acls is not set/,
  },
  { rule: 'AOAI-OAI-005', name: 'system-assigned identity', expect: 'compliant', target: OAI, resources: account({}) },
  {
    rule: 'AOAI-OAI-005',
    name: 'no identity is flagged',
    expect: 'non-compliant',
    target: OAI,
    resources: account({ identity: undefined }),
    message: /found no identity/,
  },
  { rule: 'AOAI-OAI-006', name: 'outbound restricted', expect: 'compliant', target: OAI, resources: account({}) },
  {
    rule: 'AOAI-OAI-006',
    name: 'outbound open is flagged',
    expect: 'non-compliant',
    target: OAI,
    resources: account({ outbound_network_access_restricted: undefined }),
    message: /outbound_network_access_restricted must be true/,
  },
  {
    rule: 'AOAI-OAI-006',
    name: 'other Cognitive Services kinds are not checked',
    expect: 'not-applicable',
    target: OAI,
    resources: account({ kind: 'TextAnalytics', outbound_network_access_restricted: undefined }),
  },
];
