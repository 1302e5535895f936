import { TerraformStack, Testing } from 'cdktf';

import { ApiManagementService, TLS_HARDENING } from '../../constructs/apim/api-management-service';
import { apiManagementSizingProblems } from '../../lib/azure/api-management';
import { Environment } from '../../lib/environment';
import { Naming } from '../../lib/naming';
import { addEnvironment } from '../../stacks/app';
import { type Attributes, onlyResource, resourcesOf, shippedConfig, stackOf, synthShipped } from '../helpers/synth';
import { addressOf } from './helpers';

const synth = synthShipped();
const gateway = (env: string) => stackOf(synth, `${env}-gateway`);
const apimOf = (env: string) => onlyResource(gateway(env), 'azurerm_api_management');

describe('API Management instance', () => {
  it('dev and test run the Developer tier with one unit and no zones; prod runs Premium with zones and capacity from config', () => {
    expect(apimOf('dev')).toMatchObject({ sku_name: 'Developer_1' });
    expect(apimOf('dev').zones).toBeUndefined();
    expect(apimOf('test')).toMatchObject({ sku_name: 'Developer_1' });
    const prod = shippedConfig('prod').apiManagement;
    expect(apimOf('prod')).toMatchObject({ sku_name: `Premium_${prod.capacity}`, zones: prod.zones });
    expect(apimOf('prod').zones).toEqual(['1', '2', '3']);
  });

  it.each(['dev', 'test', 'prod'])(
    '%s: internal VNet mode in the API Management subnet, public access kept on as Azure requires',
    (env) => {
      const apim = apimOf(env);
      expect(apim.virtual_network_type).toBe('Internal');
      expect(String((apim.virtual_network_configuration as Attributes).subnet_id)).toMatch(/network\.outputs\..*subnet-apim.*id\}$/);
      expect(apim.public_network_access_enabled).toBe(true);
    },
  );

  it.each(['dev', 'test', 'prod'])(
    '%s: system-assigned identity, minimum control-plane API version, no tenant access, no self sign-up',
    (env) => {
      const apim = apimOf(env);
      expect(apim.identity).toEqual({ type: 'SystemAssigned' });
      expect(apim.min_api_version).toBe('2021-08-01');
      expect(apim.tenant_access).toEqual({ enabled: false });
      expect(apim.sign_in).toEqual({ enabled: true });
      expect((apim.sign_up as Attributes).enabled).toBe(false);
    },
  );

  it('TLS 1.0, 1.1, SSL 3.0, 3DES and CBC suites are off on the gateway and towards backends, with azurerm 4.x names', () => {
    const security = apimOf('prod').security as Attributes;
    for (const key of [
      'frontend_tls10_enabled',
      'frontend_tls11_enabled',
      'frontend_ssl30_enabled',
      'backend_tls10_enabled',
      'backend_tls11_enabled',
      'backend_ssl30_enabled',
      'triple_des_ciphers_enabled',
    ]) {
      expect({ key, value: security[key] }).toEqual({ key, value: false });
    }
    const cbc = Object.entries(security).filter(([key]) => key.includes('_cbc_'));
    expect(cbc.length).toBe(8);
    expect(cbc.every(([, value]) => value === false)).toBe(true);
    expect(Object.keys(security).some((key) => key.startsWith('enable_'))).toBe(false);
    expect(Object.keys(security)).toHaveLength(Object.keys(TLS_HARDENING).length);
    expect(security.tls_rsa_with_aes256_gcm_sha384_ciphers_enabled).toBe(true);
  });

  it('the public IP internal mode requires: Standard, static, with a DNS label, zone-redundant with a zonal instance', () => {
    for (const env of ['dev', 'prod']) {
      const ip = onlyResource(gateway(env), 'azurerm_public_ip');
      expect(ip).toMatchObject({ sku: 'Standard', allocation_method: 'Static' });
      expect(String(ip.domain_name_label)).toMatch(new RegExp(`^aoaigw-${env}-apim-[a-z0-9]{4}$`));
      expect(apimOf(env).public_ip_address_id).toBe(`\${${addressOf(gateway(env), 'azurerm_public_ip')}.id}`);
    }
    expect(onlyResource(gateway('prod'), 'azurerm_public_ip').zones).toEqual(['1', '2', '3']);
    expect(onlyResource(gateway('dev'), 'azurerm_public_ip').zones).toBeUndefined();
  });

  it('production protects the instance and its IP from destroy; dev does not', () => {
    expect(apimOf('prod').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(gateway('prod'), 'azurerm_public_ip').lifecycle).toEqual({ prevent_destroy: true });
    expect(apimOf('dev').lifecycle).toEqual({ prevent_destroy: false });
  });
});

