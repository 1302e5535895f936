import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { WebApplicationFirewallPolicy } from '@cdktf/provider-azurerm/lib/web-application-firewall-policy';
import { Construct } from 'constructs';

import { DiagnosticSettings } from '../diagnostics';
import { TimeSleep } from '../time';
import { ApplicationGateway } from './application-gateway';
import { GatewayCertificate, type GatewayCertificateSource, type KeyVaultReference } from './certificate';
import { WafPolicy, type WafSettings } from './waf-policy';

/** Least privilege for reading a certificate: Application Gateway fetches it as a secret, never as a certificate. */
export const CERTIFICATE_READER_ROLE = 'Key Vault Secrets User';

/** Azure names of the edge's resources, from the naming module. */
export interface EdgeGatewayNames {
  readonly applicationGateway: string;
  readonly wafPolicy: string;
  readonly publicIp: string;
  /** DNS label of the public IP: clients' DNS points the public host name at `<label>.<region>.cloudapp.azure.com`. */
  readonly domainNameLabel: string;
  readonly identity: string;
  /** Name of the certificate Key Vault issues when the certificate source is `selfSigned`. */
  readonly selfSignedCertificate: string;
}

export interface EdgeGatewayProps {
  readonly names: EdgeGatewayNames;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The public host name clients use; the certificate covers it. */
  readonly hostName: string;
  /** Availability zones of the gateway and its public IP. @default none (regional) */
  readonly zones?: readonly string[];
  /** Instance bounds of autoscaling. */
  readonly autoscale: { readonly minCapacity: number; readonly maxCapacity: number };
  /** Backend request timeout; long completions take minutes. */
  readonly requestTimeoutSeconds: number;
  readonly certificate: GatewayCertificateSource;
  readonly waf: WafSettings;
  /** The Application Gateway's dedicated subnet. */
  readonly subnetId: string;
  /** The environment's Key Vault, holding the TLS certificate; reached through its private endpoint. */
  readonly keyVault: KeyVaultReference;
  /** API Management's gateway host name (`<name>.azure-api.net`), resolved through private DNS. */
  readonly backendHostName: string;
  /** Log Analytics workspace for diagnostics. */
  readonly workspaceId: string;
  /**
   * Keep the public IP when the stack is destroyed: clients' DNS records point at its address.
   * @default false
   */
  readonly protectPublicIp?: boolean;
}

/**
 * The single public entry point: a zone-aligned Standard public IP, the WAF policy, an identity allowed to read
 * the TLS certificate, the certificate itself, the Application Gateway and its diagnostic settings.
 */
export class EdgeGateway extends Construct {
  readonly publicIp: PublicIp;
  readonly identity: UserAssignedIdentity;
  readonly keyVaultAccess: RoleAssignment;
  readonly certificate: GatewayCertificate;
  readonly wafPolicy: WebApplicationFirewallPolicy;
  readonly applicationGateway: ApplicationGateway;

  constructor(scope: Construct, id: string, props: EdgeGatewayProps) {
    super(scope, id);
    const { names } = props;
    const zones = props.zones !== undefined && props.zones.length > 0 ? [...props.zones] : undefined;

    this.publicIp = new PublicIp(this, 'public-ip', {
      name: names.publicIp,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'Standard',
      allocationMethod: 'Static',
      // The same zones as the gateway: an IP in every zone survives the loss of any one of them.
      zones,
      domainNameLabel: names.domainNameLabel,
      lifecycle: { preventDestroy: props.protectPublicIp ?? false },
    });

    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: names.identity,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
    });
    this.keyVaultAccess = new RoleAssignment(this, 'key-vault-secrets-user', {
      scope: props.keyVault.id,
      roleDefinitionName: CERTIFICATE_READER_ROLE,
      principalId: this.identity.principalId,
      // A new identity may not have replicated yet; naming its type skips the directory lookup that would fail.
      principalType: 'ServicePrincipal',
    });

    const keyVaultAccessPropagation = new TimeSleep(this, 'key-vault-access-propagation', {
      createDuration: '120s',
      dependsOn: [this.keyVaultAccess],
    });

    this.certificate = new GatewayCertificate(this, 'certificate', {
      keyVault: props.keyVault,
      source: props.certificate,
      hostName: props.hostName,
      selfSignedName: names.selfSignedCertificate,
    });

    this.wafPolicy = new WafPolicy(this, 'waf', {
      name: names.wafPolicy,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      waf: props.waf,
    }).policy;

    this.applicationGateway = new ApplicationGateway(this, 'application-gateway', {
      name: names.applicationGateway,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subnetId: props.subnetId,
      publicIpAddressId: this.publicIp.id,
      identityId: this.identity.id,
      firewallPolicyId: this.wafPolicy.id,
      autoscale: props.autoscale,
      zones: props.zones,
      hostName: props.hostName,
      certificateSecretId: this.certificate.secretId,
      backendHostName: props.backendHostName,
      requestTimeoutSeconds: props.requestTimeoutSeconds,
      // The gateway reads the certificate while it is created; without the role that first read fails, and a new
      // role assignment takes a while to apply.
      dependsOn: [keyVaultAccessPropagation],
    });

    new DiagnosticSettings(this, 'gateway-diagnostics', {
      targetResourceId: this.applicationGateway.gateway.id,
      workspaceId: props.workspaceId,
      profile: 'applicationGateway',
    });
    new DiagnosticSettings(this, 'public-ip-diagnostics', {
      targetResourceId: this.publicIp.id,
      workspaceId: props.workspaceId,
      profile: 'publicIp',
    });
  }
}
