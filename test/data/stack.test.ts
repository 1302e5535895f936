import { Testing } from 'cdktf';

import { GatewayStorage } from '../../constructs/data/storage';
import { GATEWAY_TABLES } from '../../constructs/monitoring/gateway-tables';
import { exportContainers } from '../../constructs/monitoring/table-export';
import { FLOW_LOG_STORAGE_ROLE, FLOW_LOG_TYPE, VirtualNetworkFlowLog } from '../../constructs/network/flow-log';
import {
  allResources,
  type Attributes,
  onlyResource,
  resourcesOf,
  SHIPPED_ENVIRONMENTS,
  shippedConfig,
  type StackJson,
  stackOf,
  synthesizeConfigs,
  synthShipped,
} from '../helpers/synth';

const synth = synthShipped();
const ENVIRONMENTS = SHIPPED_ENVIRONMENTS;
const REMOTE = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-(\w+)-(\w+)\.outputs\.[^}]+\}$/;

function data(env: string): StackJson {
  return stackOf(synth, `${env}-data`);
}

function addressOf(stack: StackJson, type: string, mode: 'resource' | 'data' = 'resource'): string {
  const addresses = Object.keys(mode === 'data' ? (stack.data?.[type] ?? {}) : resourcesOf(stack, type));
  expect(addresses).toHaveLength(1);
  return `${mode === 'data' ? 'data.' : ''}${type}.${addresses[0]!}`;
}

