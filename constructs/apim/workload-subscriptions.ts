import { ApiManagementSubscription } from '@cdktf/provider-azurerm/lib/api-management-subscription';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

import { GUID } from '../../lib/guid';
import { TimeSleep } from '../time';

/** The narrowest Key Vault role that can write a secret (the deployment pipeline). */
export const SECRET_WRITER_ROLE = 'Key Vault Secrets Officer';
/** The narrowest role that can read one secret (the workload, on its own secret only). */
export const SECRET_READER_ROLE = 'Key Vault Secrets User';

/** One workload (service principal or managed identity) granted a tier directly. */
export interface WorkloadSubscriptionSpec {
  /** Object id of the workload's service principal. */
  readonly principalId: string;
  /** Resource id of the tier's product (`azurerm_api_management_product.id`). */
  readonly productId: string;
  /** Display name of the subscription, as administrators see it. */
  readonly displayName: string;
  /**
   * Identifier of the subscription (naming: workloadSubscription); it names the workload, so the API policy can
   * refuse the key with any other caller's token.
   */
  readonly subscriptionId: string;
  /** Name of the Key Vault secret that carries the subscription's primary key; unique per workload and tier. */
  readonly secretName: string;
}

export interface WorkloadSubscriptionsProps {
  readonly apiManagementName: string;
  readonly resourceGroupName: string;
  /** Resource id of the environment's Key Vault (RBAC mode), where each workload finds its key. */
  readonly keyVaultId: string;
  readonly workloads: readonly WorkloadSubscriptionSpec[];
  /** Waits for the products. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * A subscription per workload, owned by no user (a product allows one subscription per user, and a workload signs in
 * to no portal), its key written to the environment's Key Vault, and read access to that one secret for the
 * workload alone. Nobody copies a key by hand.
 */
export class WorkloadSubscriptions extends Construct {
  /** By secret name (one per workload and tier). */
  readonly subscriptions: Readonly<Record<string, ApiManagementSubscription>>;
  readonly secrets: Readonly<Record<string, KeyVaultSecret>>;

  constructor(scope: Construct, id: string, props: WorkloadSubscriptionsProps) {
    super(scope, id);
    const problems = props.workloads.flatMap((workload, index) =>
      GUID.test(workload.principalId) ? [] : [`workloads[${index}].principalId must be a lowercase GUID, got "${workload.principalId}"`],
    );
    if (problems.length > 0) {
      throw new Error(`WorkloadSubscriptions "${id}": ${problems.join('; ')}`);
    }
    const subscriptions: Record<string, ApiManagementSubscription> = {};
    const secrets: Record<string, KeyVaultSecret> = {};
    if (props.workloads.length > 0) {
      // Writing a secret is a data-plane call: in an RBAC vault the identity running Terraform needs a data role,
      // and the secrets wait until the assignment takes effect.
      const deployer = new DataAzurermClientConfig(this, 'deployer');
      const writer = new RoleAssignment(this, 'deployer-secrets-officer', {
        scope: props.keyVaultId,
        roleDefinitionName: SECRET_WRITER_ROLE,
        principalId: deployer.objectId,
        description: 'Lets the deployment pipeline deliver workload subscription keys.',
      });
      const propagation = new TimeSleep(this, 'writer-access-propagation', { createDuration: '120s', dependsOn: [writer] });
      for (const workload of props.workloads) {
        const subscription = new ApiManagementSubscription(this, `subscription-${workload.secretName}`, {
          apiManagementName: props.apiManagementName,
          resourceGroupName: props.resourceGroupName,
          productId: workload.productId,
          displayName: workload.displayName,
          subscriptionId: workload.subscriptionId,
          state: 'active',
          allowTracing: false,
          dependsOn: props.dependsOn,
        });
        const secret = new KeyVaultSecret(this, `key-${workload.secretName}`, {
          name: workload.secretName,
          keyVaultId: props.keyVaultId,
          value: subscription.primaryKey,
          contentType: 'api-management-subscription-key',
          dependsOn: [propagation],
        });
        new RoleAssignment(this, `reader-${workload.secretName}`, {
          scope: secret.resourceVersionlessId,
          roleDefinitionName: SECRET_READER_ROLE,
          principalId: workload.principalId,
          principalType: 'ServicePrincipal',
          description: 'Lets the workload read its own gateway subscription key.',
        });
        subscriptions[workload.secretName] = subscription;
        secrets[workload.secretName] = secret;
      }
    }
    this.subscriptions = subscriptions;
    this.secrets = secrets;
  }
}
