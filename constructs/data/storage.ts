import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageContainerImmutabilityPolicy } from '@cdktf/provider-azurerm/lib/storage-container-immutability-policy';
import { Construct } from 'constructs';

import { DiagnosticSettings } from '../diagnostics';
import { PrivateEndpoint } from '../network/private-endpoint';
import type { PrivateLinkPlacement } from './key-vault';

/** Redundancy options, weakest first. Production needs zone redundancy or better. */
export const REPLICATION_TYPES = ['LRS', 'ZRS', 'GRS', 'GZRS', 'RAGRS', 'RAGZRS'] as const;
export type ReplicationType = (typeof REPLICATION_TYPES)[number];

export interface GatewayStorageProps {
  /** Account name, from the naming module. */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly replication: ReplicationType;
  /** Days deleted blobs, versions and containers stay recoverable (1-365). */
  readonly softDeleteDays: number;
  /** Container names, from the naming module. */
  readonly containers: { readonly training: string };
  /**
   * Containers the Log Analytics export writes the audit archive to (`am-<table>`, one per exported table), created
   * here so that they carry a retention policy before the first row arrives.
   * @default none (no archive)
   */
  readonly archiveContainers?: readonly string[];
  /**
   * Days archived blobs cannot be changed or deleted (time-based retention on each archive container). 0 for none.
   * The policy is left unlocked: locking is irreversible and belongs to a compliance decision, not a deploy.
   */
  readonly auditImmutabilityDays: number;
  /** Private endpoint name, from the naming module. */
  readonly privateEndpointName: string;
  readonly privateLink: PrivateLinkPlacement;
  /** The `privatelink.blob.core.windows.net` zone. */
  readonly blobPrivateDnsZoneId: string;
  readonly workspaceId: string;
  /** Refuse `terraform destroy` of the account and its containers (production). */
  readonly preventDestroy: boolean;
  /**
   * Resource instances that reach the account through its firewall as trusted services, with their own managed
   * identity and role (the Azure OpenAI accounts reading training files): ARM ids, which may not exist yet.
   * @default none
   */
  readonly trustedResourceInstances?: readonly string[];
  /** Tenant of the trusted resource instances. */
  readonly tenantId: string;
}

/**
 * The storage account for model-training artifacts (fine-tuning files) and the long-term audit archive. Entra ID
 * only (no shared keys, no SAS signed with keys), TLS 1.2 over HTTPS, no anonymous access, no network allowed:
 * reachable through its blob private endpoint and by trusted Azure services only, versioned and soft-deleted,
 * encrypted twice (service and infrastructure).
 * Containers are managed through Resource Manager (`storage_account_id`), which needs no data-plane access and so
 * works from outside the virtual network.
 */
export class GatewayStorage extends Construct {
  readonly account: StorageAccount;
  readonly trainingContainer: StorageContainer;
  /** The archive containers by name. */
  readonly archiveContainers: Readonly<Record<string, StorageContainer>>;
  /** Time-based retention of each archive container, by name; empty when `auditImmutabilityDays` is 0. */
  readonly archiveImmutabilityPolicies: Readonly<Record<string, StorageContainerImmutabilityPolicy>>;
  readonly privateEndpoint: PrivateEndpoint;

  constructor(scope: Construct, id: string, props: GatewayStorageProps) {
    super(scope, id);
    if (!Number.isInteger(props.softDeleteDays) || props.softDeleteDays < 1 || props.softDeleteDays > 365) {
      throw new Error(`storage account ${props.name}: softDeleteDays must be a whole number 1-365, got ${props.softDeleteDays}`);
    }
    if (!Number.isInteger(props.auditImmutabilityDays) || props.auditImmutabilityDays < 0 || props.auditImmutabilityDays > 146000) {
      throw new Error(
        `storage account ${props.name}: auditImmutabilityDays must be a whole number 0-146000, got ${props.auditImmutabilityDays}`,
      );
    }
    const lifecycle = { preventDestroy: props.preventDestroy };
    this.account = new StorageAccount(this, 'account', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: props.replication,
      accessTier: 'Hot',
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      // Entra ID only: the provider reaches the data plane with `storage_use_azuread`.
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      allowNestedItemsToBePublic: false,
      // "Selected networks" with no network selected: every network is refused (default Deny, no IP or subnet
      // rules), the private endpoint is the way in, and only the trusted-service exceptions pass: Network Watcher
      // writing flow logs, Log Analytics exporting tables, and the resource instances below. Disabling public
      // network access altogether would refuse those exceptions too ("denies all logins that match IP or virtual
      // network-based firewall rules", Azure Policy b2982f36-99f2-4db5-8eff-283140c09693), so flow logs, the
      // archive export and fine-tuning reads would fail silently.
      // https://learn.microsoft.com/azure/storage/common/storage-network-security (trusted services, resource instances)
      publicNetworkAccessEnabled: true,
      networkRules: {
        defaultAction: 'Deny',
        bypass: ['AzureServices'],
        ipRules: [],
        virtualNetworkSubnetIds: [],
        privateLinkAccess: (props.trustedResourceInstances ?? []).map((endpointResourceId) => ({
          endpointResourceId,
          endpointTenantId: props.tenantId,
        })),
      },
      infrastructureEncryptionEnabled: true,
      crossTenantReplicationEnabled: false,
      // Copies into this account only from accounts reachable over the same private links.
      allowedCopyScope: 'PrivateLink',
      localUserEnabled: false,
      sftpEnabled: false,
      isHnsEnabled: false,
      blobProperties: {
        versioningEnabled: true,
        changeFeedEnabled: true,
        deleteRetentionPolicy: { days: props.softDeleteDays },
        containerDeleteRetentionPolicy: { days: props.softDeleteDays },
      },
      lifecycle,
    });
    const container = (id: string, name: string) =>
      new StorageContainer(this, id, { name, storageAccountId: this.account.id, containerAccessType: 'private', lifecycle });
    this.trainingContainer = container('training-container', props.containers.training);
    // The export writes where Azure Monitor decides (`am-<table>`), not to a container of ours: the retention
    // policy goes on those containers. Training files stay deletable.
    const archive = (props.archiveContainers ?? []).map((name) => [name, container(`archive-${name}`, name)] as const);
    this.archiveContainers = Object.fromEntries(archive);
    this.archiveImmutabilityPolicies =
      props.auditImmutabilityDays > 0
        ? Object.fromEntries(
            archive.map(([name, archived]) => [
              name,
              new StorageContainerImmutabilityPolicy(this, `archive-${name}-immutability`, {
                storageContainerResourceManagerId: archived.id,
                immutabilityPeriodInDays: props.auditImmutabilityDays,
                locked: false,
                // The export appends to append blobs; appends stay allowed, rewrites and deletes do not.
                protectedAppendWritesEnabled: true,
              }),
            ]),
          )
        : {};
    this.privateEndpoint = new PrivateEndpoint(this, 'blob-private-endpoint', {
      ...props.privateLink,
      name: props.privateEndpointName,
      targetResourceId: this.account.id,
      subresource: 'blob',
      privateDnsZoneIds: [props.blobPrivateDnsZoneId],
    });
    new DiagnosticSettings(this, 'account-diagnostics', {
      targetResourceId: this.account.id,
      workspaceId: props.workspaceId,
      profile: 'storageAccount',
    });
    new DiagnosticSettings(this, 'blob-diagnostics', {
      targetResourceId: `${this.account.id}/blobServices/default`,
      workspaceId: props.workspaceId,
      profile: 'storageBlobService',
    });
  }
}
