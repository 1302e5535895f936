import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import type { GroupWithoutMembers } from '@cdktf/provider-azuread/lib/group-without-members';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

import { GUID } from '../../lib/guid';
import { ownedSecurityGroup } from './owners';

export interface AccessTierGroupProps {
  /** Display name of the Entra security group. */
  readonly displayName: string;
  readonly description: string;
  /**
   * Object ids of the group's owners: they add and remove members, without a deployment. Include the identity that
   * applies the stack: azuread drops the caller from a group whose owners are set, and an identity holding
   * `Group.Create` may change only groups it owns (azuread v3.7.0 docs/resources/group_without_members.md).
   */
  readonly owners: readonly string[];
  /** Object id of the gateway's enterprise application (service principal). */
  readonly gatewayServicePrincipalObjectId: string;
  /** Id of the tier's app role on the gateway application. */
  readonly appRoleId: string;
  /**
   * Object ids of workload identities granted the role directly: roles granted through a group reach user tokens
   * only, never app-only tokens.
   * @default none
   */
  readonly servicePrincipals?: readonly string[];
  /**
   * Object id of the developer portal's enterprise application: when given, the group is assigned to it, so
   * members of a tier (and nobody else) can sign in to the portal.
   * @default no portal assignment
   */
  readonly developerPortalServicePrincipalObjectId?: string;
}

/** The default access role every enterprise application has: "assigned, without a specific role". */
export const DEFAULT_ACCESS_ROLE_ID = '00000000-0000-0000-0000-000000000000';

/**
 * One access tier in Microsoft Entra ID: a security group whose members hold the tier's app role on the gateway,
 * plus direct grants for workload identities. Terraform manages the group, never its members: owners onboard
 * people by adding them to the group.
 */
export class AccessTierGroup extends Construct {
  readonly group: GroupWithoutMembers;
  readonly groupAssignment: AppRoleAssignment;
  readonly developerPortalAssignment?: AppRoleAssignment;
  /** Direct grants, by service principal object id. */
  readonly servicePrincipalAssignments: Readonly<Record<string, AppRoleAssignment>>;

  constructor(scope: Construct, id: string, props: AccessTierGroupProps) {
    super(scope, id);
    const problems: string[] = [];
    const ids: ReadonlyArray<readonly [string, string]> = [
      ...props.owners.map((owner, index) => [`owners[${index}]`, owner] as const),
      ...(props.servicePrincipals ?? []).map((principal, index) => [`servicePrincipals[${index}]`, principal] as const),
      ['appRoleId', props.appRoleId],
    ];
    for (const [field, value] of ids) {
      if (!Token.isUnresolved(value) && !GUID.test(value)) {
        problems.push(`${field} must be a lowercase object id (GUID), got "${value}"`);
      }
    }
    if (problems.length > 0) {
      throw new Error(`AccessTierGroup "${id}": ${problems.join('; ')}`);
    }
    this.group = ownedSecurityGroup(this, 'group', props);
    this.groupAssignment = new AppRoleAssignment(this, 'group-role', {
      appRoleId: props.appRoleId,
      principalObjectId: this.group.objectId,
      resourceObjectId: props.gatewayServicePrincipalObjectId,
    });
    if (props.developerPortalServicePrincipalObjectId !== undefined) {
      this.developerPortalAssignment = new AppRoleAssignment(this, 'developer-portal-access', {
        appRoleId: DEFAULT_ACCESS_ROLE_ID,
        principalObjectId: this.group.objectId,
        resourceObjectId: props.developerPortalServicePrincipalObjectId,
      });
    }
    const direct: Record<string, AppRoleAssignment> = {};
    for (const principal of props.servicePrincipals ?? []) {
      direct[principal] = new AppRoleAssignment(this, `workload-${principal}`, {
        appRoleId: props.appRoleId,
        principalObjectId: principal,
        resourceObjectId: props.gatewayServicePrincipalObjectId,
      });
    }
    this.servicePrincipalAssignments = direct;
  }

  /** Object id of the Entra group; API Management's external group points at it. */
  get objectId(): string {
    return this.group.objectId;
  }
}
