import { Testing } from 'cdktf';

import { ApplicationGateway, HEALTH_PROBE_PATH, SSL_POLICY_NAME } from '../../constructs/edge/application-gateway';
import { GatewayCertificate, versionlessSecretId } from '../../constructs/edge/certificate';
import {
  OPENAI_TEXT_FIELDS,
  openAiBodyExclusions,
  RATE_LIMIT_RULE_NAME,
  rateLimitRule,
  TEXT_FIELD_EXCLUDED_GROUPS,
  WafPolicy,
} from '../../constructs/edge/waf-policy';
import { accepts } from '../../lib/azure/provider-validators';
import { WAF_RULE_GROUP_NAME } from '../../lib/azure/provider-validators/shared';
import { checkName, Naming } from '../../lib/naming';

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

function synth(build: (scope: Parameters<Parameters<typeof Testing.synthScope>[0]>[0]) => void): Json {
  return JSON.parse(Testing.synthScope(build)) as Json;
}

describe('OpenAI body exclusions', () => {
  it.each(Object.keys(TEXT_FIELD_EXCLUDED_GROUPS) as (keyof typeof TEXT_FIELD_EXCLUDED_GROUPS)[])(
    '%s: every excluded group is a rule group name azurerm accepts',
    (type) => {
      for (const group of TEXT_FIELD_EXCLUDED_GROUPS[type]) {
        expect(accepts(WAF_RULE_GROUP_NAME.check, group)).toBe(true);
      }
    },
  );

  it('the two rule sets exclude the same attack classes', () => {
    const classes = (groups: readonly string[]) =>
      new Set(
        groups.filter((g) => g !== 'NODEJS' && g !== 'MS-ThreatIntel-SQLI').map((g) => g.replace(/^REQUEST-\d+-APPLICATION-ATTACK-/, '')),
      );
    expect(classes(TEXT_FIELD_EXCLUDED_GROUPS.OWASP)).toEqual(classes(TEXT_FIELD_EXCLUDED_GROUPS.Microsoft_DefaultRuleSet));
  });

  it('one exclusion per text field, each bound to the configured rule set and version', () => {
    const exclusions = openAiBodyExclusions({ type: 'OWASP', version: '3.2' });
    expect(exclusions.map((e) => e.selector)).toEqual([...OPENAI_TEXT_FIELDS]);
    for (const exclusion of exclusions) {
      expect(exclusion.matchVariable).toBe('RequestArgValues');
      expect(exclusion.excludedRuleSet).toEqual({
        type: 'OWASP',
        version: '3.2',
        ruleGroup: TEXT_FIELD_EXCLUDED_GROUPS.OWASP.map((ruleGroupName) => ({ ruleGroupName })),
      });
    }
  });
});

describe('rate limit rule', () => {
  it('counts every client address per minute', () => {
    expect(rateLimitRule(120)).toMatchObject({
      name: RATE_LIMIT_RULE_NAME,
      ruleType: 'RateLimitRule',
      rateLimitDuration: 'OneMin',
      rateLimitThreshold: 120,
      groupRateLimitBy: 'ClientAddr',
      action: 'Block',
    });
  });

  it('fails on a threshold Azure would refuse', () => {
    expect(() => rateLimitRule(0)).toThrow('rate limit must be a whole number of requests per minute >= 1, got 0');
    expect(() => rateLimitRule(1.5)).toThrow(/got 1\.5$/);
  });
});

describe('WafPolicy', () => {
  const waf = {
    mode: 'Prevention',
    ruleSet: { type: 'Microsoft_DefaultRuleSet', version: '2.1' },
    maxRequestBodySizeKb: 1024,
    fileUploadLimitMb: 10,
  } as const;

  it('no custom rule without a rate limit, one with it', () => {
    const without = synth(
      (scope) => new WafPolicy(scope, 'waf', { name: 'waf-x', resourceGroupName: 'rg', location: 'swedencentral', waf }),
    );
    const policy = Object.values(without.resource!.azurerm_web_application_firewall_policy!)[0]!;
    expect(policy.custom_rules).toBeUndefined();
    expect(policy.policy_settings).toMatchObject({
      max_request_body_size_in_kb: 1024,
      request_body_inspect_limit_in_kb: 1024,
      file_upload_limit_in_mb: 10,
    });

    const limited = synth(
      (scope) =>
        new WafPolicy(scope, 'waf', {
          name: 'waf-x',
          resourceGroupName: 'rg',
          location: 'swedencentral',
          waf: { ...waf, rateLimitPerMinute: 50 },
        }),
    );
    const rules = Object.values(limited.resource!.azurerm_web_application_firewall_policy!)[0]!.custom_rules as {
      rate_limit_threshold: number;
    }[];
    expect(rules.map((r) => r.rate_limit_threshold)).toEqual([50]);
  });
});

