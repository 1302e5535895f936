import { isClosedStorageFirewall } from '../../tools/check/storage-network';
import { allResources, type Attributes, stackOf, type Synthesized, synthShipped } from '../helpers/synth';
import { environmentOf, type Reference, resolve, resourceAt, sameResource } from './references';

/**
 * Every PaaS kind the project may deploy, with the private endpoint subresources it offers and the private DNS
 * zone each subresource's records belong in (https://learn.microsoft.com/azure/private-link/private-endpoint-dns).
 * A PaaS kind missing here is not checked: add it before using it.
 */
const PRIVATE_LINK_KINDS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  azurerm_key_vault: { vault: ['privatelink.vaultcore.azure.net'] },
  azurerm_storage_account: {
    blob: ['privatelink.blob.core.windows.net'],
    file: ['privatelink.file.core.windows.net'],
    queue: ['privatelink.queue.core.windows.net'],
    table: ['privatelink.table.core.windows.net'],
    dfs: ['privatelink.dfs.core.windows.net'],
    web: ['privatelink.web.core.windows.net'],
  },
  azurerm_cognitive_account: {
    account: ['privatelink.openai.azure.com', 'privatelink.cognitiveservices.azure.com', 'privatelink.services.ai.azure.com'],
  },
  azurerm_ai_services: {
    account: ['privatelink.openai.azure.com', 'privatelink.cognitiveservices.azure.com', 'privatelink.services.ai.azure.com'],
  },
  azurerm_api_management: { Gateway: ['privatelink.azure-api.net'] },
  azurerm_search_service: { searchService: ['privatelink.search.windows.net'] },
  azurerm_cosmosdb_account: { Sql: ['privatelink.documents.azure.com'] },
  azurerm_container_registry: { registry: ['privatelink.azurecr.io'] },
  azurerm_eventhub_namespace: { namespace: ['privatelink.servicebus.windows.net'] },
  azurerm_servicebus_namespace: { namespace: ['privatelink.servicebus.windows.net'] },
  azurerm_redis_cache: { redisCache: ['privatelink.redis.cache.windows.net'] },
  azurerm_mssql_server: { sqlServer: ['privatelink.database.windows.net'] },
  azurerm_app_configuration: { configurationStores: ['privatelink.azconfig.io'] },
  azurerm_linux_web_app: { sites: ['privatelink.azurewebsites.net'] },
  azurerm_linux_function_app: { sites: ['privatelink.azurewebsites.net'] },
};

/**
 * Kinds that are reached over public endpoints by design, and why. Azure Monitor ingestion is authenticated with
 * Entra ID and reached through the AzureMonitor service tag; an Azure Monitor private link scope is not part of
 * this design. The Application Gateway and its public IP are the entry point itself.
 */
const PUBLIC_BY_DESIGN: Readonly<Record<string, string>> = {
  azurerm_log_analytics_workspace: 'Azure Monitor ingestion and query, Entra ID only',
  azurerm_application_insights: 'Azure Monitor ingestion from API Management',
  azurerm_application_gateway: 'the single public entry point, behind the WAF',
  azurerm_public_ip: "the Application Gateway's and API Management's management addresses",
};

interface Found {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly attributes: Attributes;
}

/** API Management injected in internal mode: private by network placement, and Azure refuses a private endpoint. */
function isInternalApiManagement(resource: Found): boolean {
  return resource.type === 'azurerm_api_management' && resource.attributes['virtual_network_type'] === 'Internal';
}

function privateEndpointsOf(synth: Synthesized): { endpoint: Found; target: Reference | undefined; subresources: string[] }[] {
  return allResources(synth)
    .filter((r) => r.type === 'azurerm_private_endpoint')
    .map((endpoint) => {
      const connection = endpoint.attributes['private_service_connection'] as Attributes;
      return {
        endpoint,
        target: resolve(synth, endpoint.stack, connection['private_connection_resource_id']),
        subresources: (connection['subresource_names'] as string[] | undefined) ?? [],
      };
    });
}

function label(resource: { stack: string; type: string; name: string }): string {
  return `${resource.stack}: ${resource.type}.${resource.name}`;
}

const synth = synthShipped();
const resources = allResources(synth);
const endpoints = privateEndpointsOf(synth);

