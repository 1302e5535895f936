import { CognitiveDeployment } from '@cdktf/provider-azurerm/lib/cognitive-deployment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

import type { DeploymentSku, VersionUpgradeOption } from '../../lib/azure/openai';

/** One model deployment: the name clients call, the model behind it and the throughput reserved for it. */
export interface ModelDeploymentSpec {
  /** Deployment name, the `{name}` in `/openai/deployments/{name}/...`. */
  readonly name: string;
  readonly model: { readonly name: string; readonly version: string };
  readonly sku: DeploymentSku;
  /** Thousands of tokens per minute, or provisioned throughput units for ProvisionedManaged. */
  readonly capacity: number;
  /**
   * When Azure may move the deployment to a newer model version.
   * @default "NoAutoUpgrade"
   */
  readonly versionUpgradeOption?: VersionUpgradeOption;
  /**
   * Content filter (RAI policy) that already exists on the account.
   * @default the account's default content filter
   */
  readonly raiPolicyName?: string;
}

export interface ModelDeploymentsProps {
  /** The Azure OpenAI account the models are deployed on. */
  readonly accountId: string;
  /** Created in this order; at least one, names unique. */
  readonly deployments: readonly ModelDeploymentSpec[];
}

/**
 * The model deployments of one account, created strictly one after another: Azure answers 409 to a deployment
 * created while another on the same account is still in progress, so each one depends on the one before it.
 */
export class ModelDeployments extends Construct {
  /** In creation order. */
  readonly deployments: readonly CognitiveDeployment[];
  /** Deployment names, in creation order. */
  readonly names: readonly string[];

  constructor(scope: Construct, id: string, props: ModelDeploymentsProps) {
    super(scope, id);
    validate(props.deployments);
    const created: CognitiveDeployment[] = [];
    for (const spec of props.deployments) {
      const previous = created.at(-1);
      created.push(
        new CognitiveDeployment(this, spec.name, {
          name: spec.name,
          cognitiveAccountId: props.accountId,
          model: { format: 'OpenAI', name: spec.model.name, version: spec.model.version },
          sku: { name: spec.sku, capacity: spec.capacity },
          versionUpgradeOption: spec.versionUpgradeOption ?? 'NoAutoUpgrade',
          raiPolicyName: spec.raiPolicyName,
          dependsOn: previous ? [previous] : undefined,
        }),
      );
    }
    this.deployments = created;
    this.names = props.deployments.map((d) => d.name);
  }
}

function validate(deployments: readonly ModelDeploymentSpec[]): void {
  if (deployments.length === 0) {
    throw new Error('model deployments: deployments must list at least one deployment, got none');
  }
  const seen = new Set<string>();
  for (const spec of deployments) {
    if (seen.has(spec.name)) {
      throw new Error(`model deployments: deployment names must be unique on an account, got "${spec.name}" twice`);
    }
    seen.add(spec.name);
    if (!Token.isUnresolved(spec.capacity) && !(Number.isInteger(spec.capacity) && spec.capacity > 0)) {
      throw new Error(`model deployments: ${spec.name}: capacity must be a whole number > 0, got ${spec.capacity}`);
    }
  }
}
