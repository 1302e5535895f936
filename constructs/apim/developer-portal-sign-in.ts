import { ApiManagementIdentityProviderAad } from '@cdktf/provider-azurerm/lib/api-management-identity-provider-aad';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';

export interface DeveloperPortalSignInProps {
  readonly apiManagementName: string;
  readonly resourceGroupName: string;
  readonly tenantId: string;
  /** Client id of the developer portal's app registration. */
  readonly clientId: string;
  /**
   * The app registration's secret, as a reference to the identity layer's `azuread_application_password`. It is
   * never written in configuration or code: Terraform carries it from state to the provider. API Management has no
   * Key Vault reference for identity provider secrets, so a Key Vault-backed named value cannot hold it.
   */
  readonly clientSecret: string;
  readonly dependsOn: ITerraformDependable[];
}

/**
 * Microsoft Entra ID sign-in for the developer portal, limited to the environment's own tenant, with MSAL. Members
 * of the tiers' groups sign in, see the products their groups may see, and request subscriptions.
 * https://learn.microsoft.com/azure/api-management/api-management-howto-aad
 */
export class DeveloperPortalSignIn extends Construct {
  readonly identityProvider: ApiManagementIdentityProviderAad;

  constructor(scope: Construct, id: string, props: DeveloperPortalSignInProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.clientSecret)) {
      throw new Error(`DeveloperPortalSignIn "${id}": clientSecret must be a reference to the identity layer's secret, never a literal`);
    }
    this.identityProvider = new ApiManagementIdentityProviderAad(this, 'entra-id', {
      apiManagementName: props.apiManagementName,
      resourceGroupName: props.resourceGroupName,
      clientId: props.clientId,
      clientSecret: props.clientSecret,
      clientLibrary: 'MSAL-2',
      // Tenant by id in both places: external groups are matched on the same form (see entraGroupExternalId).
      allowedTenants: [props.tenantId],
      signinTenant: props.tenantId,
      dependsOn: props.dependsOn,
    });
  }
}