describe('activation wait', () => {
  it('a time_sleep follows the instance for the configured seconds and re-runs when the instance is replaced', () => {
    const stack = gateway('prod');
    const sleep = onlyResource(stack, 'time_sleep');
    expect(sleep.create_duration).toBe(`${shippedConfig('prod').apiManagement.activationWaitSeconds}s`);
    expect(sleep.depends_on).toEqual([addressOf(stack, 'azurerm_api_management')]);
    expect(sleep.triggers).toEqual({ apiManagementId: `\${${addressOf(stack, 'azurerm_api_management')}.id}` });
    expect(stack.terraform?.required_providers?.time).toEqual({ source: 'hashicorp/time', version: '0.13.1' });
  });

  it('every child of the instance waits for it, directly or through a resource that does', () => {
    const stack = gateway('dev');
    const sleep = addressOf(stack, 'time_sleep');
    const all = Object.entries(stack.resource ?? {}).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, attributes]) => ({ address: `${type}.${name}`, type, attributes })),
    );
    const byAddress = new Map(all.map((r) => [r.address, r]));
    const waits = (address: string, seen = new Set<string>()): boolean => {
      if (address === sleep) {
        return true;
      }
      if (seen.has(address)) {
        return false;
      }
      seen.add(address);
      const resource = byAddress.get(address);
      if (resource === undefined) {
        return false;
      }
      const text = JSON.stringify(resource.attributes);
      const references = [...text.matchAll(/\$\{([a-z_]+\.[A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
      const dependsOn = (resource.attributes.depends_on as string[] | undefined) ?? [];
      return [...dependsOn, ...references].some((ref) => waits(ref, seen));
    };
    const children = all.filter((r) => r.type.startsWith('azurerm_api_management_') || r.type === 'azapi_resource');
    expect(children.length).toBeGreaterThan(15);
    for (const child of children) {
      expect({ address: child.address, waits: waits(child.address) }).toEqual({ address: child.address, waits: true });
    }
  });
});

describe('private DNS', () => {
  it.each(['dev', 'prod'])(
    '%s: A records for the gateway, portal, developer, management and scm host names point at the private address',
    (env) => {
      const stack = gateway(env);
      const name = new Environment(shippedConfig(env as 'dev' | 'prod')).naming.apiManagement();
      const records = Object.values(resourcesOf(stack, 'azurerm_private_dns_a_record'));
      expect(records.map((r) => r.name).sort()).toEqual(
        [name, `${name}.developer`, `${name}.management`, `${name}.portal`, `${name}.scm`].sort(),
      );
      for (const record of records) {
        expect(record.records).toBe(`\${${addressOf(stack, 'azurerm_api_management')}.private_ip_addresses}`);
        expect(String(record.zone_name)).toMatch(/network\.outputs\..*private-dns_apiManagement.*name\}$/);
        expect(String(record.resource_group_name)).toMatch(/network\.outputs\..*resource-group.*name\}$/);
      }
    },
  );

  it('record names follow the azure-api.net layout, or one label each in a custom zone (one wildcard certificate)', () => {
    const context = { workload: 'aoaigw', environment: 'dev', location: 'swedencentral', suffix: 'abcd' } as const;
    expect(new Naming(context).apiManagementRecords()).toEqual({
      gateway: 'apim-aoaigw-dev-sdc-abcd',
      portal: 'apim-aoaigw-dev-sdc-abcd.portal',
      developer: 'apim-aoaigw-dev-sdc-abcd.developer',
      management: 'apim-aoaigw-dev-sdc-abcd.management',
      scm: 'apim-aoaigw-dev-sdc-abcd.scm',
    });
    const custom = new Naming({ ...context, apiManagementZone: 'apim.contoso.internal' });
    expect(custom.apiManagementRecords()).toEqual({
      gateway: 'apim-aoaigw-dev-sdc-abcd',
      portal: 'apim-aoaigw-dev-sdc-abcd-portal',
      developer: 'apim-aoaigw-dev-sdc-abcd-developer',
      management: 'apim-aoaigw-dev-sdc-abcd-management',
      scm: 'apim-aoaigw-dev-sdc-abcd-scm',
    });
    expect(custom.apiManagementEndpointHostName('developer')).toBe('apim-aoaigw-dev-sdc-abcd-developer.apim.contoso.internal');
  });

  it('the stack exposes the gateway host name the Application Gateway forwards to, as a plain string', () => {
    const environment = new Environment(shippedConfig('prod'));
    const stacks = addEnvironment(Testing.app(), environment);
    const name = environment.naming.apiManagement();
    expect(stacks.gateway.gatewayHostName).toBe(`${name}.azure-api.net`);
    expect(onlyResource(gateway('prod'), 'azurerm_api_management').name).toBe(name);
    expect(gateway('prod').output?.['gateway-host-name']).toMatchObject({ value: `${name}.azure-api.net` });
  });
});

