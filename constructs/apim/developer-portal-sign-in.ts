import { ApiManagementIdentityProviderAad } from '@cdktf/provider-azurerm/lib/api-management-identity-provider-aad';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';

import { AzapiResourceAction } from '../azapi/resource-action';
import { SAMPLE_CONTENT_API_VERSION } from './sample-content';

export interface DeveloperPortalSignInProps {
  /** ARM id of the API Management instance. */
  readonly apiManagementId: string;
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
  /** Turns off username and password sign-in and requires sign-in to see the portal at all. */
  readonly portalConfig: AzapiResourceAction;

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
    // The new developer portal keeps username and password sign-in (and sign-up) until its configuration turns it
    // off; the service's sign-up setting only governs the legacy portal. Entra ID must be in place first.
    // https://learn.microsoft.com/azure/templates/microsoft.apimanagement/2024-05-01/service/portalconfigs
    this.portalConfig = new AzapiResourceAction(this, 'portal-config', {
      type: `Microsoft.ApiManagement/service/portalconfigs@${SAMPLE_CONTENT_API_VERSION}`,
      resourceId: `${props.apiManagementId}/portalconfigs/default`,
      method: 'PATCH',
      headers: { 'If-Match': '*' },
      body: { properties: { enableBasicAuth: false, signin: { require: true } } },
      dependsOn: [this.identityProvider],
    });
  }
}
