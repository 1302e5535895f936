import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { Construct } from 'constructs';

import { API_MANAGEMENT_DEFAULT_ZONE } from '../../lib/naming';

/**
 * The private DNS zones the environment's private endpoints register in, and the zone that resolves the internal
 * API Management host names. Keys are what constructs ask for; values are Azure's zone names.
 */
export const PRIVATE_DNS_ZONE_NAMES = {
  /** Azure OpenAI accounts (subresource `account`). */
  openai: 'privatelink.openai.azure.com',
  /** Other Cognitive Services endpoints of the same accounts. */
  cognitiveServices: 'privatelink.cognitiveservices.azure.com',
  keyVault: 'privatelink.vaultcore.azure.net',
  blob: 'privatelink.blob.core.windows.net',
  /**
   * Internal-mode API Management answers on `<name>.azure-api.net` at its private address. The zone the environment
   * actually creates for it is `apiManagementZoneName` (its own domain, when configured): a zone named azure-api.net
   * answers for every `*.azure-api.net` name.
   */
  apiManagement: API_MANAGEMENT_DEFAULT_ZONE,
} as const;

export type PrivateDnsZoneKey = keyof typeof PRIVATE_DNS_ZONE_NAMES;

export interface PrivateDnsZonesProps {
  readonly resourceGroupName: string;
  /** Virtual network the zones are linked to, so its resources resolve private addresses. */
  readonly virtualNetworkId: string;
  /**
   * Peered virtual networks of runners and operators, linked too so that they resolve the same private addresses.
   * @default none
   */
  readonly peeredVirtualNetworkIds?: readonly string[];
  /**
   * The zone API Management's host names live in (naming: apiManagementZone).
   * @default PRIVATE_DNS_ZONE_NAMES.apiManagement
   */
  readonly apiManagementZoneName?: string;
}

/** Creates every private DNS zone and links each to the environment's virtual network. */
export class PrivateDnsZones extends Construct {
  readonly zones: Readonly<Record<PrivateDnsZoneKey, PrivateDnsZone>>;

  constructor(scope: Construct, id: string, props: PrivateDnsZonesProps) {
    super(scope, id);
    const entries = (Object.keys(PRIVATE_DNS_ZONE_NAMES) as PrivateDnsZoneKey[]).map((key) => {
      const zone = new PrivateDnsZone(this, key, {
        name: key === 'apiManagement' ? (props.apiManagementZoneName ?? PRIVATE_DNS_ZONE_NAMES.apiManagement) : PRIVATE_DNS_ZONE_NAMES[key],
        resourceGroupName: props.resourceGroupName,
      });
      new PrivateDnsZoneVirtualNetworkLink(this, `${key}-link`, {
        name: 'vnet-link',
        resourceGroupName: props.resourceGroupName,
        privateDnsZoneName: zone.name,
        virtualNetworkId: props.virtualNetworkId,
        // Records come from private endpoints' zone groups, never from VM auto-registration.
        registrationEnabled: false,
      });
      (props.peeredVirtualNetworkIds ?? []).forEach((virtualNetworkId, index) => {
        new PrivateDnsZoneVirtualNetworkLink(this, `${key}-peer-link-${index + 1}`, {
          name: `peer-link-${index + 1}`,
          resourceGroupName: props.resourceGroupName,
          privateDnsZoneName: zone.name,
          virtualNetworkId,
          registrationEnabled: false,
        });
      });
      return [key, zone] as const;
    });
    this.zones = Object.fromEntries(entries) as Record<PrivateDnsZoneKey, PrivateDnsZone>;
  }
}