/** The one data source of a type in a stack. */
function onlyData(stack: StackJson, type: string): Attributes {
  const all = Object.values(stack.data?.[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0]!;
}

/** The layer a cross-stack reference comes from. */
function layerOf(expression: unknown): string | undefined {
  return typeof expression === 'string' ? REMOTE.exec(expression)?.[2] : undefined;
}

function diagnosticsOf(stack: StackJson, target: string): Attributes | undefined {
  return Object.values(resourcesOf(stack, 'azurerm_monitor_diagnostic_setting')).find((s) => s['target_resource_id'] === target);
}

function endpointFor(stack: StackJson, target: string): Attributes | undefined {
  return Object.values(resourcesOf(stack, 'azurerm_private_endpoint')).find(
    (e) => (e['private_service_connection'] as Attributes)['private_connection_resource_id'] === target,
  );
}

describe.each(ENVIRONMENTS)('%s Key Vault', (env) => {
  const stack = data(env);
  const vault = onlyResource(stack, 'azurerm_key_vault');
  const id = `\${${addressOf(stack, 'azurerm_key_vault')}.id}`;

  it('authorizes with Azure RBAC (azurerm 4.x attribute), never access policies', () => {
    expect(vault['rbac_authorization_enabled']).toBe(true);
    expect(vault['enable_rbac_authorization']).toBeUndefined();
    expect(vault['access_policy']).toBeUndefined();
  });

  it('keeps deleted objects 90 days with purge protection', () => {
    expect(vault['purge_protection_enabled']).toBe(true);
    expect(vault['soft_delete_retention_days']).toBe(90);
  });

  it('is reachable only through its private endpoint', () => {
    expect(vault['public_network_access_enabled']).toBe(false);
    expect(vault['network_acls']).toEqual({ default_action: 'Deny', bypass: 'AzureServices' });
    const endpoint = endpointFor(stack, id);
    expect(endpoint?.['private_service_connection']).toMatchObject({ subresource_names: ['vault'], is_manual_connection: false });
    expect(layerOf(endpoint?.['subnet_id'])).toBe('network');
    expect((endpoint?.['private_dns_zone_group'] as Attributes)['private_dns_zone_ids']).toEqual([expect.stringMatching(REMOTE)]);
  });

  it('sends AuditEvent and metrics to the workspace', () => {
    const setting = diagnosticsOf(stack, id);
    expect(setting?.['enabled_log']).toContainEqual({ category: 'AuditEvent' });
    expect(setting?.['enabled_metric']).toEqual([{ category: 'AllMetrics' }]);
    expect(layerOf(setting?.['log_analytics_workspace_id'])).toBe('monitoring');
  });

  it('takes its tenant from configuration and its name from the naming module', () => {
    expect(vault['tenant_id']).toBe(shippedConfig(env).azure.tenantId);
    expect(vault['name']).toMatch(new RegExp(`^kv-aoaigw-${env}-[a-z0-9]{4}$`));
  });
});

describe.each(ENVIRONMENTS)('%s Storage account', (env) => {
  const stack = data(env);
  const account = onlyResource(stack, 'azurerm_storage_account');
  const id = `\${${addressOf(stack, 'azurerm_storage_account')}.id}`;

  it('TLS 1.2 over HTTPS only, Entra ID only, no anonymous access', () => {
    expect(account).toMatchObject({
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      allow_nested_items_to_be_public: false,
      cross_tenant_replication_enabled: false,
      local_user_enabled: false,
      sftp_enabled: false,
    });
  });

  it('no network admitted; reachable through its blob private endpoint and by trusted services only', () => {
    // Public network access stays on: turned off, it would refuse the trusted-service exceptions as well.
    expect(account['public_network_access_enabled']).toBe(true);
    const rules = account['network_rules'] as Attributes;
    expect(rules).toMatchObject({ default_action: 'Deny', bypass: ['AzureServices'], ip_rules: [], virtual_network_subnet_ids: [] });
    expect(endpointFor(stack, id)?.['private_service_connection']).toMatchObject({ subresource_names: ['blob'] });
  });

  it('each Azure OpenAI account may read training files through the firewall, by its id in the openai layer', () => {
    const rules = account['network_rules'] as Attributes;
    const access = rules['private_link_access'] as Attributes[];
    const openai = stackOf(synth, `${env}-openai`);
    const accounts = Object.values(resourcesOf(openai, 'azurerm_cognitive_account'));
    const group = onlyResource(openai, 'azurerm_resource_group');
    const { subscriptionId: subscription, tenantId } = shippedConfig(env).azure;
    expect(access.map((a) => a.endpoint_resource_id).sort()).toEqual(
      accounts
        .map(
          (a) =>
            `/subscriptions/${subscription}/resourceGroups/${String(group.name)}/providers/Microsoft.CognitiveServices/accounts/${String(a.name)}`,
        )
        .sort(),
    );
    expect(accounts.length).toBe(shippedConfig(env).openai.instances.length);
    for (const entry of access) {
      expect(entry.endpoint_tenant_id).toBe(tenantId);
    }
  });

  it('versioned, soft-deleted, with infrastructure encryption', () => {
    expect(account['infrastructure_encryption_enabled']).toBe(true);
    const blob = account['blob_properties'] as Attributes;
    expect(blob['versioning_enabled']).toBe(true);
    expect((blob['delete_retention_policy'] as Attributes)['days']).toBeGreaterThanOrEqual(7);
    expect((blob['container_delete_retention_policy'] as Attributes)['days']).toBeGreaterThanOrEqual(7);
  });

  it('zone-redundant or better in production, locally redundant elsewhere', () => {
    expect(account['account_replication_type']).toBe(env === 'prod' ? 'ZRS' : 'LRS');
  });

  it("a private training container and, with an archive, the export's own containers, managed through Resource Manager", () => {
    const containers = Object.values(resourcesOf(stack, 'azurerm_storage_container'));
    const archive = shippedConfig(env).logging.archive.enabled ? exportContainers(GATEWAY_TABLES) : [];
    expect(containers.map((c) => c['name']).sort()).toEqual(['training', ...archive].sort());
    for (const container of containers) {
      expect(container['storage_account_id']).toBe(id);
      expect(container['storage_account_name']).toBeUndefined();
      expect(container['container_access_type']).toBe('private');
    }
  });

  it('metrics of the account and logs of the blob service go to the workspace, with the categories storage accepts', () => {
    expect(diagnosticsOf(stack, id)?.['enabled_metric']).toEqual([{ category: 'Capacity' }, { category: 'Transaction' }]);
    expect(diagnosticsOf(stack, id)?.['enabled_log']).toEqual([]);
    const blob = diagnosticsOf(stack, `${id}/blobServices/default`);
    expect(blob?.['enabled_log']).toEqual([{ category: 'StorageRead' }, { category: 'StorageWrite' }, { category: 'StorageDelete' }]);
    expect(blob?.['enabled_metric']).toEqual([{ category: 'Capacity' }, { category: 'Transaction' }]);
  });
});

describe('the exported audit archive is immutable, by configuration', () => {
  it('prod: every container the export writes to has time-based retention, appends allowed, left unlocked', () => {
    const stack = data('prod');
    const insights = stackOf(synth, 'prod-insights');
    const exported = onlyResource(insights, 'azurerm_log_analytics_data_export_rule').table_names as string[];
    const containers = Object.entries(resourcesOf(stack, 'azurerm_storage_container'));
    const policies = Object.values(resourcesOf(stack, 'azurerm_storage_container_immutability_policy'));
    // One policy per container the export writes (am-<table>), and none on the training files.
    expect(policies).toHaveLength(exported.length);
    for (const container of exportContainers(exported)) {
      const address = containers.find(([, c]) => c['name'] === container)![0];
      expect(policies).toContainEqual(
        expect.objectContaining({
          storage_container_resource_manager_id: `\${azurerm_storage_container.${address}.id}`,
          immutability_period_in_days: shippedConfig('prod').logging.archive.immutabilityDays,
          protected_append_writes_enabled: true,
          locked: false,
        }),
      );
    }
  });

  it.each(['dev', 'test'])('%s: none (immutabilityDays 0)', (env) => {
    expect(shippedConfig(env).logging.archive.immutabilityDays).toBe(0);
    expect(resourcesOf(data(env), 'azurerm_storage_container_immutability_policy')).toEqual({});
  });
});

describe('nothing lost: prevent_destroy in production only', () => {
  const protectedTypes: [string, string][] = [
    ['data', 'azurerm_key_vault'],
    ['data', 'azurerm_storage_account'],
    ['data', 'azurerm_storage_container'],
    ['monitoring', 'azurerm_log_analytics_workspace'],
  ];

  it.each(protectedTypes)('prod %s: %s', (layer, type) => {
    const resources = Object.values(resourcesOf(stackOf(synth, `prod-${layer}`), type));
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      expect(resource['lifecycle']).toEqual({ prevent_destroy: true });
    }
  });

  it.each(protectedTypes.flatMap(([layer, type]) => ['dev', 'test'].map((env) => [env, layer, type])))(
    '%s %s: %s can be destroyed',
    (env, layer, type) => {
      for (const resource of Object.values(resourcesOf(stackOf(synth, `${env}-${layer}`), type))) {
        expect(resource['lifecycle']).toEqual({ prevent_destroy: false });
      }
    },
  );
});

