import { PRIVATE_DNS_ZONE_NAMES } from '../../constructs/network/private-dns-zones';
import { Environment } from '../../lib/environment';
import {
  type Attributes,
  rawEnvironment,
  resourcesOf,
  SHIPPED_ENVIRONMENTS,
  shippedConfig,
  stackOf,
  synthesizeConfigs,
  synthShipped,
  validate,
} from '../helpers/synth';
import { addressOf, resolveRef, target } from './refs';

const synth = synthShipped();

function accountsOf(env: string): Attributes[] {
  return Object.values(resourcesOf(stackOf(synth, `${env}-openai`), 'azurerm_cognitive_account'));
}

/** The account a resource's attribute refers to, by the account's name. */
function accountNameOf(env: string, expression: unknown): string {
  const ref = resolveRef(synth, `${env}-openai`, expression);
  expect(ref).toMatchObject({ stack: `${env}-openai`, type: 'azurerm_cognitive_account', attribute: 'id' });
  return target(synth, ref)['name'] as string;
}

describe('accounts from config', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: one account per configured instance, in its region, named by the naming rules', (env) => {
    const config = shippedConfig(env);
    const accounts = accountsOf(env);
    const { naming } = new Environment(config);
    expect(accounts.map((a) => `${String(a['name'])} ${String(a['location'])}`).sort()).toEqual(
      config.openai.instances.map((i) => `${naming.openAiAccount(i.name, i.location)} ${i.location}`).sort(),
    );
    for (const account of accounts) {
      expect(account['name']).toMatch(new RegExp(`^oai-aoaigw-${env}-[a-z0-9]+-[a-z0-9]+-[a-z0-9]{4}$`));
    }
  });

  it('prod has at least three accounts in at least two regions', () => {
    const accounts = accountsOf('prod');
    expect(accounts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(accounts.map((a) => a['location'])).size).toBeGreaterThanOrEqual(2);
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: every account is an S0 OpenAI account, keyless, private, with its own identity', (env) => {
    for (const account of accountsOf(env)) {
      expect(account).toMatchObject({
        kind: 'OpenAI',
        sku_name: 'S0',
        custom_subdomain_name: account['name'],
        local_auth_enabled: false,
        public_network_access_enabled: false,
        network_acls: { default_action: 'Deny', bypass: 'None' },
        outbound_network_access_restricted: true,
        identity: { type: 'SystemAssigned' },
      });
      expect(account['network_acls']).not.toHaveProperty('ip_rules');
      expect(account['network_acls']).not.toHaveProperty('virtual_network_rules');
    }
  });

  it('production accounts refuse destroy; others do not', () => {
    for (const account of accountsOf('prod')) {
      expect(account['lifecycle']).toEqual({ prevent_destroy: true });
    }
    for (const account of accountsOf('dev')) {
      expect(account['lifecycle']).toBeUndefined();
    }
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: outbound access reaches only the environment storage account blob endpoint', (env) => {
    const storage = Object.values(resourcesOf(stackOf(synth, `${env}-data`), 'azurerm_storage_account'));
    expect(storage).toHaveLength(1);
    for (const account of accountsOf(env)) {
      expect(account['fqdns']).toEqual([`${String(storage[0]!['name'])}.blob.core.windows.net`]);
    }
  });
});

describe('private endpoints', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: one endpoint per account, in the VNet region, on the private endpoints subnet', (env) => {
    const config = shippedConfig(env);
    const endpoints = Object.values(resourcesOf(stackOf(synth, `${env}-openai`), 'azurerm_private_endpoint'));
    const targets = endpoints.map((e) => {
      const connection = e['private_service_connection'] as Attributes;
      expect(connection).toMatchObject({ subresource_names: ['account'], is_manual_connection: false });
      expect(e['location']).toBe(config.azure.location);
      const subnet = resolveRef(synth, `${env}-openai`, e['subnet_id']);
      expect(subnet).toMatchObject({ stack: `${env}-network`, type: 'azurerm_subnet', attribute: 'id' });
      expect(target(synth, subnet)['name']).toBe('snet-pep');
      return accountNameOf(env, connection['private_connection_resource_id']);
    });
    expect(targets.sort()).toEqual(
      accountsOf(env)
        .map((a) => a['name'])
        .sort(),
    );
  });

  it('each endpoint registers in both the openai and the cognitiveservices private DNS zones', () => {
    for (const endpoint of Object.values(resourcesOf(stackOf(synth, 'prod-openai'), 'azurerm_private_endpoint'))) {
      const group = endpoint['private_dns_zone_group'] as Attributes;
      const zones = (group['private_dns_zone_ids'] as unknown[]).map((id) => {
        const ref = resolveRef(synth, 'prod-openai', id);
        expect(ref).toMatchObject({ stack: 'prod-network', type: 'azurerm_private_dns_zone', attribute: 'id' });
        return target(synth, ref)['name'];
      });
      expect(zones.sort()).toEqual([PRIVATE_DNS_ZONE_NAMES.cognitiveServices, PRIVATE_DNS_ZONE_NAMES.openai].sort());
    }
  });
});

