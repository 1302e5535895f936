import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

/**
 * Record names in the `azure-api.net` zone for an instance: the gateway and every other endpoint. Internal mode
 * publishes no DNS of its own; these records make the default host names resolve to the private address.
 * https://learn.microsoft.com/azure/api-management/api-management-using-with-internal-vnet#dns-configuration
 */
export const API_MANAGEMENT_ENDPOINTS = ['gateway', 'portal', 'developer', 'management', 'scm'] as const;
export type ApiManagementRecord = (typeof API_MANAGEMENT_ENDPOINTS)[number];

/** Record name relative to `azure-api.net`: `<name>` for the gateway, `<name>.<endpoint>` for the others. */
export function recordName(apiManagementName: string, endpoint: ApiManagementRecord): string {
  return endpoint === 'gateway' ? apiManagementName : `${apiManagementName}.${endpoint}`;
}

export interface ApiManagementDnsRecordsProps {
  /** Name of the API Management instance (a plain string: record names must be known at synth time). */
  readonly apiManagementName: string;
  /** The `azure-api.net` private zone linked to the virtual network. */
  readonly zoneName: string;
  readonly zoneResourceGroupName: string;
  /** The instance's private addresses. */
  readonly privateIpAddresses: string[];
  /** @default 300 */
  readonly ttl?: number;
}

/** A records for the gateway, portal, developer portal, management and SCM host names of an internal instance. */
export class ApiManagementDnsRecords extends Construct {
  /** By endpoint. */
  readonly records: Readonly<Record<ApiManagementRecord, PrivateDnsARecord>>;

  constructor(scope: Construct, id: string, props: ApiManagementDnsRecordsProps) {
    super(scope, id);
    if (Token.isUnresolved(props.apiManagementName)) {
      throw new Error(`ApiManagementDnsRecords "${id}": apiManagementName must be a plain string, not a reference`);
    }
    if (!Token.isUnresolved(props.zoneName) && props.zoneName !== 'azure-api.net') {
      throw new Error(`ApiManagementDnsRecords "${id}": zoneName must be azure-api.net, got "${props.zoneName}"`);
    }
    const entries = API_MANAGEMENT_ENDPOINTS.map(
      (endpoint) =>
        [
          endpoint,
          new PrivateDnsARecord(this, endpoint, {
            name: recordName(props.apiManagementName, endpoint),
            zoneName: props.zoneName,
            resourceGroupName: props.zoneResourceGroupName,
            ttl: props.ttl ?? 300,
            records: props.privateIpAddresses,
          }),
        ] as const,
    );
    this.records = Object.fromEntries(entries) as Record<ApiManagementRecord, PrivateDnsARecord>;
  }
}
