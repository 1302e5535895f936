import { Environment } from '../../lib/environment';
import {
  type Attributes,
  onlyResource,
  rawEnvironment,
  resourcesOf,
  SHIPPED_ENVIRONMENTS,
  shippedConfig,
  type StackJson,
  stackOf,
  synthesizeConfigs,
  synthShipped,
  validate,
} from '../helpers/synth';

type Raw = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped on purpose: tests edit raw YAML data freely
type Loose = Raw & Record<string, any>;

const edge = (env: string): StackJson => stackOf(synthShipped(), `${env}-edge`);
const gatewayOf = (env: string): Attributes => onlyResource(edge(env), 'azurerm_application_gateway');
const wafOf = (env: string): Attributes => onlyResource(edge(env), 'azurerm_web_application_firewall_policy');
const naming = (env: string) => new Environment(shippedConfig(env)).naming;

/** The Terraform address (`type.name`) of the only resource of a type, as other resources reference it. */
function addressOf(stack: StackJson, type: string): string {
  const names = Object.keys(resourcesOf(stack, type));
  expect(names).toHaveLength(1);
  return `${type}.${names[0]}`;
}

/** A reference to an output of another layer's stack, read through remote state. */
function remote(env: string, layer: string, output: RegExp): RegExp {
  return new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${env}-${layer}\\.outputs\\.${output.source}\\}`);
}

const vaultId = (env: string) => remote(env, 'data', /cross-stack-output-azurerm_key_vault[^.}]*id/);
const vaultUri = (env: string) => remote(env, 'data', /cross-stack-output-azurerm_key_vault[^.}]*vault_uri/);

function list(value: unknown): Attributes[] {
  expect(Array.isArray(value)).toBe(true);
  return value as Attributes[];
}

function byName(items: unknown, name: string): Attributes {
  const found = list(items).filter((item) => item.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** One environment synthesized after a change to its raw configuration. */
function edgeWith(mutate: (raw: Loose) => void, base: 'dev' | 'prod' = 'dev'): StackJson {
  const raw = rawEnvironment(base) as Loose;
  mutate(raw);
  const config = validate(raw);
  return stackOf(synthesizeConfigs([config]), `${config.name}-edge`);
}

describe('public IP and gateway sizing', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: a Standard static IP in the zones of the gateway', (env) => {
    const config = shippedConfig(env).applicationGateway;
    const ip = onlyResource(edge(env), 'azurerm_public_ip');
    expect(ip).toMatchObject({ sku: 'Standard', allocation_method: 'Static', name: naming(env).publicIp('agw') });
    expect(ip.domain_name_label).toBe(naming(env).domainNameLabel('agw'));
    const zones = config.zones.length > 0 ? config.zones : undefined;
    expect(ip.zones).toEqual(zones);
    expect(gatewayOf(env).zones).toEqual(zones);
  });

  it('prod is zone-redundant across three zones and keeps its public address on destroy', () => {
    expect(onlyResource(edge('prod'), 'azurerm_public_ip').zones).toEqual(['1', '2', '3']);
    expect(gatewayOf('prod').zones).toEqual(['1', '2', '3']);
    expect(onlyResource(edge('prod'), 'azurerm_public_ip').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(edge('dev'), 'azurerm_public_ip').lifecycle).toEqual({ prevent_destroy: false });
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: WAF_v2 with the configured autoscale bounds', (env) => {
    const { autoscale } = shippedConfig(env).applicationGateway;
    const gateway = gatewayOf(env);
    expect(gateway.sku).toEqual({ name: 'WAF_v2', tier: 'WAF_v2' });
    expect(gateway.autoscale_configuration).toEqual({ min_capacity: autoscale.minCapacity, max_capacity: autoscale.maxCapacity });
    expect(gateway.name).toBe(naming(env).applicationGateway());
  });

  it('sits in the dedicated Application Gateway subnet of the network layer', () => {
    const [ipConfig] = list(gatewayOf('prod').gateway_ip_configuration);
    expect(ipConfig!.subnet_id).toMatch(
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-prod-network\.outputs\..*subnet-appgw.*id\}$/,
    );
  });
});

describe('identity and certificate', () => {
  it('a user-assigned identity with only Key Vault Secrets User on the vault', () => {
    const stack = edge('prod');
    const identity = addressOf(stack, 'azurerm_user_assigned_identity');
    const assignments = Object.values(resourcesOf(stack, 'azurerm_role_assignment'));
    expect(assignments).toEqual([
      expect.objectContaining({
        role_definition_name: 'Key Vault Secrets User',
        principal_id: `\${${identity}.principal_id}`,
        principal_type: 'ServicePrincipal',
        scope: expect.stringMatching(vaultId('prod')),
      }),
    ]);
    expect(gatewayOf('prod').identity).toEqual({ type: 'UserAssigned', identity_ids: [`\${${identity}.id}`] });
  });

  it('the gateway is created only after its identity may read the certificate, and the role has had time to apply', () => {
    const stack = edge('prod');
    const sleeps = resourcesOf(stack, 'time_sleep');
    const [name, sleep] = Object.entries(sleeps).find(([key]) => key.includes('key-vault-access-propagation'))!;
    expect(gatewayOf('prod').depends_on).toEqual([`time_sleep.${name}`]);
    expect(sleep.depends_on).toEqual([addressOf(stack, 'azurerm_role_assignment')]);
    expect(sleep.create_duration).toBe('120s');
  });

  it('a self-signed certificate is issued by the deploying identity, with the narrowest role, once that role applies', () => {
    const stack = edge('dev');
    const issuer = Object.entries(resourcesOf(stack, 'azurerm_role_assignment')).find(([key]) =>
      key.includes('deployer-certificates-officer'),
    )!;
    expect(issuer[1]).toMatchObject({
      role_definition_name: 'Key Vault Certificates Officer',
      principal_id: expect.stringMatching(/^\$\{data\.azurerm_client_config\.[^.]+\.object_id\}$/),
    });
    const [sleepName, sleep] = Object.entries(resourcesOf(stack, 'time_sleep')).find(([key]) => key.includes('issuer-access-propagation'))!;
    expect(sleep.depends_on).toEqual([`azurerm_role_assignment.${issuer[0]}`]);
    expect(onlyResource(stack, 'azurerm_key_vault_certificate').depends_on).toEqual([`time_sleep.${sleepName}`]);
    // A certificate imported by hand (prod) needs no data-plane role for the deployer.
    expect(Object.keys(resourcesOf(edge('prod'), 'azurerm_role_assignment'))).toHaveLength(1);
  });

  it("the vault is the data layer's, read from its state", () => {
    expect(edge('prod').data?.azurerm_key_vault).toBeUndefined();
    expect(Object.keys(edge('prod').data?.terraform_remote_state ?? {})).toContain('cross-stack-reference-input-prod-data');
  });

  it('keyVault source: the versionless secret id of the named certificate, nothing created', () => {
    expect(resourcesOf(edge('prod'), 'azurerm_key_vault_certificate')).toEqual({});
    const [certificate] = list(gatewayOf('prod').ssl_certificate);
    expect(certificate!.name).toBe('gateway-tls');
    expect(certificate!.key_vault_secret_id).toMatch(new RegExp(`${vaultUri('prod').source}secrets/gateway-tls$`));
  });

  it('selfSigned source: Key Vault issues and renews a certificate for the host name', () => {
    const stack = edge('dev');
    const certificate = onlyResource(stack, 'azurerm_key_vault_certificate');
    const host = shippedConfig('dev').applicationGateway.hostName;
    expect(certificate.key_vault_id).toMatch(new RegExp(`${vaultId('dev').source}$`));
    expect(certificate.name).toBe(naming('dev').keyVaultCertificate('agw'));
    expect(certificate.certificate).toBeUndefined();
    expect(certificate.certificate_policy).toMatchObject({
      issuer_parameters: { name: 'Self' },
      key_properties: { exportable: true, key_type: 'RSA', key_size: 2048 },
      secret_properties: { content_type: 'application/x-pkcs12' },
      lifetime_action: [{ action: { action_type: 'AutoRenew' }, trigger: { days_before_expiry: 30 } }],
      x509_certificate_properties: {
        subject: `CN=${host}`,
        subject_alternative_names: { dns_names: [host] },
        extended_key_usage: ['1.3.6.1.5.5.7.3.1'],
      },
    });
    expect(list(gatewayOf('dev').ssl_certificate)).toEqual([
      { name: 'gateway-tls', key_vault_secret_id: `\${${addressOf(stack, 'azurerm_key_vault_certificate')}.versionless_secret_id}` },
    ]);
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: no certificate data, password or key in the output', (env) => {
    const resources = JSON.stringify(edge(env).resource);
    expect(resources).not.toMatch(/"(data|password|contents|pfx_blob)":/);
    for (const certificate of list(gatewayOf(env).ssl_certificate)) {
      expect(Object.keys(certificate).sort()).toEqual(['key_vault_secret_id', 'name']);
    }
  });
});

describe('WAF policy', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: attached to the gateway and enforced', (env) => {
    const stack = edge(env);
    const gateway = gatewayOf(env);
    expect(gateway.firewall_policy_id).toBe(`\${${addressOf(stack, 'azurerm_web_application_firewall_policy')}.id}`);
    expect(gateway.force_firewall_policy_association).toBe(true);
    // Listeners and path rules inherit the gateway's policy; none may bring another one.
    for (const listener of list(gateway.http_listener)) {
      expect(listener.firewall_policy_id).toBeUndefined();
    }
    expect(gateway.waf_configuration).toBeUndefined();
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: mode, rule set and body limits from configuration', (env) => {
    const { waf } = shippedConfig(env).applicationGateway;
    const policy = wafOf(env);
    expect(policy.name).toBe(naming(env).wafPolicy());
    expect(policy.policy_settings).toMatchObject({
      enabled: true,
      mode: waf.mode,
      request_body_check: true,
      request_body_enforcement: true,
      max_request_body_size_in_kb: waf.maxRequestBodySizeKb,
      request_body_inspect_limit_in_kb: waf.maxRequestBodySizeKb,
      file_upload_limit_in_mb: waf.fileUploadLimitMb,
    });
    expect((policy.managed_rules as Attributes).managed_rule_set).toEqual([
      { type: waf.ruleSet.type, version: waf.ruleSet.version },
      { type: 'Microsoft_BotManagerRuleSet', version: '1.0' },
    ]);
  });

  it('every shipped environment prevents, with Microsoft DRS 2.1 and a 2 MB inspected body', () => {
    for (const env of SHIPPED_ENVIRONMENTS) {
      const policy = wafOf(env);
      expect((policy.policy_settings as Attributes).mode).toBe('Prevention');
      expect((policy.policy_settings as Attributes).max_request_body_size_in_kb).toBe(2000);
      expect(list((policy.managed_rules as Attributes).managed_rule_set)[0]).toEqual({ type: 'Microsoft_DefaultRuleSet', version: '2.1' });
    }
  });

  it('Detection and OWASP 3.2 when a non-production environment asks for them', () => {
    const policy = onlyResource(
      edgeWith((r) => {
        r.applicationGateway.waf.mode = 'Detection';
        r.applicationGateway.waf.ruleSet = { type: 'OWASP', version: '3.2' };
        r.applicationGateway.waf.maxRequestBodySizeKb = 512;
      }),
      'azurerm_web_application_firewall_policy',
    );
    expect(policy.policy_settings).toMatchObject({
      mode: 'Detection',
      max_request_body_size_in_kb: 512,
      request_body_inspect_limit_in_kb: 512,
    });
    const rules = policy.managed_rules as Attributes;
    expect(rules.managed_rule_set).toEqual([
      { type: 'OWASP', version: '3.2' },
      { type: 'Microsoft_BotManagerRuleSet', version: '1.0' },
    ]);
    for (const exclusion of list(rules.exclusion)) {
      expect(exclusion.excluded_rule_set).toMatchObject({ type: 'OWASP', version: '3.2' });
      const groups = list((exclusion.excluded_rule_set as Attributes).rule_group).map((g) => g.rule_group_name);
      expect(groups).toContain('REQUEST-942-APPLICATION-ATTACK-SQLI');
      expect(groups.every((g) => typeof g === 'string' && g.startsWith('REQUEST-9'))).toBe(true);
    }
  });

  it('exclusions are scoped to the OpenAI text fields and to named rule groups only', () => {
    const rules = wafOf('prod').managed_rules as Attributes;
    const exclusions = list(rules.exclusion);
    expect(exclusions.map((e) => [e.match_variable, e.selector, e.selector_match_operator])).toEqual([
      ['RequestArgValues', 'messages', 'StartsWith'],
      ['RequestArgValues', 'prompt', 'StartsWith'],
      ['RequestArgValues', 'input', 'StartsWith'],
    ]);
    for (const exclusion of exclusions) {
      const set = exclusion.excluded_rule_set as Attributes;
      expect(set).toMatchObject({ type: 'Microsoft_DefaultRuleSet', version: '2.1' });
      const groups = list(set.rule_group).map((g) => g.rule_group_name);
      expect(groups).toEqual(expect.arrayContaining(['SQLI', 'XSS', 'RCE']));
      // Protocol, method and general checks keep inspecting prompts: an exclusion never covers them.
      for (const kept of [
        'General',
        'METHOD-ENFORCEMENT',
        'PROTOCOL-ENFORCEMENT',
        'PROTOCOL-ATTACK',
        'MS-ThreatIntel-WebShells',
        'MS-ThreatIntel-CVEs',
      ]) {
        expect(groups).not.toContain(kept);
      }
    }
    // No rule is switched off for every request, and no exclusion matches everything.
    for (const set of list(rules.managed_rule_set)) {
      expect(set.rule_group_override).toBeUndefined();
    }
    expect(exclusions.some((e) => e.selector_match_operator === 'EqualsAny')).toBe(false);
  });

  it('credentials are masked in the firewall log', () => {
    const scrubbing = (wafOf('prod').policy_settings as Attributes).log_scrubbing as Attributes;
    expect(scrubbing.enabled).toBe(true);
    expect(list(scrubbing.rule).map((r) => [r.match_variable, r.selector_match_operator, r.selector])).toEqual([
      ['RequestHeaderNames', 'Equals', 'Authorization'],
      ['RequestHeaderNames', 'Equals', 'api-key'],
      ['RequestHeaderNames', 'Equals', 'Ocp-Apim-Subscription-Key'],
    ]);
  });

  it.each(['test', 'prod'] as const)('%s: a per-client-IP rate limit at the configured threshold', (env) => {
    const threshold = shippedConfig(env).applicationGateway.waf.rateLimitPerMinute;
    expect(threshold).toBeGreaterThan(0);
    expect(list(wafOf(env).custom_rules)).toEqual([
      expect.objectContaining({
        rule_type: 'RateLimitRule',
        action: 'Block',
        rate_limit_duration: 'OneMin',
        rate_limit_threshold: threshold,
        group_rate_limit_by: 'ClientAddr',
        match_conditions: [
          expect.objectContaining({ match_variables: [{ variable_name: 'RemoteAddr' }], operator: 'IPMatch', match_values: ['0.0.0.0/0'] }),
        ],
      }),
    ]);
  });

  it('dev: no rate limit when none is configured', () => {
    expect(shippedConfig('dev').applicationGateway.waf.rateLimitPerMinute).toBeUndefined();
    expect(wafOf('dev').custom_rules).toBeUndefined();
  });
});

describe('listeners', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: HTTPS on 443 for the public host name with the 2022 strict TLS policy', (env) => {
    const gateway = gatewayOf(env);
    const host = shippedConfig(env).applicationGateway.hostName;
    const https = byName(gateway.http_listener, 'https');
    expect(https).toMatchObject({
      protocol: 'Https',
      host_name: host,
      ssl_certificate_name: 'gateway-tls',
      frontend_ip_configuration_name: 'public',
    });
    expect(byName(gateway.frontend_port, https.frontend_port_name as string).port).toBe(443);
    expect(gateway.ssl_policy).toEqual({ policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101S' });
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: HTTP on 80 only redirects to HTTPS', (env) => {
    const gateway = gatewayOf(env);
    const http = byName(gateway.http_listener, 'http');
    expect(http.protocol).toBe('Http');
    expect(byName(gateway.frontend_port, http.frontend_port_name as string).port).toBe(80);
    const rule = list(gateway.request_routing_rule).filter((r) => r.http_listener_name === 'http');
    expect(rule).toHaveLength(1);
    expect(rule[0]!.backend_address_pool_name).toBeUndefined();
    expect(byName(gateway.redirect_configuration, rule[0]!.redirect_configuration_name as string)).toEqual({
      name: 'http-to-https',
      redirect_type: 'Permanent',
      target_listener_name: 'https',
      include_path: true,
      include_query_string: true,
    });
  });

  it('the only frontend is the public IP, and every rule has a priority (required for v2)', () => {
    const stack = edge('prod');
    const gateway = gatewayOf('prod');
    expect(gateway.frontend_ip_configuration).toEqual([
      { name: 'public', public_ip_address_id: `\${${addressOf(stack, 'azurerm_public_ip')}.id}` },
    ]);
    const priorities = list(gateway.request_routing_rule).map((r) => r.priority);
    expect(priorities.every((p) => typeof p === 'number')).toBe(true);
    expect(new Set(priorities).size).toBe(priorities.length);
  });
});

describe('backend: API Management, privately', () => {
  it.each(SHIPPED_ENVIRONMENTS)("%s: the pool is API Management's internal gateway host and nothing else", (env) => {
    const pools = list(gatewayOf(env).backend_address_pool);
    expect(pools).toEqual([{ name: 'api-management', fqdns: [naming(env).apiManagementGatewayHostName()] }]);
    expect(naming(env).apiManagementGatewayHostName()).toBe(`${naming(env).apiManagement()}.azure-api.net`);
  });

  it('the backend host resolves through the private azure-api.net zone linked to the virtual network', () => {
    const network = stackOf(synthShipped(), 'prod-network');
    const zones = Object.entries(resourcesOf(network, 'azurerm_private_dns_zone')).filter(([, zone]) => zone.name === 'azure-api.net');
    expect(zones).toHaveLength(1);
    const links = Object.values(resourcesOf(network, 'azurerm_private_dns_zone_virtual_network_link')).filter(
      (link) => link.private_dns_zone_name === `\${azurerm_private_dns_zone.${zones[0]![0]}.name}`,
    );
    expect(links).toHaveLength(1);
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: HTTPS 443 with the backend host name and the configured timeout', (env) => {
    const gateway = gatewayOf(env);
    const rule = byName(gateway.request_routing_rule, 'https-to-api-management');
    expect(rule).toMatchObject({ http_listener_name: 'https', backend_address_pool_name: 'api-management' });
    const settings = byName(gateway.backend_http_settings, rule.backend_http_settings_name as string);
    expect(settings).toMatchObject({
      protocol: 'Https',
      port: 443,
      pick_host_name_from_backend_address: true,
      request_timeout: shippedConfig(env).applicationGateway.requestTimeoutSeconds,
      cookie_based_affinity: 'Disabled',
    });
    expect(settings.host_name).toBeUndefined();
    expect(settings.request_timeout).toBeGreaterThanOrEqual(300);
  });

  it.each(SHIPPED_ENVIRONMENTS)("%s: the health probe asks API Management's status endpoint with its host name", (env) => {
    const gateway = gatewayOf(env);
    const settings = byName(gateway.backend_http_settings, 'api-management-https');
    const probe = byName(gateway.probe, settings.probe_name as string);
    expect(probe).toMatchObject({ protocol: 'Https', path: '/status-0123456789abcdef', pick_host_name_from_backend_http_settings: true });
    expect(probe.host).toBeUndefined();
  });

  it('a custom timeout reaches the backend settings', () => {
    const gateway = onlyResource(
      edgeWith((r) => (r.applicationGateway.requestTimeoutSeconds = 1800)),
      'azurerm_application_gateway',
    );
    expect(byName(gateway.backend_http_settings, 'api-management-https').request_timeout).toBe(1800);
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: responses stream unbuffered; requests stay buffered for the WAF', (env) => {
    expect(gatewayOf(env).global).toEqual({ response_buffering_enabled: false, request_buffering_enabled: true });
  });
});

describe('diagnostics', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: access, performance and firewall logs and all metrics to Log Analytics', (env) => {
    const stack = edge(env);
    const settings = Object.values(resourcesOf(stack, 'azurerm_monitor_diagnostic_setting'));
    const forGateway = settings.filter((s) => s.target_resource_id === `\${${addressOf(stack, 'azurerm_application_gateway')}.id}`);
    expect(forGateway).toHaveLength(1);
    expect(forGateway[0]).toMatchObject({
      log_analytics_destination_type: 'Dedicated',
      enabled_metric: [{ category: 'AllMetrics' }],
    });
    expect(list(forGateway[0]!.enabled_log).map((l) => l.category)).toEqual([
      'ApplicationGatewayAccessLog',
      'ApplicationGatewayPerformanceLog',
      'ApplicationGatewayFirewallLog',
    ]);
    expect(forGateway[0]!.log_analytics_workspace_id).toMatch(
      new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${env}-monitoring\\.outputs\\..*workspace.*id\\}$`),
    );
  });

  it('the public IP has its own diagnostic setting', () => {
    const stack = edge('prod');
    const settings = Object.values(resourcesOf(stack, 'azurerm_monitor_diagnostic_setting'));
    expect(settings.filter((s) => s.target_resource_id === `\${${addressOf(stack, 'azurerm_public_ip')}.id}`)).toHaveLength(1);
  });
});

describe('outputs', () => {
  it('the address, its Azure DNS name and the public host name', () => {
    const stack = edge('prod');
    const ip = addressOf(stack, 'azurerm_public_ip');
    // Later layers' references add cross-stack outputs next to these.
    expect(stack.output).toEqual(
      expect.objectContaining({
        'public-ip-address': expect.objectContaining({ value: `\${${ip}.ip_address}` }),
        'public-fqdn': expect.objectContaining({ value: `\${${ip}.fqdn}` }),
        'host-name': expect.objectContaining({ value: 'aoai.contoso.com' }),
      }),
    );
  });
});