describe('virtual network flow logs, by configuration', () => {
  /** The flow log: an azapi resource of the flow log ARM type (azurerm cannot give it an identity). */
  const flowLogOf = (stack: StackJson) => {
    const flowLogs = Object.entries(resourcesOf(stack, 'azapi_resource')).filter(([, r]) =>
      String(r['type']).startsWith('Microsoft.Network/networkWatchers/flowLogs@'),
    );
    expect(flowLogs).toHaveLength(1);
    return { name: flowLogs[0]![0], flowLog: flowLogs[0]![1] };
  };

  it.each(['test', 'prod'] as const)('%s: the virtual network, to the storage account, with traffic analytics in the workspace', (env) => {
    const stack = data(env);
    const config = shippedConfig(env).network.flowLogs;
    const { flowLog } = flowLogOf(stack);
    expect(flowLog).toMatchObject({
      type: FLOW_LOG_TYPE,
      name: `fl-aoaigw-${env}-vnet-sdc`,
      location: 'swedencentral',
      parent_id: `\${${addressOf(stack, 'azurerm_network_watcher', 'data')}.id}`,
    });
    expect(onlyData(stack, 'azurerm_network_watcher')).toMatchObject({
      name: 'NetworkWatcher_swedencentral',
      resource_group_name: 'NetworkWatcherRG',
    });
    const properties = (flowLog['body'] as Attributes)['properties'] as Attributes;
    expect(properties).toMatchObject({
      enabled: true,
      format: { type: 'JSON', version: 2 },
      storageId: `\${${addressOf(stack, 'azurerm_storage_account')}.id}`,
      retentionPolicy: { enabled: true, days: config.retentionDays },
    });
    // Virtual network flow logs, not NSG flow logs (no new NSG flow logs since June 2025).
    expect(properties['targetResourceId']).toMatch(
      /cross-stack-reference-input-\w+-network\.outputs\.cross-stack-output-azurerm_virtual_network/,
    );
    const analytics = (properties['flowAnalyticsConfiguration'] as Attributes)['networkWatcherFlowAnalyticsConfiguration'] as Attributes;
    expect(analytics).toMatchObject({
      enabled: true,
      trafficAnalyticsInterval: config.trafficAnalyticsIntervalMinutes,
      workspaceRegion: 'swedencentral',
    });
    expect(analytics['workspaceId']).toMatch(/azurerm_log_analytics_workspace\w*workspace_id\}$/);
    expect(analytics['workspaceResourceId']).toMatch(/azurerm_log_analytics_workspace\w*id\}$/);
    expect(layerOf(analytics['workspaceResourceId'])).toBe('monitoring');
    // Tagged like the azurerm resources the tags aspect reaches.
    expect(flowLog['tags']).toMatchObject({ environment: env, 'aoai-gateway:layer': 'data' });
  });

  it.each(['test', 'prod'] as const)('%s: key-less, through a user-assigned identity that may only write blobs to the account', (env) => {
    const stack = data(env);
    const { flowLog } = flowLogOf(stack);
    const identity = addressOf(stack, 'azurerm_user_assigned_identity');
    expect(onlyResource(stack, 'azurerm_user_assigned_identity')).toMatchObject({ name: `id-aoaigw-${env}-flowlog-sdc` });
    expect(flowLog['identity']).toEqual({ type: 'UserAssigned', identity_ids: [`\${${identity}.id}`] });
    const writers = Object.entries(resourcesOf(stack, 'azurerm_role_assignment')).filter(
      ([, r]) => r['principal_id'] === `\${${identity}.principal_id}`,
    );
    expect(writers.map(([, r]) => [r['role_definition_name'], r['scope'], r['principal_type']])).toEqual([
      [FLOW_LOG_STORAGE_ROLE, `\${${addressOf(stack, 'azurerm_storage_account')}.id}`, 'ServicePrincipal'],
    ]);
    // The first write finds the role in place.
    expect(flowLog['depends_on']).toEqual([`azurerm_role_assignment.${writers[0]![0]}`]);
  });

  it.each(['test', 'prod'] as const)('%s: state kept by the azurerm flow log is moved to the azapi one, not destroyed', (env) => {
    const stack = data(env) as StackJson & { moved?: { from: string; to: string }[] };
    const { name } = flowLogOf(stack);
    expect(stack.moved).toEqual([{ from: `azurerm_network_watcher_flow_log.${name}`, to: `azapi_resource.${name}` }]);
    expect(resourcesOf(stack, 'azurerm_network_watcher_flow_log')).toEqual({});
  });

  it('dev: off', () => {
    const stack = data('dev');
    expect(Object.values(resourcesOf(stack, 'azapi_resource')).filter((r) => String(r['type']).includes('flowLogs'))).toEqual([]);
    expect(resourcesOf(stack, 'azurerm_user_assigned_identity')).toEqual({});
  });

  it('a Network Watcher named in configuration replaces the default one', () => {
    const config = shippedConfig('test');
    const custom = {
      ...config,
      network: {
        ...config.network,
        flowLogs: { ...config.network.flowLogs, networkWatcher: { name: 'nw-shared', resourceGroupName: 'rg-network-watchers' } },
      },
    };
    const stack = stackOf(synthesizeConfigs([custom]), 'test-data');
    expect(onlyData(stack, 'azurerm_network_watcher')).toMatchObject({ name: 'nw-shared', resource_group_name: 'rg-network-watchers' });
  });
});

