import { z } from 'zod';

import { cidr, positiveInt } from './primitives';

/**
 * The Network Watcher flow logs are created under. Azure creates one per region and subscription on first use of a
 * virtual network, named `NetworkWatcher_<region>` in `NetworkWatcherRG`, and allows only one: a second one in our
 * own resource group would fail, so flow logs are attached to the existing watcher instead.
 */
const networkWatcherSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9]([-\w.]{0,78}\w)?$/, { message: 'a Network Watcher name (1-80 letters, digits, _ - .)' }),
  resourceGroupName: z.string().regex(/^[-\w.()]{0,89}[-\w()]$/, { message: 'a resource group name (1-90 letters, digits, _ - . ( ))' }),
});

const virtualNetworkId = z
  .string()
  .regex(
    /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.Network\/virtualNetworks\/[a-zA-Z0-9][-\w.]{0,62}[\w]$/i,
    {
      message:
        'a virtual network resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>)',
    },
  );

export const networkSchema = z.strictObject({
  addressSpace: z.array(cidr).min(1, { message: 'at least one address range' }),
  subnets: z.strictObject({
    /** Application Gateway v2 requires a subnet of its own. */
    applicationGateway: cidr,
    /** API Management in internal mode: dedicated, no delegation. */
    apiManagement: cidr,
    /** Private endpoints of every PaaS service. */
    privateEndpoints: cidr,
    /**
     * Deployment runners (self-hosted CI agents) inside the environment's network: they reach the private
     * endpoints (Key Vault certificates and secrets, storage) and API Management. Optional; a runner in a peered
     * network is named under `operators` instead.
     */
    runner: cidr.optional(),
  }),
  /**
   * Where deployments and people come from when they are not in this virtual network: peered networks of runners,
   * operators and developers (the developer portal is inside the network). They reach the private endpoints and
   * API Management over HTTPS, and their virtual networks resolve the private DNS zones.
   */
  operators: z
    .strictObject({
      /** Address ranges of the peered networks; outside this network's address space. */
      addressPrefixes: z.array(cidr).default([]),
      /** Resource ids of the peered virtual networks the private DNS zones are also linked to. */
      dnsLinkedVirtualNetworkIds: z.array(virtualNetworkId).default([]),
    })
    .default({ addressPrefixes: [], dnsLinkedVirtualNetworkIds: [] }),
  /** An Azure DDoS Network Protection plan on the virtual network (billed per plan). */
  ddosProtection: z.boolean().default(false),
  /** Virtual network flow logs to the storage account, with traffic analytics in the Log Analytics workspace. */
  flowLogs: z
    .strictObject({
      enabled: z.boolean(),
      retentionDays: positiveInt.max(365, { message: 'a number of days <= 365' }).default(90),
      /** How often traffic analytics aggregates flows into the workspace; Azure offers 10 or 60 minutes. */
      trafficAnalyticsIntervalMinutes: z.union([z.literal(10), z.literal(60)], { message: 'an interval of 10 or 60 minutes' }).default(60),
      /** The region's Network Watcher; Azure's default one when absent. */
      networkWatcher: networkWatcherSchema.optional(),
    })
    .default({ enabled: false, retentionDays: 90, trafficAnalyticsIntervalMinutes: 60 }),
});

export type NetworkConfig = z.infer<typeof networkSchema>;

/** A cross-field problem of the network section: where, what is expected, what was found. */
export interface NetworkProblem {
  readonly path: (string | number)[];
  readonly message: string;
  readonly input: unknown;
}

/** Azure keeps five addresses of every subnet: network, gateway, two for DNS, broadcast. */
export const AZURE_RESERVED_ADDRESSES = 5;

/** Azure's smallest IPv4 subnet. */
export const SMALLEST_SUBNET_PREFIX = 29;

/** What lives in the sized subnets, as far as their address needs go. */
export interface SubnetTenants {
  readonly apiManagement: { readonly sku: 'Developer' | 'Premium'; readonly capacity: number };
  readonly applicationGateway: { readonly maxCapacity: number };
}

interface SubnetNeed {
  readonly subnet: 'applicationGateway' | 'apiManagement';
  readonly addresses: number;
  readonly purpose: string;
}

/**
 * Addresses each dedicated subnet needs.
 * API Management (classic tiers, internal mode): one address for the Developer tier, two per unit otherwise, plus
 * one for the internal load balancer, on top of Azure's five
 * (https://learn.microsoft.com/azure/api-management/virtual-network-injection-resources#subnet-size).
 * Application Gateway v2: one address per instance up to the autoscale maximum, plus one for a private frontend
 * address, on top of Azure's five; Microsoft recommends a /24 so maintenance upgrades have room
 * (https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure#size-of-the-subnet).
 */
export function subnetNeeds(tenants: SubnetTenants): SubnetNeed[] {
  const apim = tenants.apiManagement;
  const apimUnits = apim.sku === 'Developer' ? 1 : 2 * apim.capacity;
  const apimWhat = apim.sku === 'Developer' ? '1 for the Developer unit' : `2 for each of ${apim.capacity} unit(s)`;
  const appgw = tenants.applicationGateway.maxCapacity;
  return [
    {
      subnet: 'apiManagement',
      addresses: AZURE_RESERVED_ADDRESSES + apimUnits + 1,
      purpose: `API Management ${apim.sku}: ${AZURE_RESERVED_ADDRESSES} reserved by Azure, ${apimWhat}, 1 for the internal load balancer`,
    },
    {
      subnet: 'applicationGateway',
      addresses: AZURE_RESERVED_ADDRESSES + appgw + 1,
      purpose: `Application Gateway autoscaling to ${appgw} instances: ${AZURE_RESERVED_ADDRESSES} reserved by Azure, 1 per instance, 1 private frontend address`,
    },
  ];
}

/** The longest prefix (smallest subnet) that holds `addresses`. */
export function prefixFor(addresses: number): number {
  let prefix = SMALLEST_SUBNET_PREFIX;
  while (prefix > 0 && 2 ** (32 - prefix) < addresses) {
    prefix -= 1;
  }
  return prefix;
}

/**
 * Size rules of the network section that need other sections (API Management, Application Gateway). `prefixLengths` holds the parsed prefix length of each well-formed subnet; malformed ones are
 * reported by the structure check and skipped here.
 */
export function networkSizeProblems(
  prefixLengths: Partial<Record<keyof NetworkConfig['subnets'], { text: string; prefixLength: number }>>,
  tenants: SubnetTenants,
): NetworkProblem[] {
  const problems: NetworkProblem[] = [];
  const tooSmall = new Set<string>();
  for (const [name, subnet] of Object.entries(prefixLengths)) {
    if (subnet && subnet.prefixLength > SMALLEST_SUBNET_PREFIX) {
      tooSmall.add(name);
      problems.push({
        path: ['network', 'subnets', name],
        message: `a subnet of /${SMALLEST_SUBNET_PREFIX} or larger (Azure's smallest subnet)`,
        input: subnet.text,
      });
    }
  }
  for (const need of subnetNeeds(tenants)) {
    const subnet = prefixLengths[need.subnet];
    if (!subnet || tooSmall.has(need.subnet)) {
      continue;
    }
    if (2 ** (32 - subnet.prefixLength) < need.addresses) {
      problems.push({
        path: ['network', 'subnets', need.subnet],
        message: `a subnet of at least ${need.addresses} addresses (/${prefixFor(need.addresses)} or larger) for ${need.purpose}`,
        input: subnet.text,
      });
    }
  }
  return problems;
}