describe('GatewayCertificate', () => {
  const keyVault = {
    id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-x',
    vaultUri: 'https://kv-x.vault.azure.net/',
  };

  it('a versionless secret id follows the vault URI', () => {
    expect(versionlessSecretId('https://kv-x.vault.azure.net/', 'gateway-tls')).toBe('https://kv-x.vault.azure.net/secrets/gateway-tls');
  });

  it('an imported certificate creates nothing', () => {
    let secretId = '';
    const json = synth((scope) => {
      secretId = new GatewayCertificate(scope, 'cert', {
        keyVault,
        source: { source: 'keyVault', certificateName: 'contoso-tls' },
        hostName: 'aoai.contoso.com',
        selfSignedName: 'unused',
      }).secretId;
    });
    expect(json.resource).toBeUndefined();
    expect(secretId).toBe('https://kv-x.vault.azure.net/secrets/contoso-tls');
  });

  it('a self-signed certificate honours the validity it is given', () => {
    const json = synth(
      (scope) =>
        new GatewayCertificate(scope, 'cert', {
          keyVault,
          source: { source: 'selfSigned' },
          hostName: 'a.example.com',
          selfSignedName: 'cert-a',
          validityInMonths: 3,
        }),
    );
    const certificate = Object.values(json.resource!.azurerm_key_vault_certificate!)[0]!;
    expect(certificate).toMatchObject({ name: 'cert-a', key_vault_id: keyVault.id });
    expect(
      (certificate.certificate_policy as { x509_certificate_properties: { validity_in_months: number } }).x509_certificate_properties
        .validity_in_months,
    ).toBe(3);
  });
});

describe('ApplicationGateway', () => {
  const props = {
    name: 'agw-x',
    resourceGroupName: 'rg',
    location: 'swedencentral',
    subnetId: 'subnet',
    publicIpAddressId: 'pip',
    identityId: 'id',
    firewallPolicyId: 'waf',
    autoscale: { minCapacity: 1, maxCapacity: 2 },
    hostName: 'aoai.example.com',
    certificateSecretId: 'https://kv-x.vault.azure.net/secrets/tls',
    backendHostName: 'apim-x.azure-api.net',
    requestTimeoutSeconds: 600,
  };

  it('fails fast on inverted autoscale bounds, naming both values', () => {
    expect(() =>
      synth((scope) => new ApplicationGateway(scope, 'agw', { ...props, autoscale: { minCapacity: 4, maxCapacity: 2 } })),
    ).toThrow('application gateway agw-x: autoscale minCapacity 4 exceeds maxCapacity 2');
  });

  it('an empty zone list pins no zones', () => {
    const json = synth((scope) => new ApplicationGateway(scope, 'agw', { ...props, zones: [] }));
    const gateway = Object.values(json.resource!.azurerm_application_gateway!)[0]!;
    expect(gateway.zones).toBeUndefined();
    expect(gateway.ssl_policy).toEqual({ policy_type: 'Predefined', policy_name: SSL_POLICY_NAME });
    expect((gateway.probe as { path: string }[])[0]!.path).toBe(HEALTH_PROBE_PATH);
  });
});

describe('names the edge derives', () => {
  const naming = new Naming({ workload: 'aoaigw', environment: 'prod', location: 'swedencentral', suffix: 'ab12' });

  it("API Management's gateway host is its name under azure-api.net", () => {
    expect(naming.apiManagementGatewayHostName()).toBe('apim-aoaigw-prod-sdc-ab12.azure-api.net');
  });

  it('edge resource names', () => {
    expect(naming.keyVaultCertificate('agw')).toBe('cert-aoaigw-prod-agw');
    expect(naming.wafPolicy()).toBe('waf-aoaigw-prod-sdc');
    expect(naming.publicIp('agw')).toBe('pip-aoaigw-prod-agw-sdc');
    expect(naming.userAssignedIdentity('agw')).toBe('id-aoaigw-prod-agw-sdc');
  });

  it('host name and Key Vault object rules', () => {
    expect(checkName('hostName', 'apim-x.azure-api.net')).toBeUndefined();
    expect(checkName('hostName', 'Apim-X.azure-api.net')).toBeDefined();
    expect(checkName('hostName', 'apim-.azure-api.net')).toBeDefined();
    expect(checkName('keyVaultObject', 'cert-a-1')).toBeUndefined();
    expect(checkName('keyVaultObject', 'cert_a')).toBeDefined();
    expect(checkName('keyVaultObject', 'a'.repeat(128))).toBeDefined();
  });
});