describe('no secret value in the synthesized output', () => {
  const SECRET_KEYS =
    /^(password|contents|client_secret|primary_key|secondary_key|primary_access_key|connection_string|private_key_pem|sas_token|key_value)$/;
  /** Resource kinds whose `value` is a secret (named values only when marked secret). */
  const SECRET_VALUES: Readonly<Record<string, (attributes: Attributes) => boolean>> = {
    azurerm_key_vault_secret: () => true,
    azurerm_api_management_named_value: (attributes) => attributes['secret'] === true,
  };

  function literalSecrets(value: unknown, path: string, keys: RegExp): string[] {
    if (Array.isArray(value)) {
      return value.flatMap((item, i) => literalSecrets(item, `${path}[${i}]`, keys));
    }
    if (typeof value === 'object' && value !== null) {
      return Object.entries(value).flatMap(([key, inner]) =>
        keys.test(key) && typeof inner === 'string' && !inner.startsWith('${')
          ? [`${path}.${key}`]
          : literalSecrets(inner, `${path}.${key}`, keys),
      );
    }
    return [];
  }

  function secretsOf(resource: { stack: string; type: string; name: string; attributes: Attributes }): string[] {
    const path = `${resource.stack}: ${resource.type}.${resource.name}`;
    const holdsValue = SECRET_VALUES[resource.type]?.(resource.attributes) ?? false;
    return literalSecrets(resource.attributes, path, holdsValue ? new RegExp(`${SECRET_KEYS.source}|^value$`) : SECRET_KEYS);
  }

  it('no resource of any stack carries a literal secret, key or password', () => {
    expect(allResources(synth).flatMap(secretsOf)).toEqual([]);
  });

  it('the check sees a literal secret when there is one, and lets references and non-secret values pass', () => {
    const resource = (type: string, attributes: Attributes) => ({ stack: 's', type, name: 'n', attributes });
    expect(secretsOf(resource('azurerm_key_vault_secret', { value: 'hunter2' }))).toEqual(['s: azurerm_key_vault_secret.n.value']);
    expect(secretsOf(resource('azurerm_key_vault_certificate', { certificate: { contents: 'MIIB', password: '${var.p}' } }))).toEqual([
      's: azurerm_key_vault_certificate.n.certificate.contents',
    ]);
    expect(secretsOf(resource('azurerm_api_management_named_value', { secret: true, value: 'k' }))).toEqual([
      's: azurerm_api_management_named_value.n.value',
    ]);
    expect(secretsOf(resource('azurerm_api_management_named_value', { secret: false, value: 'gpt-4o' }))).toEqual([]);
    expect(secretsOf(resource('azuread_application', { app_role: [{ value: 'Gateway.Invoke' }] }))).toEqual([]);
  });
});

