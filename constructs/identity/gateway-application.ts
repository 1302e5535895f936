import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPreAuthorized } from '@cdktf/provider-azuread/lib/application-pre-authorized';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

import { GUID } from '../../lib/guid';
import { ownerProblems } from './owners';

const ROLE_VALUE = /^[A-Za-z][A-Za-z0-9._-]{0,119}$/;

/** One app role of the gateway's API: an access tier, as the `roles` claim names it. */
export interface GatewayAppRole {
  /** Tier name (configuration key). */
  readonly tier: string;
  /** Stable GUID; an app role id must never change once assignments use it. */
  readonly id: string;
  /** Value in the `roles` claim; the tier's product policy requires it. */
  readonly value: string;
  readonly displayName: string;
  readonly description: string;
}

/** The delegated scope user-facing clients request (`<identifier uri>/user_impersonation`). */
export interface GatewayApiScope {
  /** Stable GUID. */
  readonly id: string;
  /** @default 'user_impersonation' */
  readonly value?: string;
}

export interface GatewayApplicationProps {
  /** Display name of the app registration and its enterprise application. */
  readonly displayName: string;
  /** Application ID URI: one of the audiences the gateway accepts. */
  readonly identifierUri: string;
  /** One role per access tier. At least one. */
  readonly roles: readonly GatewayAppRole[];
  readonly scope: GatewayApiScope;
  /**
   * Client ids of the applications people obtain gateway tokens through (Azure CLI, a team's app). Each is
   * pre-authorized on the scope, so its users are never asked to consent; the scope itself needs admin consent.
   * @default none
   */
  readonly preAuthorizedClientIds?: readonly string[];
  /**
   * Object ids of the owners of the app registration and its enterprise application. Must include the identity that
   * applies the stack, or azuread removes it and later applies fail (see ownerProblems).
   */
  readonly owners: readonly string[];
}

/** Checks role and scope values; returns the problems found (empty when valid). */
export function gatewayApplicationProblems(props: GatewayApplicationProps): string[] {
  const problems: string[] = [...ownerProblems(props.owners)];
  if (props.roles.length === 0) {
    problems.push('roles is empty; the gateway needs one app role per access tier');
  }
  const ids = new Set<string>();
  const values = new Set<string>();
  props.roles.forEach((role, index) => {
    if (!GUID.test(role.id)) {
      problems.push(`roles[${index}].id must be a lowercase GUID, got "${role.id}"`);
    }
    if (!ROLE_VALUE.test(role.value)) {
      problems.push(`roles[${index}].value must start with a letter and hold only letters, digits, ".", "_" or "-", got "${role.value}"`);
    }
    if (ids.has(role.id) || role.id === props.scope.id) {
      problems.push(`roles[${index}].id "${role.id}" is used twice; app role and scope ids must be unique`);
    }
    if (values.has(role.value)) {
      problems.push(`roles[${index}].value "${role.value}" is used twice`);
    }
    ids.add(role.id);
    values.add(role.value);
  });
  (props.preAuthorizedClientIds ?? []).forEach((clientId, index) => {
    if (!GUID.test(clientId)) {
      problems.push(`preAuthorizedClientIds[${index}] must be a lowercase GUID, got "${clientId}"`);
    }
  });
  if (!GUID.test(props.scope.id)) {
    problems.push(`scope.id must be a lowercase GUID, got "${props.scope.id}"`);
  }
  if (!Token.isUnresolved(props.identifierUri) && !/^api:\/\/[0-9a-f-]{36}\/[A-Za-z0-9._-]+$/.test(props.identifierUri)) {
    problems.push(
      `identifierUri must read api://<tenant id>/<name> (the form Entra accepts without a verified domain), got "${props.identifierUri}"`,
    );
  }
  return problems;
}

/**
 * The app registration that represents the gateway's API in Microsoft Entra ID: callers obtain access tokens for it,
 * and the gateway validates their audience and `roles` claim. Its enterprise application requires an app role
 * assignment, so only principals granted a tier can obtain a token at all.
 */
export class GatewayApplication extends Construct {
  readonly application: Application;
  readonly servicePrincipal: ServicePrincipal;
  readonly identifierUri: string;
  /** Roles by tier name. */
  readonly roles: Readonly<Record<string, GatewayAppRole>>;
  /** Pre-authorizations by client id. */
  readonly preAuthorized: Readonly<Record<string, ApplicationPreAuthorized>>;

  constructor(scope: Construct, id: string, props: GatewayApplicationProps) {
    super(scope, id);
    const problems = gatewayApplicationProblems(props);
    if (problems.length > 0) {
      throw new Error(`GatewayApplication "${id}": ${problems.join('; ')}`);
    }
    this.identifierUri = props.identifierUri;
    this.roles = Object.fromEntries(props.roles.map((role) => [role.tier, role]));
    this.application = new Application(this, 'application', {
      displayName: props.displayName,
      signInAudience: 'AzureADMyOrg',
      identifierUris: [props.identifierUri],
      owners: [...props.owners],
      preventDuplicateNames: true,
      api: {
        // v2 tokens carry the client id as audience; the gateway accepts it and the identifier URI.
        requestedAccessTokenVersion: 2,
        oauth2PermissionScope: [
          {
            id: props.scope.id,
            value: props.scope.value ?? 'user_impersonation',
            // Admin consent only: no user can grant an arbitrary app the right to call the gateway as them; the
            // configured clients are pre-authorized instead.
            type: 'Admin',
            enabled: true,
            adminConsentDisplayName: 'Call the Azure OpenAI gateway',
            adminConsentDescription:
              "Lets the application call the Azure OpenAI gateway as the signed-in user, within the user's access tier.",
            userConsentDisplayName: 'Call the Azure OpenAI gateway',
            userConsentDescription: 'Lets the application call the Azure OpenAI gateway on your behalf, within your access tier.',
          },
        ],
      },
      appRole: props.roles.map((role) => ({
        id: role.id,
        value: role.value,
        displayName: role.displayName,
        description: role.description,
        allowedMemberTypes: ['User', 'Application'],
        enabled: true,
      })),
    });
    this.servicePrincipal = new ServicePrincipal(this, 'service-principal', {
      clientId: this.application.clientId,
      appRoleAssignmentRequired: true,
      owners: [...props.owners],
    });
    // Without pre-authorization a client needs consent to the scope first, which fails for every user with
    // AADSTS65001 (preAuthorizedApplications: https://learn.microsoft.com/graph/api/resources/apiapplication).
    this.preAuthorized = Object.fromEntries(
      (props.preAuthorizedClientIds ?? []).map((clientId) => [
        clientId,
        new ApplicationPreAuthorized(this, `pre-authorized-${clientId}`, {
          applicationId: this.application.id,
          authorizedClientId: clientId,
          permissionIds: [props.scope.id],
        }),
      ]),
    );
  }

  /** Client (application) id: the `aud` of v2 access tokens for the gateway. */
  get clientId(): string {
    return this.application.clientId;
  }
}
