import { ApiManagementCustomDomain as CustomDomain } from '@cdktf/provider-azurerm/lib/api-management-custom-domain';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

import type { ApiManagementRecord } from '../../lib/naming';
import { type KeyVaultReference, versionlessSecretId } from '../edge/certificate';
import { TimeSleep } from '../time';

/** The narrowest role that reads a certificate's secret (key and chain) from an RBAC vault. */
export const CERTIFICATE_READER_ROLE = 'Key Vault Secrets User';

export interface ApiManagementCustomDomainProps {
  readonly apiManagementId: string;
  /** Object id of the instance's system-assigned identity, which reads the certificate. */
  readonly principalId: string;
  readonly keyVault: KeyVaultReference;
  /** Certificate in the vault covering every host name (a wildcard for the zone). */
  readonly certificateName: string;
  /** Host name of each endpoint (naming: apiManagementEndpointHostName). */
  readonly hostNames: Readonly<Record<ApiManagementRecord, string>>;
  /** What must exist first: the activated instance. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * API Management's endpoints on the environment's own domain, with a certificate API Management reads from Key
 * Vault by its versionless secret id (renewals are picked up) through its managed identity. A separate resource
 * rather than `hostname_configuration` on the service: the identity that reads the vault exists only once the
 * service does, and its role must be in place before the host names are set
 * (https://learn.microsoft.com/azure/api-management/configure-custom-domain, "Key Vault"; azurerm
 * api_management_custom_domain). The legacy publisher portal (`portal`) is retired and gets no host name.
 */
export class ApiManagementCustomDomain extends Construct {
  readonly customDomain: CustomDomain;
  readonly certificateReader: RoleAssignment;

  constructor(scope: Construct, id: string, props: ApiManagementCustomDomainProps) {
    super(scope, id);
    const secretId = versionlessSecretId(props.keyVault.vaultUri, props.certificateName);
    this.certificateReader = new RoleAssignment(this, 'certificate-reader', {
      scope: `${props.keyVault.id}/secrets/${props.certificateName}`,
      roleDefinitionName: CERTIFICATE_READER_ROLE,
      principalId: props.principalId,
      principalType: 'ServicePrincipal',
      description: "API Management reads its custom domain's certificate",
    });
    // Role assignments take effect within minutes; API Management reads the certificate as soon as the host names
    // are set.
    const propagation = new TimeSleep(this, 'reader-access-propagation', {
      createDuration: '120s',
      dependsOn: [this.certificateReader],
    });
    const host = (endpoint: ApiManagementRecord) => ({
      hostName: props.hostNames[endpoint],
      keyVaultCertificateId: secretId,
      negotiateClientCertificate: false,
    });
    this.customDomain = new CustomDomain(this, 'custom-domain', {
      apiManagementId: props.apiManagementId,
      gateway: [{ ...host('gateway'), defaultSslBinding: true }],
      developerPortal: [host('developer')],
      management: [host('management')],
      scm: [host('scm')],
      dependsOn: [...props.dependsOn, propagation],
    });
  }
}
