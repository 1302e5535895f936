import { GroupWithoutMembers } from '@cdktf/provider-azuread/lib/group-without-members';
import { Token } from 'cdktf';
import type { Construct } from 'constructs';

import { GUID } from '../../lib/guid';

/**
 * Problems with the owners of an app registration or enterprise application (empty when valid).
 *
 * Owners must name the identity that applies the stack: azuread adds the caller as first owner and removes it again
 * when `owners` does not list it (azuread v3.7.0 internal/services/applications/application_resource.go lines
 * 1187-1300, serviceprincipals/service_principal_resource.go lines 441-520). An identity holding only
 * `Application.ReadWrite.OwnedBy` may then no longer touch the object: the service principal, the password and every
 * later refresh fail (docs/resources/application.md, service_principal.md, application_password.md at v3.7.0).
 */
export function ownerProblems(owners: readonly string[]): string[] {
  if (owners.length === 0) {
    return ['owners is empty; it must name the identity that applies the stack (data azuread_client_config object_id)'];
  }
  return owners.flatMap((owner, index) =>
    !Token.isUnresolved(owner) && !GUID.test(owner) ? [`owners[${index}] must be a lowercase object id (GUID), got "${owner}"`] : [],
  );
}

/**
 * A security group Terraform manages without its members, owned by `owners`: owners add and remove members without
 * a deployment, and an identity holding `Group.Create` may change only groups it owns, so `owners` names it
 * (azuread v3.7.0 docs/resources/group_without_members.md).
 */
export function ownedSecurityGroup(
  scope: Construct,
  id: string,
  props: { readonly displayName: string; readonly description: string; readonly owners: readonly string[] },
): GroupWithoutMembers {
  return new GroupWithoutMembers(scope, id, {
    displayName: props.displayName,
    description: props.description,
    securityEnabled: true,
    mailEnabled: false,
    owners: props.owners.length > 0 ? [...props.owners] : undefined,
    preventDuplicateNames: true,
  });
}