describe('diagnostics', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: every account sends Audit, RequestResponse, Trace and all metrics to the workspace', (env) => {
    const settings = Object.values(resourcesOf(stackOf(synth, `${env}-openai`), 'azurerm_monitor_diagnostic_setting'));
    const logged = settings.map((s) => {
      const categories = (s['enabled_log'] as Attributes[]).map((l) => l['category']);
      expect(categories).toEqual(expect.arrayContaining(['Audit', 'RequestResponse', 'Trace']));
      expect(s['enabled_metric']).toEqual([{ category: 'AllMetrics' }]);
      // Cognitive Services writes to AzureDiagnostics only: no resource-specific destination.
      expect(s['log_analytics_destination_type']).toBeUndefined();
      const workspace = resolveRef(synth, `${env}-openai`, s['log_analytics_workspace_id']);
      expect(workspace).toMatchObject({ stack: `${env}-monitoring`, type: 'azurerm_log_analytics_workspace', attribute: 'id' });
      return accountNameOf(env, s['target_resource_id']);
    });
    expect(logged.sort()).toEqual(
      accountsOf(env)
        .map((a) => a['name'])
        .sort(),
    );
  });
});

describe('model deployments', () => {
  const stack = stackOf(synth, 'prod-openai');
  const deployments = Object.values(resourcesOf(stack, 'azurerm_cognitive_deployment'));

  function deploymentsOn(accountName: string): Attributes[] {
    return deployments.filter((d) => accountNameOf('prod', d['cognitive_account_id']) === accountName);
  }

  it('every configured deployment exists on its account with model, sku, capacity and upgrade option', () => {
    const config = shippedConfig('prod');
    const accounts = accountsOf('prod');
    for (const instance of config.openai.instances) {
      const account = accounts.find((a) => a['location'] === instance.location && String(a['name']).includes(`-${instance.name}-`))!;
      const onAccount = deploymentsOn(account['name'] as string);
      expect(onAccount.map((d) => d['name']).sort()).toEqual(instance.deployments.map((d) => d.name).sort());
      for (const spec of instance.deployments) {
        expect(onAccount.find((d) => d['name'] === spec.name)).toMatchObject({
          model: { format: 'OpenAI', name: spec.model.name, version: spec.model.version },
          sku: { name: spec.sku, capacity: spec.capacity },
          version_upgrade_option: spec.versionUpgradeOption,
        });
      }
    }
  });

  it('deployments on one account are chained: each depends on the previous one, in config order', () => {
    const config = shippedConfig('prod');
    for (const account of accountsOf('prod')) {
      const onAccount = deploymentsOn(account['name'] as string);
      const instance = config.openai.instances.find((i) => String(account['name']).includes(`-${i.name}-`))!;
      const ordered = instance.deployments.map((spec) => onAccount.find((d) => d['name'] === spec.name)!);
      expect(ordered[0]!['depends_on']).toBeUndefined();
      ordered.slice(1).forEach((deployment, i) => {
        expect(deployment['depends_on']).toEqual([addressOf(stack, 'azurerm_cognitive_deployment', ordered[i]!)]);
      });
    }
  });

  it('never chains across accounts: each account is deployed in parallel with the others', () => {
    for (const deployment of deployments) {
      for (const dependency of (deployment['depends_on'] as string[] | undefined) ?? []) {
        const [, name] = dependency.split('.');
        const other = resourcesOf(stack, 'azurerm_cognitive_deployment')[name!]!;
        expect(other['cognitive_account_id']).toBe(deployment['cognitive_account_id']);
      }
    }
  });

  it('a content filter (RAI policy) and an upgrade option from config reach the deployment', () => {
    const raw = rawEnvironment('dev') as { openai: { instances: { deployments: Record<string, unknown>[] }[] } };
    Object.assign(raw.openai.instances[0]!.deployments[0]!, {
      raiPolicyName: 'Microsoft.DefaultV2',
      versionUpgradeOption: 'OnceCurrentVersionExpired',
    });
    const custom = synthesizeConfigs([validate(raw)]);
    const deployment = Object.values(resourcesOf(stackOf(custom, 'dev-openai'), 'azurerm_cognitive_deployment')).find(
      (d) => d['name'] === 'gpt-4o',
    );
    expect(deployment).toMatchObject({ rai_policy_name: 'Microsoft.DefaultV2', version_upgrade_option: 'OnceCurrentVersionExpired' });
    const other = Object.values(resourcesOf(stackOf(synth, 'dev-openai'), 'azurerm_cognitive_deployment')).find(
      (d) => d['name'] === 'gpt-4o',
    );
    expect(other).not.toHaveProperty('rai_policy_name');
  });
});

