import type { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import type { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import type { Construct } from 'constructs';

import { GatewayKeyVault } from '../constructs/data/key-vault';
import { GatewayStorage } from '../constructs/data/storage';
import { GATEWAY_TABLES } from '../constructs/monitoring/gateway-tables';
import { exportContainers } from '../constructs/monitoring/table-export';
import { VirtualNetworkFlowLog } from '../constructs/network/flow-log';
import type { Environment } from '../lib/environment';
import { LayerStack } from './base';
import type { MonitoringStack } from './monitoring';
import type { NetworkStack } from './network';

export interface DataStackProps {
  readonly monitoring: Pick<MonitoringStack, 'workspace'>;
  readonly network: Pick<NetworkStack, 'dns' | 'virtualNetwork' | 'subnets'>;
}

/**
 * Key Vault and the Storage account: data that must outlive every other layer, protected from destroy in
 * production. The virtual network's flow logs are declared here because they need the storage account, which
 * the network layer (deployed first) cannot reference.
 */
export class DataStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;
  readonly keyVault: KeyVault;
  readonly storageAccount: StorageAccount;
  /** Fine-tuning files and other model-training artifacts. */
  readonly trainingContainer: StorageContainer;
  /** Long-term archive of the gateway's logs; time-based immutability when configured. */
  /** The containers the audit archive is exported to, by name (none without an archive). */
  readonly archiveContainers: Readonly<Record<string, StorageContainer>>;
  /** Absent when flow logs are off in configuration. */
  readonly flowLog?: VirtualNetworkFlowLog;

  constructor(scope: Construct, environment: Environment, props: DataStackProps) {
    super(scope, environment, 'data');
    this.useAzurerm();
    const { naming, config, production } = environment;
    const { monitoring, network } = props;
    this.resourceGroup = this.layerResourceGroup();
    const placement = { resourceGroupName: this.resourceGroup.name, location: this.resourceGroup.location };
    const privateLink = { ...placement, subnetId: network.subnets.privateEndpoints.id };
    const workspaceId = monitoring.workspace.id;

    const keyVaultName = naming.keyVault();
    const keyVault = new GatewayKeyVault(this, 'key-vault', {
      ...placement,
      name: keyVaultName,
      tenantId: config.azure.tenantId,
      privateEndpointName: naming.privateEndpoint(keyVaultName, 'vault'),
      privateLink,
      privateDnsZoneId: network.dns.zones.keyVault.id,
      workspaceId,
      preventDestroy: production,
    });
    this.keyVault = keyVault.vault;

    const storageName = naming.storageAccount();
    const storage = new GatewayStorage(this, 'storage', {
      ...placement,
      name: storageName,
      // Zone-redundant in production: a zone outage must not take the audit archive with it.
      replication: production ? 'ZRS' : 'LRS',
      softDeleteDays: production ? 90 : 14,
      containers: { training: naming.storageContainer('training') },
      archiveContainers: config.logging.archive.enabled ? exportContainers(GATEWAY_TABLES) : [],
      auditImmutabilityDays: config.logging.archive.immutabilityDays,
      privateEndpointName: naming.privateEndpoint(storageName, 'blob'),
      privateLink,
      blobPrivateDnsZoneId: network.dns.zones.blob.id,
      workspaceId,
      preventDestroy: production,
      tenantId: config.azure.tenantId,
      // The accounts live in a later layer; their ids follow from the naming rules, so no reference is needed.
      trustedResourceInstances: config.openai.instances.map((instance) =>
        naming.openAiAccountId(config.azure.subscriptionId, instance.name, instance.location),
      ),
    });
    this.storageAccount = storage.account;
    this.trainingContainer = storage.trainingContainer;
    this.archiveContainers = storage.archiveContainers;

    const { flowLogs } = config.network;
    if (flowLogs.enabled) {
      this.flowLog = new VirtualNetworkFlowLog(this, 'flow-log', {
        name: naming.flowLog(),
        networkWatcher: flowLogs.networkWatcher ?? naming.defaultNetworkWatcher(),
        location: environment.location,
        virtualNetworkId: network.virtualNetwork.id,
        storageAccountId: this.storageAccount.id,
        retentionDays: flowLogs.retentionDays,
        trafficAnalytics: {
          workspaceGuid: monitoring.workspace.workspaceId,
          workspaceRegion: environment.location,
          workspaceResourceId: workspaceId,
          intervalMinutes: flowLogs.trafficAnalyticsIntervalMinutes,
        },
        identity: { name: naming.userAssignedIdentity('flowlog'), resourceGroupName: this.resourceGroup.name },
        // The tags aspect covers azurerm resources; the azapi flow log takes the same tags explicitly.
        tags: environment.tags('data'),
      });
    }
  }
}
