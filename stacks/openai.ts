import type { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { Construct } from 'constructs';

import { OpenAiAccount } from '../constructs/openai/openai-account';
import { OpenAiAccess } from '../constructs/openai/role-assignment';
import type { Environment } from '../lib/environment';
import type { Region } from '../lib/regions';
import { LayerStack } from './base';
import type { DataStack } from './data';
import type { MonitoringStack } from './monitoring';
import type { NetworkStack } from './network';

export interface OpenAiStackProps {
  readonly monitoring: Pick<MonitoringStack, 'workspace'>;
  readonly network: Pick<NetworkStack, 'dns' | 'subnets'>;
  /** Holds the training container each account's identity may read. */
  readonly data: Pick<DataStack, 'trainingContainer' | 'storageAccount'>;
}

/** One Azure OpenAI account as the gateway's backend pool sees it. */
export interface OpenAiInstance {
  /** Instance name from configuration; stable, so usable in backend ids. */
  readonly name: string;
  readonly location: Region;
  /** Lower is preferred; the pool uses the lowest priority that has a healthy member. */
  readonly priority: number;
  /** Share of traffic among instances of the same priority. */
  readonly weight: number;
  readonly account: CognitiveAccount;
  /** `https://<subdomain>.openai.azure.com/`, a plain string known at synth time. */
  readonly endpoint: string;
  /** Deployments this account serves, in creation order. */
  readonly deploymentNames: readonly string[];
}

/**
 * The Azure OpenAI fleet: one keyless, private account per configured instance, each in its own region, with its
 * model deployments, diagnostics and private endpoint. Role assignments for API Management are made in the
 * gateway layer, once its identity exists (see `OpenAiAccess`).
 */
export class OpenAiStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;
  /** In configuration order. */
  readonly instances: readonly OpenAiInstance[];
  /** The accounts' constructs, by instance name, for anything beyond the pool's needs. */
  readonly accounts: Readonly<Record<string, OpenAiAccount>>;
  /** Contributor access for the fine-tuning operators' group, when configured. */
  readonly fineTuningOperators?: OpenAiAccess;

  constructor(scope: Construct, environment: Environment, props: OpenAiStackProps) {
    super(scope, environment, 'openai');
    this.useAzurerm();
    const { naming, config } = environment;
    this.resourceGroup = this.layerResourceGroup();
    const { network, monitoring, data } = props;
    const zoneIds = [network.dns.zones.openai.id, network.dns.zones.cognitiveServices.id];
    // Built from the account id rather than taken from the container's `id`, which is a data-plane URL whenever a
    // container is declared by storage account name: a role assignment needs the Resource Manager id.
    const trainingContainerId = `${data.storageAccount.id}/blobServices/default/containers/${data.trainingContainer.name}`;
    // Fine-tuning imports read from the environment's storage account; the accounts reach no other host.
    const allowedFqdns = [`${naming.storageAccount()}.blob.core.windows.net`];

    const accounts: Record<string, OpenAiAccount> = {};
    this.instances = config.openai.instances.map((instance) => {
      const name = naming.openAiAccount(instance.name, instance.location);
      const account = new OpenAiAccount(this, `instance-${instance.name}`, {
        name,
        resourceGroupName: this.resourceGroup.name,
        location: instance.location,
        deployments: instance.deployments,
        network: {
          endpointName: naming.privateEndpoint(name, 'account'),
          resourceGroupName: this.resourceGroup.name,
          location: environment.location,
          subnetId: network.subnets.privateEndpoints.id,
          privateDnsZoneIds: zoneIds,
        },
        workspaceId: monitoring.workspace.id,
        trainingContainerId,
        allowedFqdns,
        preventDestroy: environment.production,
      });
      accounts[instance.name] = account;
      return {
        name: instance.name,
        location: instance.location,
        priority: instance.priority,
        weight: instance.weight,
        account: account.account,
        endpoint: account.endpoint,
        deploymentNames: account.deployments.names,
      };
    });
    this.accounts = accounts;

    const operators = config.openai.fineTuningOperatorsGroupObjectId;
    if (operators !== undefined) {
      this.fineTuningOperators = new OpenAiAccess(this, 'fine-tuning-operators', {
        instances: this.instances,
        role: 'Cognitive Services OpenAI Contributor',
        principalId: operators,
        principalType: 'Group',
        description: 'Fine-tuning operators',
      });
    }
  }
}
