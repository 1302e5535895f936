import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVaultCertificate } from '@cdktf/provider-azurerm/lib/key-vault-certificate';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';

import { TimeSleep } from '../time';

/** The data-plane role that lets the identity running Terraform issue and read certificates in an RBAC vault. */
export const CERTIFICATE_ISSUER_ROLE = 'Key Vault Certificates Officer';

/** What the edge needs of the environment's Key Vault. `KeyVault` resources and data sources both satisfy it. */
export interface KeyVaultReference {
  readonly id: string;
  /** `https://<name>.vault.azure.net/`, with the trailing slash. */
  readonly vaultUri: string;
}

/** Where the listener's certificate comes from. */
export type GatewayCertificateSource =
  /** Key Vault issues a self-signed certificate and renews it. */
  | { readonly source: 'selfSigned' }
  /** A certificate already imported into the vault, by name. */
  | { readonly source: 'keyVault'; readonly certificateName: string };

export interface GatewayCertificateProps {
  readonly keyVault: KeyVaultReference;
  /** Where the certificate comes from; see `applicationGateway.certificate` in the environment file. */
  readonly source: GatewayCertificateSource;
  /** The public host name the certificate must cover. */
  readonly hostName: string;
  /** Certificate name in the vault when Key Vault issues it (`selfSigned`), from the naming module. */
  readonly selfSignedName: string;
  /**
   * Validity of a self-signed certificate; Key Vault renews it 30 days before expiry.
   * @default 12
   */
  readonly validityInMonths?: number;
}

/** Versionless secret id of a certificate: Application Gateway follows renewals (it polls every four hours). */
export function versionlessSecretId(vaultUri: string, certificateName: string): string {
  return `${vaultUri}secrets/${certificateName}`;
}

/**
 * The listener's TLS certificate as a versionless Key Vault secret id. `selfSigned` has Key Vault issue and renew
 * a certificate for the host name; `keyVault` points at a certificate already imported into the vault. Either way
 * no key material passes through Terraform state or the synthesized output.
 */
export class GatewayCertificate extends Construct {
  /** The secret id the Application Gateway reads through its managed identity. */
  readonly secretId: string;
  /** The Key Vault certificate this construct manages, for `selfSigned` only. */
  readonly certificate?: KeyVaultCertificate;
  /** The deploying identity's right to issue it, for `selfSigned` only. */
  readonly issuerAccess?: RoleAssignment;

  constructor(scope: Construct, id: string, props: GatewayCertificateProps) {
    super(scope, id);
    const { source } = props;
    switch (source.source) {
      case 'keyVault':
        // Built from the vault URI rather than read with a data source: the vault is private, and planning must
        // not need a data-plane connection to it.
        this.secretId = versionlessSecretId(props.keyVault.vaultUri, source.certificateName);
        return;
      case 'selfSigned': {
        // Issuing a certificate is a data-plane call: in an RBAC vault, owning the subscription is not enough. The
        // identity that runs Terraform gets the narrowest role that can issue it, and the certificate waits for
        // the assignment to take effect.
        const deployer = new DataAzurermClientConfig(this, 'deployer');
        this.issuerAccess = new RoleAssignment(this, 'deployer-certificates-officer', {
          scope: props.keyVault.id,
          roleDefinitionName: CERTIFICATE_ISSUER_ROLE,
          principalId: deployer.objectId,
          description: 'Lets the deployment pipeline issue and renew the gateway certificate.',
        });
        const propagation = new TimeSleep(this, 'issuer-access-propagation', {
          createDuration: '120s',
          dependsOn: [this.issuerAccess],
        });
        this.certificate = new KeyVaultCertificate(this, 'certificate', {
          name: props.selfSignedName,
          keyVaultId: props.keyVault.id,
          certificatePolicy: {
            issuerParameters: { name: 'Self' },
            // Application Gateway downloads the PFX from the certificate's secret, so the key must be exportable.
            keyProperties: { exportable: true, keyType: 'RSA', keySize: 2048, reuseKey: false },
            secretProperties: { contentType: 'application/x-pkcs12' },
            lifetimeAction: [{ action: { actionType: 'AutoRenew' }, trigger: { daysBeforeExpiry: 30 } }],
            x509CertificateProperties: {
              subject: `CN=${props.hostName}`,
              subjectAlternativeNames: { dnsNames: [props.hostName] },
              keyUsage: ['digitalSignature', 'keyEncipherment'],
              // Server authentication only.
              extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'],
              validityInMonths: props.validityInMonths ?? 12,
            },
          },
          dependsOn: [propagation],
        });
        this.secretId = this.certificate.versionlessSecretId;
        return;
      }
    }
  }
}
