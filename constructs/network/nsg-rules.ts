/**
 * Network security rules of each subnet, as data: what a subnet must accept and may send, everything else denied.
 * Each allowance comes from Microsoft's documented requirements for the service living in the subnet; the source is
 * named next to each table so a reviewer can check it.
 */

export type RuleDirection = 'Inbound' | 'Outbound';

export interface NsgRule {
  /** Unique within the security group; letters, digits and hyphens. */
  readonly name: string;
  /** 100-4096; lower wins. Unique per direction. */
  readonly priority: number;
  readonly direction: RuleDirection;
  readonly access: 'Allow' | 'Deny';
  readonly protocol: 'Tcp' | 'Udp' | '*';
  /** CIDR block, service tag or `*`. */
  readonly source: string;
  /** CIDR block, service tag or `*`. */
  readonly destination: string;
  /** Destination ports or ranges (`6381-6383`), or `['*']` for any. */
  readonly ports: readonly string[];
  /** Why the rule exists; Azure allows 140 characters. */
  readonly description: string;
}

/** Lowest priority Azure allows for custom rules: the catch-all deny sits here, above the default rules. */
export const DENY_ALL_PRIORITY = 4096;

const RULE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,78}[a-zA-Z0-9]$/;
const PORT = /^(\*|\d{1,5}(-\d{1,5})?)$/;

function denyAll(direction: RuleDirection): NsgRule {
  return {
    name: `Deny-All-${direction}`,
    priority: DENY_ALL_PRIORITY,
    direction,
    access: 'Deny',
    protocol: '*',
    source: '*',
    destination: '*',
    ports: ['*'],
    description: `Deny by default: only the ${direction.toLowerCase()} flows allowed above may pass`,
  };
}

export interface ApplicationGatewayRuleProps {
  /** Ports the gateway's listeners accept client traffic on. */
  readonly listenerPorts: readonly number[];
}

/**
 * Application Gateway v2 subnet
 * (https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure#network-security-groups):
 * GatewayManager on 65200-65535 and the Azure load balancer must reach every instance, clients reach the listener
 * ports, all other inbound traffic may be denied. Outbound internet must stay open (default rules), since the v2
 * gateway's management traffic uses it: no outbound rule is added on purpose.
 * Listener traffic targets any destination because, once public and private listeners share a port, Azure rewrites
 * the flow's destination to the frontend addresses rather than the subnet prefix.
 */
export function applicationGatewayRules(props: ApplicationGatewayRuleProps): NsgRule[] {
  return [
    {
      name: 'Allow-GatewayManager-Inbound',
      priority: 100,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      source: 'GatewayManager',
      destination: '*',
      ports: ['65200-65535'],
      description: 'Application Gateway v2 infrastructure ports (backend health, management), certificate-protected',
    },
    {
      name: 'Allow-AzureLoadBalancer-Inbound',
      priority: 110,
      direction: 'Inbound',
      access: 'Allow',
      protocol: '*',
      source: 'AzureLoadBalancer',
      destination: '*',
      ports: ['*'],
      description: 'Azure load balancer health probes of the gateway instances',
    },
    {
      name: 'Allow-Listeners-Inbound',
      priority: 120,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      source: '*',
      destination: '*',
      ports: props.listenerPorts.map(String),
      description: 'Clients to the gateway listeners; the WAF inspects every request',
    },
    denyAll('Inbound'),
  ];
}

export interface ApiManagementRuleProps {
  readonly apiManagementPrefix: string;
  readonly applicationGatewayPrefix: string;
  readonly privateEndpointsPrefix: string;
  /**
   * Networks of operators, developers and runners, by label: they reach the developer portal and the management
   * API (and so the gateway host too, still behind its token and subscription key) over HTTPS.
   * @default none
   */
  readonly operatorPrefixes?: Readonly<Record<string, string>>;
}

/**
 * API Management (classic tiers) in internal mode
 * (https://learn.microsoft.com/azure/api-management/virtual-network-reference#required-ports): the management
 * endpoint from the ApiManagement tag, the Azure load balancer on 6390, and the outbound dependencies (Storage,
 * SQL, Key Vault, Azure Monitor, Entra ID, certificate checks on 80). Clients arrive only from the Application
 * Gateway subnet. Units of a scaled instance sync rate-limit counters (UDP 4290) and the internal cache
 * (6381-6383) among themselves, which the token-limit policies rely on.
 * The page's "internal infrastructure and diagnostics" section asks for NTP, port 12000 and HTTPS to Microsoft
 * FQDNs (Windows Update, Defender, PKI) that no service tag covers; those stay allowed to the internet because an
 * NSG cannot name an FQDN. Narrowing them further takes an egress firewall.
 */
