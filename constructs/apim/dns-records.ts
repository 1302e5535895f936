import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

import { API_MANAGEMENT_RECORDS, type ApiManagementRecord } from '../../lib/naming';

/** One label of a DNS record name (letters, digits, hyphens), dot-separated. */
const RECORD_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export interface ApiManagementDnsRecordsProps {
  /**
   * Record name of every endpoint relative to the zone (naming: apiManagementRecord): plain strings, known at synth
   * time.
   */
  readonly recordNames: Readonly<Record<ApiManagementRecord, string>>;
  /** The private zone API Management's host names live in, linked to the virtual network. */
  readonly zoneName: string;
  readonly zoneResourceGroupName: string;
  /** The instance's private addresses. */
  readonly privateIpAddresses: string[];
  /** @default 300 */
  readonly ttl?: number;
}

/**
 * A records for the gateway, portal, developer portal, management and SCM host names of an internal instance.
 * Internal mode publishes no DNS of its own; these records make the host names resolve to the private address.
 * https://learn.microsoft.com/azure/api-management/api-management-using-with-internal-vnet#dns-configuration
 */
export class ApiManagementDnsRecords extends Construct {
  /** By endpoint. */
  readonly records: Readonly<Record<ApiManagementRecord, PrivateDnsARecord>>;

  constructor(scope: Construct, id: string, props: ApiManagementDnsRecordsProps) {
    super(scope, id);
    const problems = API_MANAGEMENT_RECORDS.flatMap((endpoint) => {
      const name = props.recordNames[endpoint];
      if (Token.isUnresolved(name)) {
        return [`recordNames.${endpoint} must be a plain string, not a reference`];
      }
      return RECORD_NAME.test(name) ? [] : [`recordNames.${endpoint} is not a DNS record name, got "${name}"`];
    });
    if (problems.length > 0) {
      throw new Error(`ApiManagementDnsRecords "${id}": ${problems.join('; ')}`);
    }
    const entries = API_MANAGEMENT_RECORDS.map(
      (endpoint) =>
        [
          endpoint,
          new PrivateDnsARecord(this, endpoint, {
            name: props.recordNames[endpoint],
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
