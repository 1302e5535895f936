import { ApplicationGateway as AzApplicationGateway } from '@cdktf/provider-azurerm/lib/application-gateway';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/**
 * Predefined TLS policy of the listeners: TLS 1.2 minimum with TLS 1.3, ECDHE-GCM cipher suites only. The 2022
 * policies are the first to offer TLS 1.3; the `S` variant drops the CBC suites the plain one keeps.
 */
export const SSL_POLICY_NAME = 'AppGwSslPolicy20220101S';

/** API Management's built-in health endpoint: answers 200 without calling a backend or needing a key. */
/**
 * Frontend ports of the public listeners: HTTPS, and HTTP only to redirect to HTTPS. The network layer opens exactly
 * these on the gateway subnet's NSG, so a listener and its NSG rule cannot drift apart.
 */
export const FRONTEND_PORTS = { https: 443, http: 80 } as const;

export const HEALTH_PROBE_PATH = '/status-0123456789abcdef';

/** Names of the gateway's inner parts; they appear in its logs and metrics (`listenerName`, `ruleName`, ...). */
export const PART_NAMES = {
  gatewayIp: 'gateway-ip',
  frontendIp: 'public',
  httpsPort: 'https',
  httpPort: 'http',
  httpsListener: 'https',
  httpListener: 'http',
  certificate: 'gateway-tls',
  backendPool: 'api-management',
  backendSettings: 'api-management-https',
  probe: 'api-management-status',
  redirect: 'http-to-https',
  httpsRule: 'https-to-api-management',
  redirectRule: 'http-to-https',
} as const;

export interface ApplicationGatewayProps {
  /** Gateway name, from the naming module. */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The gateway's dedicated subnet. */
  readonly subnetId: string;
  /** Standard static public IP, the only frontend. */
  readonly publicIpAddressId: string;
  /** User-assigned identity that reads the TLS certificate from Key Vault. */
  readonly identityId: string;
  /** WAF policy enforced on every listener. */
  readonly firewallPolicyId: string;
  /** Autoscale bounds (instances). */
  readonly autoscale: { readonly minCapacity: number; readonly maxCapacity: number };
  /**
   * Availability zones; the public IP must span the same zones.
   * @default no zone pinning
   */
  readonly zones?: readonly string[];
  /** Public host name the listeners answer for; the certificate covers it. */
  readonly hostName: string;
  /** Versionless Key Vault secret id of the listener certificate. */
  readonly certificateSecretId: string;
  /** API Management's gateway host name, resolved to its private address through private DNS. */
  readonly backendHostName: string;
  /** Seconds the gateway waits for API Management's response; long completions need minutes. */
  readonly requestTimeoutSeconds: number;
  /** Resources that must exist before the gateway, such as the identity's role on the vault. */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Application Gateway WAF v2 in front of API Management: an HTTPS listener with a 2022 TLS policy, an HTTP
 * listener that only redirects, one backend (API Management by host name over HTTPS), and no response buffering
 * so streamed completions reach clients as they are produced.
 */
export class ApplicationGateway extends Construct {
  readonly gateway: AzApplicationGateway;

  constructor(scope: Construct, id: string, props: ApplicationGatewayProps) {
    super(scope, id);
    const { minCapacity, maxCapacity } = props.autoscale;
    if (minCapacity > maxCapacity) {
      throw new Error(`application gateway ${props.name}: autoscale minCapacity ${minCapacity} exceeds maxCapacity ${maxCapacity}`);
    }
    const zones = props.zones && props.zones.length > 0 ? [...props.zones] : undefined;
    const n = PART_NAMES;
    this.gateway = new AzApplicationGateway(this, 'gateway', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      zones,
      sku: { name: 'WAF_v2', tier: 'WAF_v2' },
      autoscaleConfiguration: { minCapacity, maxCapacity },
      identity: { type: 'UserAssigned', identityIds: [props.identityId] },
      firewallPolicyId: props.firewallPolicyId,
      // Refuse to start without the policy rather than run unprotected.
      forceFirewallPolicyAssociation: true,
      enableHttp2: true,
      global: {
        // Server-sent events must flow token by token; a buffered response reaches the client only at the end.
        responseBufferingEnabled: false,
        // The WAF buffers every request body to inspect it whatever this says, so it stays on.
        requestBufferingEnabled: true,
      },
      sslPolicy: { policyType: 'Predefined', policyName: SSL_POLICY_NAME },
      gatewayIpConfiguration: [{ name: n.gatewayIp, subnetId: props.subnetId }],
      frontendIpConfiguration: [{ name: n.frontendIp, publicIpAddressId: props.publicIpAddressId }],
      frontendPort: [
        { name: n.httpsPort, port: FRONTEND_PORTS.https },
        { name: n.httpPort, port: FRONTEND_PORTS.http },
      ],
      sslCertificate: [{ name: n.certificate, keyVaultSecretId: props.certificateSecretId }],
      httpListener: [
        {
          name: n.httpsListener,
          frontendIpConfigurationName: n.frontendIp,
          frontendPortName: n.httpsPort,
          protocol: 'Https',
          hostName: props.hostName,
          sslCertificateName: n.certificate,
        },
        {
          name: n.httpListener,
          frontendIpConfigurationName: n.frontendIp,
          frontendPortName: n.httpPort,
          protocol: 'Http',
          hostName: props.hostName,
        },
      ],
      redirectConfiguration: [
        {
          name: n.redirect,
          redirectType: 'Permanent',
          targetListenerName: n.httpsListener,
          includePath: true,
          includeQueryString: true,
        },
      ],
      backendAddressPool: [{ name: n.backendPool, fqdns: [props.backendHostName] }],
      backendHttpSettings: [
        {
          name: n.backendSettings,
          protocol: 'Https',
          port: 443,
          // API Management routes by host name; its certificate covers it (*.azure-api.net, or the custom domain's).
          pickHostNameFromBackendAddress: true,
          cookieBasedAffinity: 'Disabled',
          requestTimeout: props.requestTimeoutSeconds,
          probeName: n.probe,
        },
      ],
      probe: [
        {
          name: n.probe,
          protocol: 'Https',
          path: HEALTH_PROBE_PATH,
          // API Management ignores requests without its own host name, so the probe sends the backend's.
          pickHostNameFromBackendHttpSettings: true,
          interval: 30,
          timeout: 30,
          unhealthyThreshold: 3,
          match: { statusCode: ['200-399'] },
        },
      ],
      requestRoutingRule: [
        {
          name: n.httpsRule,
          ruleType: 'Basic',
          priority: 100,
          httpListenerName: n.httpsListener,
          backendAddressPoolName: n.backendPool,
          backendHttpSettingsName: n.backendSettings,
        },
        {
          name: n.redirectRule,
          ruleType: 'Basic',
          priority: 200,
          httpListenerName: n.httpListener,
          redirectConfigurationName: n.redirect,
        },
      ],
      dependsOn: props.dependsOn,
    });
  }
}