describe('construct guards', () => {
  const storageProps = {
    name: 'staccount',
    resourceGroupName: 'rg',
    location: 'swedencentral',
    replication: 'LRS' as const,
    softDeleteDays: 14,
    containers: { training: 'training' },
    auditImmutabilityDays: 0,
    privateEndpointName: 'pep-staccount-blob',
    privateLink: { subnetId: 'subnet', resourceGroupName: 'rg', location: 'swedencentral' },
    blobPrivateDnsZoneId: 'zone',
    workspaceId: 'workspace',
    preventDestroy: false,
    tenantId: '00000000-0000-0000-0000-000000000000',
  };

  it('storage refuses soft-delete and immutability periods Azure rejects', () => {
    expect(() => Testing.synthScope((scope) => new GatewayStorage(scope, 's', { ...storageProps, softDeleteDays: 0 }))).toThrow(
      'storage account staccount: softDeleteDays must be a whole number 1-365, got 0',
    );
    expect(() => Testing.synthScope((scope) => new GatewayStorage(scope, 's', { ...storageProps, auditImmutabilityDays: -1 }))).toThrow(
      'storage account staccount: auditImmutabilityDays must be a whole number 0-146000, got -1',
    );
  });

  it('flow logs refuse a retention Azure rejects', () => {
    expect(() =>
      Testing.synthScope(
        (scope) =>
          new VirtualNetworkFlowLog(scope, 'f', {
            name: 'fl',
            networkWatcher: { name: 'nw', resourceGroupName: 'rg' },
            location: 'swedencentral',
            virtualNetworkId: 'vnet',
            storageAccountId: 'st',
            retentionDays: 400,
            trafficAnalytics: { workspaceGuid: 'g', workspaceRegion: 'swedencentral', workspaceResourceId: 'w', intervalMinutes: 60 },
            identity: { name: 'id-fl', resourceGroupName: 'rg' },
          }),
      ),
    ).toThrow('flow log fl: retentionDays must be a whole number 1-365, got 400');
  });
});