export function apiManagementRules(props: ApiManagementRuleProps): NsgRule[] {
  const apim = props.apiManagementPrefix;
  const inbound = (name: string, priority: number, rule: Omit<NsgRule, 'name' | 'priority' | 'direction' | 'access'>): NsgRule => ({
    name: `Allow-${name}-Inbound`,
    priority,
    direction: 'Inbound',
    access: 'Allow',
    ...rule,
  });
  const outbound = (name: string, priority: number, rule: Omit<NsgRule, 'name' | 'priority' | 'direction' | 'access'>): NsgRule => ({
    name: `Allow-${name}-Outbound`,
    priority,
    direction: 'Outbound',
    access: 'Allow',
    ...rule,
  });
  return [
    inbound('ApiManagement', 100, {
      protocol: 'Tcp',
      source: 'ApiManagement',
      destination: 'VirtualNetwork',
      ports: ['3443'],
      description: 'Management endpoint for the Azure portal and ARM (required in internal mode)',
    }),
    inbound('AzureLoadBalancer', 110, {
      protocol: 'Tcp',
      source: 'AzureLoadBalancer',
      destination: 'VirtualNetwork',
      ports: ['6390'],
      description: 'Azure infrastructure load balancer health probes (critical once scaled past one unit)',
    }),
    inbound('ApplicationGateway', 120, {
      protocol: 'Tcp',
      source: props.applicationGatewayPrefix,
      destination: apim,
      ports: ['443'],
      description: 'Gateway traffic and health probes from the Application Gateway subnet only',
    }),
    ...Object.entries(props.operatorPrefixes ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, prefix], index) =>
        inbound(label, 150 + index * 10, {
          protocol: 'Tcp',
          source: prefix,
          destination: apim,
          ports: ['443'],
          description: `Developer portal and management API from ${label}, inside or peered with the network`,
        }),
      ),
    inbound('RateLimitSync', 130, {
      protocol: 'Udp',
      source: apim,
      destination: apim,
      ports: ['4290'],
      description: 'Rate and token limit counters synchronised between units',
    }),
    inbound('InternalCache', 140, {
      protocol: 'Tcp',
      source: apim,
      destination: apim,
      ports: ['6381-6383'],
      description: 'Internal cache shared between units',
    }),
    denyAll('Inbound'),
    outbound('Storage', 100, {
      protocol: 'Tcp',
      source: 'VirtualNetwork',
      destination: 'Storage',
      ports: ['443'],
      description: 'Dependency on Azure Storage (configuration, developer portal)',
    }),
    outbound('Sql', 110, {
      protocol: 'Tcp',
      source: 'VirtualNetwork',
      destination: 'Sql',
      ports: ['1433'],
      description: 'Dependency on Azure SQL (service configuration store)',
    }),
    outbound('KeyVault', 120, {
      protocol: 'Tcp',
      source: 'VirtualNetwork',
      destination: 'AzureKeyVault',
      ports: ['443'],
      description: 'Access to Azure Key Vault (certificates, named values)',
    }),
    outbound('AzureMonitor', 130, {
      protocol: 'Tcp',
      source: 'VirtualNetwork',
      destination: 'AzureMonitor',
      ports: ['1886', '443'],
      description: 'Diagnostic logs, metrics, resource health and Application Insights',
    }),
    outbound('EntraId', 140, {
      protocol: 'Tcp',
      source: 'VirtualNetwork',
      destination: 'AzureActiveDirectory',
      ports: ['443'],
      description: 'Microsoft Entra ID: token validation and managed identity',
    }),
    outbound('PrivateEndpoints', 150, {
      protocol: 'Tcp',
      source: apim,
      destination: props.privateEndpointsPrefix,
      ports: ['443'],
      description: 'Azure OpenAI and Key Vault through their private endpoints',
    }),
    outbound('RateLimitSync', 160, {
      protocol: 'Udp',
      source: apim,
      destination: apim,
      ports: ['4290'],
      description: 'Rate and token limit counters synchronised between units',
    }),
    outbound('InternalCache', 170, {
      protocol: 'Tcp',
      source: apim,
      destination: apim,
      ports: ['6381-6383'],
      description: 'Internal cache shared between units',
    }),
    outbound('CertificateValidation', 180, {
      protocol: 'Tcp',
      source: 'VirtualNetwork',
      destination: 'Internet',
      ports: ['80'],
      description: 'Certificate chain and revocation checks (required)',
    }),
    outbound('PlatformMaintenance', 190, {
      protocol: 'Tcp',
      source: 'VirtualNetwork',
      destination: 'Internet',
      ports: ['443', '12000'],
      description: 'Platform updates, PKI and diagnostics on Microsoft FQDNs no service tag covers',
    }),
    outbound('TimeSync', 200, {
      protocol: 'Udp',
      source: 'VirtualNetwork',
      destination: 'Internet',
      ports: ['123'],
      description: 'NTP for the platform instances',
    }),
    denyAll('Outbound'),
  ];
}

