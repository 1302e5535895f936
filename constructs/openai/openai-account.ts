import { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

import { DiagnosticSettings } from '../diagnostics';
import { PrivateEndpoint } from '../network/private-endpoint';
import { ModelDeployments, type ModelDeploymentSpec } from './model-deployments';

/** Azure's rule for a custom subdomain: it becomes a DNS label, so lowercase letters, digits and inner hyphens. */
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** The role an account's identity needs to read fine-tuning files from a blob container, and nothing more. */
export const TRAINING_DATA_ROLE = 'Storage Blob Data Reader';

export interface OpenAiAccountNetworkProps {
  /** Private endpoint name, from the naming module. */
  readonly endpointName: string;
  /** Resource group of the endpoint. */
  readonly resourceGroupName: string;
  /** Region of the virtual network; the account may live elsewhere. */
  readonly location: string;
  /** The private endpoints subnet. */
  readonly subnetId: string;
  /** Zones that receive the endpoint's records (`privatelink.openai.azure.com` and `privatelink.cognitiveservices.azure.com`). */
  readonly privateDnsZoneIds: readonly string[];
}

export interface OpenAiAccountProps {
  /** Account name; also its custom subdomain, which can never change afterwards. */
  readonly name: string;
  readonly resourceGroupName: string;
  /** The account's region. */
  readonly location: string;
  /** Created one after another, in this order. */
  readonly deployments: readonly ModelDeploymentSpec[];
  readonly network: OpenAiAccountNetworkProps;
  /** Log Analytics workspace that receives the account's logs and metrics. */
  readonly workspaceId: string;
  /**
   * Resource id of the blob container holding fine-tuning data; the account's identity may read it.
   * @default no storage access
   */
  readonly trainingContainerId?: string;
  /**
   * Host names the account may reach on its own (fine-tuning imports, for instance); it reaches nothing else.
   * @default none
   */
  readonly allowedFqdns?: readonly string[];
  /**
   * Refuse `terraform destroy`: the subdomain, fine-tuned models and content filters go with the account.
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/**
 * One Azure OpenAI account as the gateway needs it: keyless (Entra ID only), reachable only through a private
 * endpoint in the environment's network, with a system-assigned identity, its model deployments, and every log
 * category and metric sent to Log Analytics.
 */
export class OpenAiAccount extends Construct {
  readonly account: CognitiveAccount;
  readonly deployments: ModelDeployments;
  readonly privateEndpoint: PrivateEndpoint;
  readonly diagnostics: DiagnosticSettings;
  /** The identity's read access to the training container, when one was given. */
  readonly trainingDataReader?: RoleAssignment;
  /** `https://<subdomain>.openai.azure.com/`, known at synth time. */
  readonly endpoint: string;

  constructor(scope: Construct, id: string, props: OpenAiAccountProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.name) && !SUBDOMAIN.test(props.name)) {
      throw new Error(
        `OpenAI account: name must be a valid custom subdomain (2-64 lowercase letters, digits or inner hyphens), got "${props.name}"`,
      );
    }
    const allowedFqdns = [...(props.allowedFqdns ?? [])];
    this.account = new CognitiveAccount(this, 'account', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      kind: 'OpenAI',
      skuName: 'S0',
      // Entra ID tokens need a custom subdomain, and so do private endpoints.
      customSubdomainName: props.name,
      localAuthEnabled: false,
      publicNetworkAccessEnabled: false,
      // Only private endpoints reach the account; no trusted-service exception either.
      networkAcls: { defaultAction: 'Deny', bypass: 'None' },
      outboundNetworkAccessRestricted: true,
      fqdns: allowedFqdns.length > 0 ? allowedFqdns : undefined,
      identity: { type: 'SystemAssigned' },
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.endpoint = `https://${props.name}.openai.azure.com/`;
    this.deployments = new ModelDeployments(this, 'deployments', {
      accountId: this.account.id,
      deployments: props.deployments,
    });
    this.privateEndpoint = new PrivateEndpoint(this, 'private-endpoint', {
      name: props.network.endpointName,
      resourceGroupName: props.network.resourceGroupName,
      location: props.network.location,
      subnetId: props.network.subnetId,
      targetResourceId: this.account.id,
      subresource: 'account',
      privateDnsZoneIds: props.network.privateDnsZoneIds,
    });
    this.diagnostics = new DiagnosticSettings(this, 'diagnostics', {
      targetResourceId: this.account.id,
      workspaceId: props.workspaceId,
      profile: 'cognitiveServices',
    });
    if (props.trainingContainerId !== undefined) {
      this.trainingDataReader = new RoleAssignment(this, 'training-data-reader', {
        scope: props.trainingContainerId,
        roleDefinitionName: TRAINING_DATA_ROLE,
        principalId: this.account.identity.principalId,
        principalType: 'ServicePrincipal',
        description: `Fine-tuning data for ${props.name}`,
      });
    }
  }

  /** Object id of the account's system-assigned identity. */
  get principalId(): string {
    return this.account.identity.principalId;
  }
}
