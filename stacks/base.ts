import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Aspects, AzurermBackend, LocalBackend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

import type { AzapiProviderConfig, AzapiProviderDefaults } from '../constructs/azapi/provider';
import { HcpTerraformBackend } from '../constructs/state/hcp-terraform-backend';
import { TagsAspect } from '../constructs/tags';
import type { Environment } from '../lib/environment';
import type { Layer } from '../lib/layers';
import { TERRAFORM_REQUIRED_VERSION } from '../lib/terraform';

/**
 * What every stack of an environment shares: its state backend (one state per stack), the azurerm provider
 * pinned to the environment's tenant and subscription, the resource group the layer owns, and the tags aspect.
 * Subclasses compose constructs; they hold no provider or backend details.
 */
export abstract class LayerStack extends TerraformStack implements AzapiProviderDefaults {
  readonly environment: Environment;
  readonly layer: Layer;

  protected constructor(scope: Construct, environment: Environment, layer: Layer) {
    super(scope, environment.stackName(layer));
    this.environment = environment;
    this.layer = layer;
    configureBackend(this, environment, layer);
    this.addOverride('terraform.required_version', TERRAFORM_REQUIRED_VERSION);
    Aspects.of(this).add(new TagsAspect(environment.tags(layer)));
  }

  /** The azapi provider an azapi construct adds to this stack on first use: pinned like azurerm. */
  azapiProviderConfig(): AzapiProviderConfig {
    const { tenantId, subscriptionId } = this.environment.config.azure;
    return { tenantId, subscriptionId };
  }

  /** Adds the azurerm provider; the identity layer, which only talks to Microsoft Graph, does without. */
  protected useAzurerm(): AzurermProvider {
    const { azure } = this.environment.config;
    return new AzurermProvider(this, 'azurerm', {
      tenantId: azure.tenantId,
      subscriptionId: azure.subscriptionId,
      // Storage data-plane calls use Entra ID, since shared keys are disabled on every account.
      storageUseAzuread: true,
      features: [
        {
          // Soft-deleted vaults and accounts are recoverable evidence; never purge them on destroy.
          keyVault: [{ purgeSoftDeleteOnDestroy: false, recoverSoftDeletedKeyVaults: true }],
          cognitiveAccount: [{ purgeSoftDeleteOnDestroy: false }],
          apiManagement: [{ purgeSoftDeleteOnDestroy: false, recoverSoftDeleted: true }],
          logAnalyticsWorkspace: [{ permanentlyDeleteOnDestroy: false }],
          resourceGroup: [{ preventDeletionIfContainsResources: true }],
          // Storage accounts are private: plan and apply must not need the blob endpoint, which a runner
          // outside the virtual network cannot reach. Containers are created through Resource Manager.
          storage: [{ dataPlaneAvailable: false }],
        },
      ],
    });
  }

  /** The layer's own resource group, in the environment's primary region. */
  protected layerResourceGroup(): ResourceGroup {
    return new ResourceGroup(this, 'resource-group', {
      name: this.environment.naming.resourceGroup(this.layer),
      location: this.environment.location,
    });
  }
}

/** Folder beside the synth output (`cdktf.out`) that holds local state; synth replaces the output, never this. */
export const LOCAL_STATE_DIR = 'terraform-state';

/**
 * Where a stack keeps local state, relative to the folder Terraform runs it in (`<output>/stacks/<stack>/`). cdktf
 * gives the same path to every stack that reads this one's outputs, and those run at the same depth, so producer
 * and consumers resolve it to the same file. Relative, so the synthesized JSON names no path of this machine.
 */
export function localStatePath(stackName: string): string {
  return `../../../${LOCAL_STATE_DIR}/${stackName}.tfstate`;
}

function configureBackend(stack: TerraformStack, environment: Environment, layer: Layer): void {
  const state = environment.config.state;
  const stackName = environment.stackName(layer);
  switch (state.backend) {
    case 'local':
      new LocalBackend(stack, { path: localStatePath(stackName) });
      return;
    case 'azurerm':
      new AzurermBackend(stack, {
        resourceGroupName: state.resourceGroupName,
        storageAccountName: state.storageAccountName,
        containerName: state.containerName,
        key: `${state.keyPrefix}/${stackName}.tfstate`,
        subscriptionId: state.subscriptionId ?? environment.config.azure.subscriptionId,
        tenantId: environment.config.azure.tenantId,
        // State holds sensitive values: reach it with Entra ID, never with the account key.
        useAzureadAuth: true,
      });
      return;
    case 'remote':
      new HcpTerraformBackend(stack, {
        hostname: state.hostname,
        organization: state.organization,
        workspace: `${state.workspacePrefix}${stackName}`,
      });
      return;
  }
}
