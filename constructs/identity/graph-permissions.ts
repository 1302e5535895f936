/**
 * Microsoft Graph application permissions (app roles) the identity that applies the identity layer needs, when it
 * is a service principal (a pipeline). The README's first-apply section lists the same table; a test keeps the two
 * equal and checks that every azuread resource and data source the layer declares is covered here.
 */
export interface GraphPermission {
  /** Microsoft Graph application permission. */
  readonly permission: string;
  /** What in the identity layer needs it. */
  readonly neededFor: string;
  /** Terraform types (data sources as `data.<type>`) that call Graph with it. */
  readonly terraformTypes: readonly string[];
  /** Where the requirement is documented. */
  readonly source: string;
}

export const IDENTITY_LAYER_GRAPH_PERMISSIONS: readonly GraphPermission[] = [
  {
    permission: 'Application.ReadWrite.OwnedBy',
    neededFor:
      'the gateway and portal app registrations, their enterprise applications, the portal secret and the pre-authorized clients, all owned by the deploying identity',
    terraformTypes: [
      'azuread_application',
      'azuread_service_principal',
      'azuread_application_password',
      'azuread_application_pre_authorized',
    ],
    source:
      'azuread v3.7.0 docs/resources/application.md, service_principal.md, application_password.md, application_pre_authorized.md ("API Permissions")',
  },
  {
    permission: 'Application.Read.All',
    neededFor:
      "reading Microsoft Graph's service principal (its permission ids), and the service principals named by role assignments and consent",
    terraformTypes: [
      'data.azuread_service_principal',
      'azuread_app_role_assignment',
      'azuread_service_principal_delegated_permission_grant',
    ],
    source: 'azuread v3.7.0 docs/data-sources/service_principal.md, docs/resources/app_role_assignment.md',
  },
  {
    permission: 'AppRoleAssignment.ReadWrite.All',
    neededFor:
      "granting the tiers' app roles to their groups and workload identities, assigning the groups to the portal, and the portal's consent to Group.Read.All and User.Read.All",
    terraformTypes: ['azuread_app_role_assignment'],
    source: 'azuread v3.7.0 docs/resources/app_role_assignment.md',
  },
  {
    permission: 'DelegatedPermissionGrant.ReadWrite.All',
    neededFor: "admin consent to the portal's delegated scopes (openid, profile, email, User.Read)",
    terraformTypes: ['azuread_service_principal_delegated_permission_grant'],
    // azuread's page names the broader Directory.ReadWrite.All; the resource only reads service principals and
    // writes oauth2PermissionGrants (service_principal_delegated_permission_grant_resource.go lines 102-146).
    source: 'https://learn.microsoft.com/graph/api/oauth2permissiongrant-post',
  },
  {
    permission: 'Group.Create',
    neededFor:
      "the tiers' security groups and the workspace readers' groups; the deploying identity stays an owner, which lets it update them",
    terraformTypes: ['azuread_group_without_members'],
    source: 'azuread v3.7.0 docs/resources/group_without_members.md',
  },
  {
    permission: 'User.Read.All',
    neededFor: 'only when configured application or group owners include users',
    terraformTypes: [],
    source: 'azuread v3.7.0 docs/resources/application.md ("API Permissions")',
  },
];

/** Terraform types that need no Graph permission at all. */
export const NO_GRAPH_PERMISSION_TYPES: readonly string[] = ['data.azuread_client_config'];
