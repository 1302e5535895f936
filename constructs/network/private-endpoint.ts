import { PrivateEndpoint as AzPrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Construct } from 'constructs';

export interface PrivateEndpointProps {
  /** Endpoint name, from the naming module. */
  readonly name: string;
  readonly resourceGroupName: string;
  /** Region of the virtual network (the target may live in another region). */
  readonly location: string;
  /** The private endpoints subnet. */
  readonly subnetId: string;
  /** Resource reached through the endpoint. */
  readonly targetResourceId: string;
  /** Target subresource (group id), e.g. `account`, `vault`, `blob`. */
  readonly subresource: string;
  /** Zones the endpoint's records are written to, through a DNS zone group. At least one. */
  readonly privateDnsZoneIds: readonly string[];
}

/**
 * A private endpoint for one subresource of one PaaS resource, with its DNS records managed by a private DNS zone
 * group, so clients in the virtual network resolve the resource's public name to its private address.
 */
export class PrivateEndpoint extends Construct {
  readonly endpoint: AzPrivateEndpoint;

  constructor(scope: Construct, id: string, props: PrivateEndpointProps) {
    super(scope, id);
    if (props.privateDnsZoneIds.length === 0) {
      throw new Error(`private endpoint ${props.name}: privateDnsZoneIds must name at least one zone, got none`);
    }
    this.endpoint = new AzPrivateEndpoint(this, 'endpoint', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subnetId: props.subnetId,
      customNetworkInterfaceName: `${props.name}-nic`,
      privateServiceConnection: {
        name: props.name,
        privateConnectionResourceId: props.targetResourceId,
        subresourceNames: [props.subresource],
        isManualConnection: false,
      },
      privateDnsZoneGroup: {
        name: 'default',
        privateDnsZoneIds: [...props.privateDnsZoneIds],
      },
    });
  }
}
