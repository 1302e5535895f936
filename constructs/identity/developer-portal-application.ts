import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { ServicePrincipalDelegatedPermissionGrant } from '@cdktf/provider-azuread/lib/service-principal-delegated-permission-grant';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

import { TimeRotating } from '../time';
import { ownerProblems } from './owners';

/** Microsoft Graph's well-known application (client) id. */
export const MICROSOFT_GRAPH_CLIENT_ID = '00000003-0000-0000-c000-000000000000';

/**
 * Graph application permissions API Management needs to resolve external groups: read a signed-in user's group
 * membership, and read the groups an administrator links to products. Nothing broader (no Directory.Read.All).
 * https://learn.microsoft.com/azure/api-management/api-management-howto-aad#add-an-external-microsoft-entra-group
 */
export const PORTAL_GRAPH_APP_ROLES = ['Group.Read.All', 'User.Read.All'] as const;

/** Delegated permissions for signing users in and reading the profile claims the portal shows. */
export const PORTAL_GRAPH_SCOPES = ['email', 'openid', 'profile', 'User.Read'] as const;

/** ID token claims the developer portal fills a new account from. */
export const PORTAL_ID_TOKEN_CLAIMS = ['email', 'family_name', 'given_name'] as const;

/** Days a secret stays valid after its rotation falls due, so a late apply never breaks sign-in. */
export const SECRET_GRACE_DAYS = 30;

export interface DeveloperPortalApplicationProps {
  readonly displayName: string;
  /** Host name of the developer portal (`<apim name>.developer.azure-api.net`). */
  readonly portalHostName: string;
  /** Days between secret rotations. */
  readonly secretRotationDays: number;
  /**
   * Object ids of the owners of the app registration and its enterprise application. Must include the identity that
   * applies the stack: it adds and rotates the secret (see ownerProblems).
   */
  readonly owners: readonly string[];
}

/**
 * The app registration the developer portal signs users in with (MSAL, single-page redirect), its client secret
 * rotated on a schedule, and admin consent for the Graph permissions API Management uses to resolve external groups.
 * https://learn.microsoft.com/azure/api-management/api-management-howto-aad
 */
export class DeveloperPortalApplication extends Construct {
  readonly application: Application;
  readonly servicePrincipal: ServicePrincipal;
  readonly password: ApplicationPasswordA;
  readonly rotation: TimeRotating;
  readonly redirectUri: string;

  constructor(scope: Construct, id: string, props: DeveloperPortalApplicationProps) {
    super(scope, id);
    const problems = ownerProblems(props.owners);
    if (!Token.isUnresolved(props.portalHostName) && !/^[a-z0-9-]+\.developer\.azure-api\.net$/.test(props.portalHostName)) {
      problems.push(`portalHostName must be <apim name>.developer.azure-api.net, got "${props.portalHostName}"`);
    }
    if (problems.length > 0) {
      throw new Error(`DeveloperPortalApplication "${id}": ${problems.join('; ')}`);
    }
    this.redirectUri = `https://${props.portalHostName}/signin`;
    const graph = new DataAzureadServicePrincipal(this, 'microsoft-graph', { clientId: MICROSOFT_GRAPH_CLIENT_ID });
    const owners = [...props.owners];

    this.application = new Application(this, 'application', {
      displayName: props.displayName,
      signInAudience: 'AzureADMyOrg',
      owners,
      preventDuplicateNames: true,
      singlePageApplication: { redirectUris: [this.redirectUri] },
      optionalClaims: { idToken: PORTAL_ID_TOKEN_CLAIMS.map((name) => ({ name })) },
      requiredResourceAccess: [
        {
          resourceAppId: MICROSOFT_GRAPH_CLIENT_ID,
          resourceAccess: [
            ...PORTAL_GRAPH_SCOPES.map((scope) => ({ id: graph.oauth2PermissionScopeIds.lookup(scope), type: 'Scope' })),
            ...PORTAL_GRAPH_APP_ROLES.map((role) => ({ id: graph.appRoleIds.lookup(role), type: 'Role' })),
          ],
        },
      ],
    });
    this.servicePrincipal = new ServicePrincipal(this, 'service-principal', {
      clientId: this.application.clientId,
      // Only principals assigned to the portal (the tiers' groups) can sign in to it.
      appRoleAssignmentRequired: true,
      owners,
    });
    // Admin consent, declared rather than clicked: application permissions are app role assignments on Graph,
    // delegated ones a tenant-wide grant.
    for (const role of PORTAL_GRAPH_APP_ROLES) {
      new AppRoleAssignment(this, `graph-${role}`, {
        appRoleId: graph.appRoleIds.lookup(role),
        principalObjectId: this.servicePrincipal.objectId,
        resourceObjectId: graph.objectId,
      });
    }
    new ServicePrincipalDelegatedPermissionGrant(this, 'graph-delegated', {
      servicePrincipalObjectId: this.servicePrincipal.objectId,
      resourceServicePrincipalObjectId: graph.objectId,
      claimValues: [...PORTAL_GRAPH_SCOPES],
    });

    this.rotation = new TimeRotating(this, 'secret-rotation', { rotationDays: props.secretRotationDays });
    this.password = new ApplicationPasswordA(this, 'secret', {
      applicationId: this.application.id,
      displayName: 'api-management-identity-provider',
      endDateRelative: `${(props.secretRotationDays + SECRET_GRACE_DAYS) * 24}h`,
      rotateWhenChanged: { rotation: this.rotation.id },
      // The new secret exists before the old one is deleted (in the same apply); API Management holds the old one
      // until the gateway layer, applied right after this one (LAYER_ORDER), reads the new one from this state.
      lifecycle: { createBeforeDestroy: true },
    });
  }

  get clientId(): string {
    return this.application.clientId;
  }

  /** The client secret: a sensitive value that lives in Terraform state only, never in configuration or output. */
  get clientSecret(): string {
    return this.password.value;
  }
}