describe('role assignments', () => {
  const CONTAINER_SCOPE = /^(\$\{[^}]+\})\/blobServices\/default\/containers\/(\$\{[^}]+\})$/;

  it.each(SHIPPED_ENVIRONMENTS)('%s: each account identity reads the training container, and that is its only role', (env) => {
    const stack = stackOf(synth, `${env}-openai`);
    const assignments = Object.values(resourcesOf(stack, 'azurerm_role_assignment'));
    const accountKeys = Object.keys(resourcesOf(stack, 'azurerm_cognitive_account'));
    expect(assignments).toHaveLength(accountKeys.length);
    const principals = assignments.map((a) => {
      expect(a).toMatchObject({ role_definition_name: 'Storage Blob Data Reader', principal_type: 'ServicePrincipal' });
      const [, accountRef, nameRef] = CONTAINER_SCOPE.exec(String(a['scope'])) ?? [];
      const storage = resolveRef(synth, `${env}-openai`, accountRef);
      expect(storage).toMatchObject({ stack: `${env}-data`, type: 'azurerm_storage_account', attribute: 'id' });
      const container = resolveRef(synth, `${env}-openai`, nameRef);
      expect(container).toMatchObject({ stack: `${env}-data`, type: 'azurerm_storage_container', attribute: 'name' });
      expect(target(synth, container)['name']).toBe('training');
      expect(target(synth, container)['storage_account_id']).toBe(`\${azurerm_storage_account.${storage.name}.id}`);
      return a['principal_id'];
    });
    expect(principals.sort()).toEqual(accountKeys.map((key) => `\${azurerm_cognitive_account.${key}.identity[0].principal_id}`).sort());
  });

  it('no OpenAI role is granted here by default: API Management gets its access in the gateway layer', () => {
    for (const env of SHIPPED_ENVIRONMENTS) {
      const roles = Object.values(resourcesOf(stackOf(synth, `${env}-openai`), 'azurerm_role_assignment')).map(
        (a) => a['role_definition_name'],
      );
      expect(roles.filter((role) => String(role).startsWith('Cognitive Services'))).toEqual([]);
    }
  });

  it('a fine-tuning operators group gets Cognitive Services OpenAI Contributor on each account, scoped to the account', () => {
    const group = '44444444-4444-4444-4444-444444444444';
    const raw = rawEnvironment('prod') as { openai: Record<string, unknown> };
    raw.openai.fineTuningOperatorsGroupObjectId = group;
    const custom = synthesizeConfigs([validate(raw)]);
    const assignments = Object.values(resourcesOf(stackOf(custom, 'prod-openai'), 'azurerm_role_assignment')).filter(
      (a) => a['principal_id'] === group,
    );
    expect(assignments).toHaveLength(shippedConfig('prod').openai.instances.length);
    const scopes = assignments.map((a) => {
      expect(a).toMatchObject({
        role_definition_name: 'Cognitive Services OpenAI Contributor',
        principal_id: group,
        principal_type: 'Group',
      });
      const ref = resolveRef(custom, 'prod-openai', a['scope']);
      expect(ref).toMatchObject({ type: 'azurerm_cognitive_account', attribute: 'id' });
      return ref.name;
    });
    expect(scopes.sort()).toEqual(Object.keys(resourcesOf(stackOf(custom, 'prod-openai'), 'azurerm_cognitive_account')).sort());
  });
});
