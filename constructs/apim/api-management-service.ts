import { ApiManagement, type ApiManagementSecurity } from '@cdktf/provider-azurerm/lib/api-management';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

import { type ApiManagementSizing, apiManagementSizingProblems } from '../../lib/azure/api-management';
import { DiagnosticSettings } from '../diagnostics';
import { TimeSleep } from '../time';

/**
 * Oldest control-plane API version the instance accepts, so tools on retired API versions (which could, for
 * example, read secrets without the newer permission checks) cannot change it. Every API version this project
 * uses (azurerm's 2022-08-01 and 2024-05-01, azapi's 2024-06-01-preview) is newer.
 * https://learn.microsoft.com/azure/api-management/breaking-changes/api-version-retirement-sep-2023
 */
export const MIN_API_VERSION = '2021-08-01';

/**
 * TLS hardening on the gateway (frontend) and towards backends: TLS 1.2 only, no 3DES, no CBC suites and no RSA key
 * exchange with AES-128. Azurerm 4.x names (`*_enabled`; the `enable_*` names are deprecated). Matches the suites
 * Microsoft's internal-VNet sample turns off, plus the two ECDHE-ECDSA CBC suites.
 * https://learn.microsoft.com/azure/api-management/api-management-howto-manage-protocols-ciphers
 * https://github.com/Azure/azure-quickstart-templates/tree/master/quickstarts/microsoft.apimanagement/api-management-create-with-internal-vnet-publicip
 */
export const TLS_HARDENING: ApiManagementSecurity = {
  frontendSsl30Enabled: false,
  frontendTls10Enabled: false,
  frontendTls11Enabled: false,
  backendSsl30Enabled: false,
  backendTls10Enabled: false,
  backendTls11Enabled: false,
  tripleDesCiphersEnabled: false,
  tlsEcdheEcdsaWithAes128CbcShaCiphersEnabled: false,
  tlsEcdheEcdsaWithAes256CbcShaCiphersEnabled: false,
  tlsEcdheRsaWithAes128CbcShaCiphersEnabled: false,
  tlsEcdheRsaWithAes256CbcShaCiphersEnabled: false,
  tlsRsaWithAes128CbcSha256CiphersEnabled: false,
  tlsRsaWithAes128CbcShaCiphersEnabled: false,
  tlsRsaWithAes128GcmSha256CiphersEnabled: false,
  tlsRsaWithAes256CbcSha256CiphersEnabled: false,
  tlsRsaWithAes256CbcShaCiphersEnabled: false,
  // Kept, as in Microsoft's sample: the one RSA-key-exchange GCM suite left for clients without ECDHE.
  tlsRsaWithAes256GcmSha384CiphersEnabled: true,
};

export interface ApiManagementServiceProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Tier, units and availability zones. */
  readonly sizing: ApiManagementSizing;
  /** Shown in the developer portal and used for notifications. */
  readonly publisher: { readonly name: string; readonly email: string };
  /**
   * Seconds children wait after creation while the instance activates (they fail with 409 or 503 before).
   * @default 300
   */
  readonly activationWaitSeconds?: number;
  /** Dedicated subnet (with its NSG) the instance is injected into. */
  readonly subnetId: string;
  /** The Standard public IP internal mode still needs for its management endpoint (port 3443). */
  readonly publicIp: { readonly name: string; readonly domainNameLabel: string };
  /** Log Analytics workspace for the diagnostic settings. */
  readonly workspaceId: string;
  /** Refuse to destroy the instance and its IP (production). */
  readonly preventDestroy: boolean;
  /**
   * Resources the instance must wait for, such as the subnet's NSG association (injection fails without it).
   * @default none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * API Management in internal VNet mode: reachable only at its private address, with a system-assigned identity for
 * keyless calls to Azure OpenAI, TLS 1.2 only, and every log category sent to Log Analytics' resource-specific
 * tables. Children must depend on `ready`, which waits out the activation that follows creation.
 * https://learn.microsoft.com/azure/api-management/api-management-using-with-internal-vnet
 */
export class ApiManagementService extends Construct {
  readonly service: ApiManagement;
  readonly publicIp: PublicIp;
  readonly diagnostics: DiagnosticSettings;
  /** Completes once the instance has finished activating; children depend on it. */
  readonly ready: TimeSleep;

  constructor(scope: Construct, id: string, props: ApiManagementServiceProps) {
    super(scope, id);
    const { sizing } = props;
    const problems = apiManagementSizingProblems(sizing).map((p) => `${p.field}: expected ${p.expected}, got ${JSON.stringify(p.found)}`);
    if (problems.length > 0) {
      throw new Error(`ApiManagementService "${id}": ${problems.join('; ')}`);
    }
    const zones = sizing.sku === 'Premium' && sizing.zones.length > 0 ? [...sizing.zones] : undefined;

    this.publicIp = new PublicIp(this, 'public-ip', {
      name: props.publicIp.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'Standard',
      allocationMethod: 'Static',
      // Internal-mode injection requires a Standard IPv4 address with a DNS label; it serves management traffic only.
      domainNameLabel: props.publicIp.domainNameLabel,
      zones,
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    new DiagnosticSettings(this, 'public-ip-diagnostics', {
      targetResourceId: this.publicIp.id,
      workspaceId: props.workspaceId,
      profile: 'publicIp',
    });

    this.service = new ApiManagement(this, 'service', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      publisherName: props.publisher.name,
      publisherEmail: props.publisher.email,
      skuName: `${sizing.sku}_${sizing.capacity}`,
      zones,
      identity: { type: 'SystemAssigned' },
      virtualNetworkType: 'Internal',
      virtualNetworkConfiguration: { subnetId: props.subnetId },
      publicIpAddressId: this.publicIp.id,
      // Azure refuses to create an internal-mode instance with public access disabled; internal mode already keeps
      // the gateway off the internet.
      publicNetworkAccessEnabled: true,
      minApiVersion: MIN_API_VERSION,
      security: TLS_HARDENING,
      // Developer portal: anonymous visitors are sent to sign-in. These settings govern the legacy portal; the current
      // portal offers username and password sign-up until that identity provider is removed from it (see README).
      signIn: { enabled: true },
      signUp: { enabled: false, termsOfService: { enabled: false, consentRequired: false } },
      // The direct management REST API (tenant access) stays off; changes go through Azure Resource Manager.
      tenantAccess: { enabled: false },
      dependsOn: props.dependsOn,
      lifecycle: { preventDestroy: props.preventDestroy },
    });

    this.diagnostics = new DiagnosticSettings(this, 'diagnostics', {
      targetResourceId: this.service.id,
      workspaceId: props.workspaceId,
      profile: 'apiManagement',
    });

    this.ready = new TimeSleep(this, 'activation', {
      createDuration: `${props.activationWaitSeconds ?? 300}s`,
      dependsOn: [this.service],
      // A replaced instance activates again, so the wait runs again.
      triggers: { apiManagementId: this.service.id },
    });
  }

  get id(): string {
    return this.service.id;
  }

  get name(): string {
    return this.service.name;
  }

  /** Object id of the system-assigned identity, for role assignments. */
  get principalId(): string {
    return this.service.identity.principalId;
  }

  /** Private addresses of the instance (one internal load balancer address in the primary region). */
  get privateIpAddresses(): string[] {
    return this.service.privateIpAddresses;
  }
}