export interface PrivateEndpointRuleProps {
  readonly privateEndpointsPrefix: string;
  /** Subnets whose workloads call the services behind the endpoints, over HTTPS. */
  readonly clientPrefixes: Readonly<Record<string, string>>;
}

/**
 * Private endpoints subnet: only the named client subnets reach the endpoints, on 443; the endpoints never start
 * connections. The rules take effect only with private endpoint network policies enabled on the subnet
 * (https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy).
 */
export function privateEndpointRules(props: PrivateEndpointRuleProps): NsgRule[] {
  const clients = Object.entries(props.clientPrefixes).sort(([a], [b]) => a.localeCompare(b));
  return [
    ...clients.map(([client, prefix], index): NsgRule => ({
      name: `Allow-${client}-Inbound`,
      priority: 100 + index * 10,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      source: prefix,
      destination: props.privateEndpointsPrefix,
      ports: ['443'],
      description: `HTTPS from the ${client} subnet to the private endpoints`,
    })),
    denyAll('Inbound'),
    denyAll('Outbound'),
  ];
}

export interface RunnerRuleProps {
  readonly runnerPrefix: string;
  readonly privateEndpointsPrefix: string;
  readonly apiManagementPrefix: string;
}

/**
 * Deployment runners: nothing may connect to them; they reach the private endpoints (Key Vault, storage) and API
 * Management over HTTPS, and the internet on 443 for the CI service, the Terraform and npm registries, Resource
 * Manager and Entra ID (an NSG cannot name those hosts; an egress firewall can narrow it).
 */
export function runnerRules(props: RunnerRuleProps): NsgRule[] {
  const outbound = (name: string, priority: number, destination: string, description: string): NsgRule => ({
    name: `Allow-${name}-Outbound`,
    priority,
    direction: 'Outbound',
    access: 'Allow',
    protocol: 'Tcp',
    source: props.runnerPrefix,
    destination,
    ports: ['443'],
    description,
  });
  return [
    denyAll('Inbound'),
    outbound(
      'PrivateEndpoints',
      100,
      props.privateEndpointsPrefix,
      'Key Vault and storage data-plane calls through their private endpoints',
    ),
    outbound('ApiManagement', 110, props.apiManagementPrefix, 'API Management management API and developer portal'),
    outbound('Internet', 120, 'Internet', 'CI service, Terraform and npm registries, Resource Manager and Entra ID'),
    denyAll('Outbound'),
  ];
}

/**
 * Problems that Azure would only report at apply time, or not at all (a shadowed rule): malformed names, duplicate
 * names or priorities, priorities out of range, descriptions over 140 characters, malformed ports.
 */
export function ruleProblems(rules: readonly NsgRule[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const priorities = new Set<string>();
  for (const rule of rules) {
    if (!RULE_NAME.test(rule.name)) {
      problems.push(`rule ${rule.name}: name must be 2-80 letters, digits or hyphens`);
    }
    if (names.has(rule.name)) {
      problems.push(`rule ${rule.name}: name used twice`);
    }
    names.add(rule.name);
    const key = `${rule.direction}/${rule.priority}`;
    if (priorities.has(key)) {
      problems.push(`rule ${rule.name}: ${rule.direction.toLowerCase()} priority ${rule.priority} used twice`);
    }
    priorities.add(key);
    if (!Number.isInteger(rule.priority) || rule.priority < 100 || rule.priority > DENY_ALL_PRIORITY) {
      problems.push(`rule ${rule.name}: priority must be 100-${DENY_ALL_PRIORITY}, got ${rule.priority}`);
    }
    if (rule.description.length > 140) {
      problems.push(`rule ${rule.name}: description must be at most 140 characters, got ${rule.description.length}`);
    }
    if (rule.ports.length === 0 || rule.ports.some((port) => !PORT.test(port)) || (rule.ports.includes('*') && rule.ports.length > 1)) {
      problems.push(`rule ${rule.name}: ports must be numbers, ranges or a single "*", got ${JSON.stringify(rule.ports)}`);
    }
  }
  return problems;
}
