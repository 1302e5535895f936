import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { ServicePrincipalDelegatedPermissionGrant } from '@cdktf/provider-azuread/lib/service-principal-delegated-permission-grant';
import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';

import { TimeProvider } from '../time';
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

const SECONDS_PER_DAY = 86_400;

/**
 * A value that changes once every `2 * periodDays`, at instants shifted by `offsetDays`: the number of whole
 * double periods since the Unix epoch at plan time. Two secrets keyed on it with offsets 0 and `periodDays` are
 * replaced alternately, one every `periodDays`. `plantimestamp()` (Terraform 1.5) is fixed for the whole plan, and
 * `provider::time::rfc3339_parse` (time provider 0.10, Terraform 1.8) turns it into seconds; both are known at plan,
 * so the plan shows the replacement.
 */
export function rotationWindow(periodDays: number, offsetDays: number): string {
  const span = 2 * periodDays * SECONDS_PER_DAY;
  const offset = offsetDays === 0 ? '' : ` + ${offsetDays * SECONDS_PER_DAY}`;
  return `\${floor((provider::time::rfc3339_parse(plantimestamp()).unix${offset}) / ${span})}`;
}

export interface DeveloperPortalApplicationProps {
  readonly displayName: string;
  /** Host name of the developer portal (naming: apiManagementEndpointHostName('developer')). */
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
  /** Two secrets, replaced alternately: the newer one is in use, the older one still valid while that changes. */
  readonly passwords: readonly [ApplicationPasswordA, ApplicationPasswordA];
  readonly redirectUri: string;

  constructor(scope: Construct, id: string, props: DeveloperPortalApplicationProps) {
    super(scope, id);
    const problems = ownerProblems(props.owners);
    if (!Token.isUnresolved(props.portalHostName) && !/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(props.portalHostName)) {
      problems.push(`portalHostName must be a lowercase host name, got "${props.portalHostName}"`);
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

    // Each secret lives two rotation periods plus the grace: the older one outlives the next rotation of the other.
    const lifetimeHours = (2 * props.secretRotationDays + SECRET_GRACE_DAYS) * 24;
    TimeProvider.of(this);
    const secret = (id: string, displayName: string, offsetDays: number) =>
      new ApplicationPasswordA(this, id, {
        applicationId: this.application.id,
        displayName,
        endDateRelative: `${lifetimeHours}h`,
        rotateWhenChanged: { window: rotationWindow(props.secretRotationDays, offsetDays) },
        lifecycle: { createBeforeDestroy: true },
      });
    // An apply replaces at most the older secret; API Management keeps the newer one it holds until the gateway
    // layer reads the new newest from this state (clientSecret), so sign-in never depends on applying both at once.
    this.passwords = [
      secret('secret', 'api-management-identity-provider', 0),
      secret('secret-staggered', 'api-management-identity-provider-staggered', props.secretRotationDays),
    ];
  }

  get clientId(): string {
    return this.application.clientId;
  }

  /**
   * The newer of the two client secrets, by creation time, chosen where it is read (the gateway layer, from this
   * layer's state): a sensitive value that lives in Terraform state only, never in configuration or output.
   */
  get clientSecret(): string {
    const [a, b] = this.passwords;
    // timecmp is -1 when the first instant is the earlier one.
    return Token.asString(Fn.conditional(Op.eq(Fn.timecmp(a.startDate, b.startDate), -1), b.value, a.value));
  }
}