describe('diagnostic settings', () => {
  it('API Management sends every category, including GatewayLogs and GatewayLlmLogs, and AllMetrics to Log Analytics, Dedicated', () => {
    const stack = gateway('prod');
    const settings = Object.values(resourcesOf(stack, 'azurerm_monitor_diagnostic_setting'));
    const apim = settings.find((s) => s.target_resource_id === `\${${addressOf(stack, 'azurerm_api_management')}.id}`)!;
    expect(apim.log_analytics_destination_type).toBe('Dedicated');
    expect((apim.enabled_log as Attributes[]).map((l) => l.category)).toEqual(expect.arrayContaining(['GatewayLogs', 'GatewayLlmLogs']));
    expect(apim.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
    expect(String(apim.log_analytics_workspace_id)).toMatch(/monitoring\.outputs\..*workspace.*id\}$/);
  });

  it('the public IP has its own diagnostic setting', () => {
    const stack = gateway('dev');
    const settings = Object.values(resourcesOf(stack, 'azurerm_monitor_diagnostic_setting'));
    expect(settings.some((s) => s.target_resource_id === `\${${addressOf(stack, 'azurerm_public_ip')}.id}`)).toBe(true);
  });
});

describe('construct validation', () => {
  const base = shippedConfig('prod').apiManagement;

  it('refuses settings Azure rejects only at apply time, from the same table the configuration schema reads', () => {
    const problems = (sizing: Parameters<typeof apiManagementSizingProblems>[0]) =>
      apiManagementSizingProblems(sizing).map((p) => `${p.field}: ${p.expected}`);
    expect(problems({ ...base, sku: 'Developer', capacity: 2, zones: [] })).toEqual(['capacity: capacity 1 for the Developer tier']);
    expect(problems({ ...base, sku: 'Developer', capacity: 1, zones: ['1'] })).toEqual([
      'zones: no availability zones for the Developer tier (Premium only)',
    ]);
    expect(problems({ ...base, capacity: 4, zones: ['1', '2', '3'] })).toEqual([
      'capacity: a capacity that is a multiple of the number of zones (3)',
    ]);
    expect(problems(base)).toEqual([]);
  });

  it('fails construction with the problem named', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(
      () =>
        new ApiManagementService(stack, 'apim', {
          name: 'apim-x',
          resourceGroupName: 'rg',
          location: 'swedencentral',
          sizing: { ...base, capacity: 4 },
          publisher: { name: 'Contoso', email: 'ops@contoso.com' },
          subnetId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
          publicIp: { name: 'pip', domainNameLabel: 'label' },
          workspaceId: 'w',
          preventDestroy: false,
        }),
    ).toThrow('ApiManagementService "apim": capacity: expected a capacity that is a multiple of the number of zones (3), got 4');
  });
});
