import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { Construct } from 'constructs';

import { DiagnosticSettings } from '../diagnostics';
import { PrivateEndpoint } from '../network/private-endpoint';

/** Days a deleted vault or object stays recoverable; Azure's maximum, and it can be set only once. */
export const KEY_VAULT_SOFT_DELETE_DAYS = 90;

/** Where a resource's private endpoint goes: the private endpoints subnet, in the network's region. */
export interface PrivateLinkPlacement {
  readonly subnetId: string;
  readonly resourceGroupName: string;
  readonly location: string;
}

export interface GatewayKeyVaultProps {
  /** Vault name, from the naming module. */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tenantId: string;
  /** Private endpoint name, from the naming module. */
  readonly privateEndpointName: string;
  readonly privateLink: PrivateLinkPlacement;
  /** The `privatelink.vaultcore.azure.net` zone. */
  readonly privateDnsZoneId: string;
  readonly workspaceId: string;
  /** Refuse `terraform destroy` of the vault (production). */
  readonly preventDestroy: boolean;
}

/**
 * The environment's Key Vault: the Application Gateway TLS certificate and any secret the gateway needs. Access is
 * by Azure RBAC only, it is reachable only through its private endpoint, deleted objects stay recoverable for 90
 * days and cannot be purged early. Secret values never pass through Terraform: certificates are issued or
 * imported in the vault, and consumers reference them by versionless id.
 */
export class GatewayKeyVault extends Construct {
  readonly vault: KeyVault;
  readonly privateEndpoint: PrivateEndpoint;

  constructor(scope: Construct, id: string, props: GatewayKeyVaultProps) {
    super(scope, id);
    this.vault = new KeyVault(this, 'vault', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: props.tenantId,
      skuName: 'standard',
      // azurerm 4.x name; `enable_rbac_authorization` is deprecated and goes away in 5.0.
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: KEY_VAULT_SOFT_DELETE_DAYS,
      publicNetworkAccessEnabled: false,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      // With public access disabled only private endpoints and trusted Azure services get through; the ACL keeps
      // the same answer should public access ever be switched on.
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    this.privateEndpoint = new PrivateEndpoint(this, 'private-endpoint', {
      ...props.privateLink,
      name: props.privateEndpointName,
      targetResourceId: this.vault.id,
      subresource: 'vault',
      privateDnsZoneIds: [props.privateDnsZoneId],
    });
    new DiagnosticSettings(this, 'diagnostics', {
      targetResourceId: this.vault.id,
      workspaceId: props.workspaceId,
      profile: 'keyVault',
    });
  }
}