describe('nothing public: every PaaS resource in every stack', () => {
  const paas = resources.filter((r) => r.type in PRIVATE_LINK_KINDS);

  it('finds the PaaS resources of the network and data layers (the walk is not vacuous)', () => {
    for (const env of ['dev', 'test', 'prod']) {
      const types = paas.filter((r) => environmentOf(r.stack) === env).map((r) => r.type);
      expect(types).toEqual(expect.arrayContaining(['azurerm_key_vault', 'azurerm_storage_account']));
    }
  });

  it('has public network access explicitly off, or a storage firewall that admits no network', () => {
    // Internal-mode API Management keeps it on, as Azure requires. Storage keeps it on so that trusted services
    // (flow logs, the archive export, Azure OpenAI) pass its firewall, which refuses every network.
    const offenders = paas
      .filter((r) =>
        isInternalApiManagement(r)
          ? r.attributes['public_network_access_enabled'] === false
          : r.type === 'azurerm_storage_account'
            ? !isClosedStorageFirewall(r.attributes)
            : r.attributes['public_network_access_enabled'] !== false,
      )
      .map(label);
    expect(offenders).toEqual([]);
  });

  it('has a private endpoint for a subresource it offers (internal-mode API Management has none)', () => {
    const offenders = paas
      .filter((r) => !isInternalApiManagement(r))
      .filter(
        (r) =>
          !endpoints.some(
            (e) =>
              sameResource(e.target, { stack: r.stack, type: r.type, name: r.name, attribute: 'id' }) &&
              e.subresources.length > 0 &&
              e.subresources.every((s) => s in PRIVATE_LINK_KINDS[r.type]!),
          ),
      )
      .map(label);
    expect(offenders).toEqual([]);
  });

  it('internal-mode API Management gets no private endpoint (Azure refuses one)', () => {
    const internal = paas.filter(isInternalApiManagement);
    const offenders = internal.filter((r) => endpoints.some((e) => sameResource(e.target, { ...r, attribute: 'id' }))).map(label);
    expect(offenders).toEqual([]);
  });

  it('no other resource switches public network access on', () => {
    const offenders = resources
      .filter((r) => !(r.type in PRIVATE_LINK_KINDS) && !(r.type in PUBLIC_BY_DESIGN))
      .filter((r) => r.attributes['public_network_access_enabled'] === true || r.attributes['public_network_access'] === 'Enabled')
      .map(label);
    expect(offenders).toEqual([]);
  });

  it('no azapi resource declares public network access', () => {
    const offenders = resources
      .filter((r) => r.type === 'azapi_resource')
      .filter((r) => {
        const body = r.attributes['body'];
        const properties = typeof body === 'object' && body !== null ? (body as Attributes)['properties'] : undefined;
        return typeof properties === 'object' && properties !== null && (properties as Attributes)['publicNetworkAccess'] === 'Enabled';
      })
      .map(label);
    expect(offenders).toEqual([]);
  });
});

describe('every private endpoint', () => {
  it('exists in every environment (the walk is not vacuous)', () => {
    for (const env of ['dev', 'test', 'prod']) {
      expect(endpoints.filter((e) => environmentOf(e.endpoint.stack) === env).length).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(endpoints.map((e) => [label(e.endpoint), e] as const))('%s targets a known PaaS resource of its environment', (_, e) => {
    expect(e.target).toBeDefined();
    expect(Object.keys(PRIVATE_LINK_KINDS)).toContain(e.target!.type);
    expect(environmentOf(e.target!.stack)).toBe(environmentOf(e.endpoint.stack));
    expect(e.subresources).toHaveLength(1);
  });

  it.each(endpoints.map((e) => [label(e.endpoint), e] as const))(
    '%s sits in the private endpoints subnet and registers in existing zones linked to that subnet’s network',
    (_, e) => {
      const subnetRef = resolve(synth, e.endpoint.stack, e.endpoint.attributes['subnet_id']);
      expect(subnetRef).toMatchObject({ type: 'azurerm_subnet', attribute: 'id' });
      const subnet = resourceAt(synth, subnetRef!);
      expect(subnet['name']).toBe('snet-pep');
      const networkRef = resolve(synth, subnetRef!.stack, subnet['virtual_network_name']);
      expect(networkRef).toMatchObject({ type: 'azurerm_virtual_network' });

      const group = e.endpoint.attributes['private_dns_zone_group'] as Attributes | undefined;
      const zoneIds = (group?.['private_dns_zone_ids'] as unknown[] | undefined) ?? [];
      expect(zoneIds.length).toBeGreaterThan(0);
      const accepted = PRIVATE_LINK_KINDS[e.target!.type]![e.subresources[0]!] ?? [];
      for (const zoneId of zoneIds) {
        const zoneRef = resolve(synth, e.endpoint.stack, zoneId);
        expect(zoneRef).toMatchObject({ type: 'azurerm_private_dns_zone', attribute: 'id' });
        const zone = resourceAt(synth, zoneRef!);
        expect(accepted).toContain(zone['name']);
        const links = Object.values(
          stackOf(synth, zoneRef!.stack).resource?.['azurerm_private_dns_zone_virtual_network_link'] ?? {},
        ).filter((link) => sameResource(resolve(synth, zoneRef!.stack, link['private_dns_zone_name']), zoneRef));
        expect(links.some((link) => sameResource(resolve(synth, zoneRef!.stack, link['virtual_network_id']), networkRef))).toBe(true);
        // Records come from zone groups only; auto-registration would let VMs overwrite them.
        expect(links.every((link) => link['registration_enabled'] === false)).toBe(true);
      }
    },
  );
});
