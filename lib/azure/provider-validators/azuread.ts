import { at, BOOL, intBetween, NOT_EMPTY, oneOf, type ProviderValidators, STRING, UUID } from './model';
import { REDIRECT_URI, ROLE_SCOPE_CLAIM_VALUE } from './shared';

/**
 * azuread v3.7.0: the validator of every attribute the stacks set a literal on, transcribed from the provider's schema
 * (https://github.com/hashicorp/terraform-provider-azuread/tree/v3.7.0). Each entry cites the line that declares the attribute (or, for a shared validator, the
 * function); `npm run check` and the tests compare every synthesized literal with it.
 * A new literal attribute fails the check until its validator is added here.
 */
export const AZUREAD_VALIDATORS: ProviderValidators = {
  provider: 'azuread',
  repository: 'https://github.com/hashicorp/terraform-provider-azuread',
  tag: 'v3.7.0',
  resources: {
    azuread_app_role_assignment: {
      file: 'internal/services/approleassignments/app_role_assignment_resource.go',
      attributes: {
        app_role_id: at(60, UUID),
      },
    },
    azuread_application: {
      file: 'internal/services/applications/application_resource.go',
      attributes: {
        'api.oauth2_permission_scope.admin_consent_description': at(125, NOT_EMPTY),
        'api.oauth2_permission_scope.admin_consent_display_name': at(132, NOT_EMPTY),
        'api.oauth2_permission_scope.enabled': at(139, BOOL),
        'api.oauth2_permission_scope.id': at(118, UUID),
        'api.oauth2_permission_scope.type': at(146, oneOf(['Admin', 'User'])),
        'api.oauth2_permission_scope.user_consent_description': at(154, NOT_EMPTY),
        'api.oauth2_permission_scope.user_consent_display_name': at(161, NOT_EMPTY),
        'api.oauth2_permission_scope.value': at(168, ROLE_SCOPE_CLAIM_VALUE),
        'api.requested_access_token_version': at(178, intBetween(1, 2)),
        'app_role.allowed_member_types': at(219, oneOf(['Application', 'User'])),
        'app_role.description': at(230, NOT_EMPTY),
        'app_role.display_name': at(237, NOT_EMPTY),
        'app_role.enabled': at(244, BOOL),
        'app_role.id': at(212, UUID),
        'app_role.value': at(251, ROLE_SCOPE_CLAIM_VALUE),
        display_name: at(82, NOT_EMPTY),
        identifier_uris: at(334, NOT_EMPTY),
        'optional_claims.id_token.name': at(17, STRING, 'internal/services/applications/schema.go'),
        prevent_duplicate_names: at(661, BOOL),
        'required_resource_access.resource_access.type': at(505, oneOf(['Role', 'Scope'])),
        'required_resource_access.resource_app_id': at(486, STRING),
        sign_in_audience: at(
          524,
          oneOf(['AzureADMyOrg', 'AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount']),
        ),
        'single_page_application.redirect_uris': at(539, REDIRECT_URI),
      },
      items: {
        api: { max: 1, line: 89 },
        optional_claims: { max: 1, line: 382 },
        single_page_application: { max: 1, line: 532 },
        'app_role.allowed_member_types': { min: 1, line: 219 },
        'single_page_application.redirect_uris': { max: 256, line: 539 },
      },
    },
    azuread_application_password: {
      file: 'internal/services/applications/application_password_resource.go',
      attributes: {
        display_name: at(59, STRING),
        end_date_relative: at(86, NOT_EMPTY),
      },
      constraints: [{ kind: 'conflictsWith', paths: ['end_date_relative', 'end_date'], line: 86 }],
    },
    azuread_application_pre_authorized: {
      file: 'internal/services/applications/application_pre_authorized_resource.go',
      attributes: {
        authorized_client_id: at(53, UUID),
        permission_ids: at(61, UUID),
      },
    },
    azuread_group_without_members: {
      file: 'internal/services/groups/group_without_members_resource.go',
      attributes: {
        description: at(107, STRING),
        display_name: at(65, NOT_EMPTY),
        mail_enabled: at(156, BOOL),
        prevent_duplicate_names: at(194, BOOL),
        security_enabled: at(212, BOOL),
      },
      constraints: [{ kind: 'atLeastOneOf', paths: ['mail_enabled', 'security_enabled'], line: 156 }],
    },
    azuread_service_principal: {
      file: 'internal/services/serviceprincipals/service_principal_resource.go',
      attributes: {
        app_role_assignment_required: at(96, BOOL),
      },
    },
    azuread_service_principal_delegated_permission_grant: {
      file: 'internal/services/serviceprincipals/service_principal_delegated_permission_grant_resource.go',
      attributes: {
        claim_values: at(63, NOT_EMPTY),
      },
      items: {
        claim_values: { min: 1, line: 63 },
      },
    },
  },
  dataSources: {
    // No arguments.
    azuread_client_config: { file: 'internal/services/serviceprincipals/client_config_data_source.go', attributes: {} },
    azuread_service_principal: {
      file: 'internal/services/serviceprincipals/service_principal_data_source.go',
      attributes: {
        client_id: at(54, UUID),
      },
      constraints: [{ kind: 'exactlyOneOf', paths: ['client_id', 'display_name', 'object_id'], line: 54 }],
    },
  },
};
