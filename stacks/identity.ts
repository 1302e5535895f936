import { DataAzureadClientConfig } from '@cdktf/provider-azuread/lib/data-azuread-client-config';
import { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';

import { AccessTierGroup } from '../constructs/identity/access-tier-group';
import { DeveloperPortalApplication } from '../constructs/identity/developer-portal-application';
import { GatewayApplication } from '../constructs/identity/gateway-application';
import { WorkspaceReaderGroups } from '../constructs/identity/workspace-reader-groups';
import type { Environment } from '../lib/environment';
import { LayerStack } from './base';

/** What the gateway layer needs to know of one access tier's Entra objects. */
export interface AccessTierIdentity {
  readonly tier: string;
  readonly group: AccessTierGroup;
  /** Value of the tier's app role in the `roles` claim. */
  readonly roleValue: string;
}

/**
 * Microsoft Entra ID objects: the access tiers' groups and the gateway's app registration. A layer of its own
 * because it needs Microsoft Graph permissions that no other pipeline should hold.
 */
export class IdentityStack extends LayerStack {
  readonly gatewayApplication: GatewayApplication;
  readonly developerPortal: DeveloperPortalApplication;
  /** In configuration order. */
  readonly tiers: readonly AccessTierIdentity[];
  /**
   * Client ids of the workloads granted a tier directly, by service principal object id: the `azp` of their
   * app-only tokens, which the gateway accepts besides the configured client applications.
   */
  readonly workloadClientIds: Readonly<Record<string, string>>;
  /** Who reads the workspace: the insights layer grants these groups its tables. */
  readonly workspaceReaders: WorkspaceReaderGroups;

  constructor(scope: Construct, environment: Environment) {
    super(scope, environment, 'identity');
    const { naming, config } = environment;
    new AzureadProvider(this, 'azuread', { tenantId: config.azure.tenantId });

    // The identity applying this layer owns what it creates, so it can keep managing it with least privilege.
    const deployer = new DataAzureadClientConfig(this, 'deployer');
    const applicationOwners = [deployer.objectId, ...config.access.applicationOwners];

    const tiers = config.access.tiers;
    this.gatewayApplication = new GatewayApplication(this, 'gateway-application', {
      displayName: naming.entraApplication(),
      identifierUri: naming.gatewayIdentifierUri(config.azure.tenantId),
      owners: applicationOwners,
      scope: { id: naming.gatewayApiScopeId() },
      preAuthorizedClientIds: config.access.clientApplications.map((client) => client.clientId),
      roles: tiers.map((tier) => ({
        tier: tier.name,
        id: naming.appRoleId(tier.name),
        value: naming.appRoleValue(tier.name),
        displayName: tier.displayName,
        description: tier.description,
      })),
    });

    this.developerPortal = new DeveloperPortalApplication(this, 'developer-portal', {
      displayName: naming.developerPortalApplication(),
      portalHostName: naming.apiManagementEndpointHostName('developer'),
      secretRotationDays: config.access.developerPortal.secretRotationDays,
      owners: applicationOwners,
    });

    this.tiers = tiers.map((tier) => ({
      tier: tier.name,
      roleValue: naming.appRoleValue(tier.name),
      group: new AccessTierGroup(this, `tier-${tier.name}`, {
        displayName: naming.entraGroup(tier.name),
        description: `Members may subscribe to the ${tier.displayName} tier of the Azure OpenAI gateway (${config.name}). ${tier.description}`,
        owners: [deployer.objectId, ...tier.groupOwners],
        gatewayServicePrincipalObjectId: this.gatewayApplication.servicePrincipal.objectId,
        appRoleId: naming.appRoleId(tier.name),
        servicePrincipals: tier.servicePrincipals,
        developerPortalServicePrincipalObjectId: this.developerPortal.servicePrincipal.objectId,
      }),
    }));

    this.workspaceReaders = new WorkspaceReaderGroups(this, 'workspace-readers', {
      displayNames: { logs: naming.workspaceReaderGroup('logs'), prompts: naming.workspaceReaderGroup('prompts') },
      environment: config.name,
      owners: [deployer.objectId, ...config.logging.readers.groupOwners],
    });

    const workloads = [...new Set(tiers.flatMap((tier) => tier.servicePrincipals))].sort();
    this.workloadClientIds = Object.fromEntries(
      workloads.map((objectId) => [objectId, new DataAzureadServicePrincipal(this, `workload-${objectId}`, { objectId }).clientId]),
    );

    new TerraformOutput(this, 'gateway-client-id', {
      value: this.gatewayApplication.clientId,
      description: 'Client id of the gateway app registration: the audience callers request tokens for.',
    });
    new TerraformOutput(this, 'gateway-identifier-uri', {
      value: this.gatewayApplication.identifierUri,
      description: 'Application ID URI of the gateway; clients request the scope <uri>/.default.',
    });
  }
}
