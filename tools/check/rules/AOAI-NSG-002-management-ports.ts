import { defineRule, fromProblems, notApplicable } from '../model';
import { isInboundAllow, isPrivateAddress, nsgRules, parsePortRange } from '../network';

const MANAGEMENT_PORTS: ReadonlyArray<readonly [number, string]> = [
  [22, 'SSH'],
  [3389, 'RDP'],
  [5985, 'WinRM'],
  [5986, 'WinRM over TLS'],
];

/**
 * The platform's health-probe source (168.63.129.16). Application Gateway and API Management subnets must admit
 * it on every port, as the default AllowAzureLoadBalancerInBound rule does; it is not an administration path.
 */
const PLATFORM_PROBE_TAG = 'azureloadbalancer';

export const rule = defineRule({
  id: 'AOAI-NSG-002',
  title: 'Management ports are open only to specific private address ranges',
  severity: 'high',
  rationale:
    'SSH, RDP and WinRM are the most scanned ports. Nothing in this design is administered through them; if a ' +
    'jump host is ever added, only its own address range should reach them, never a service tag or the Internet.',
  remediation:
    'Remove inbound Allow rules for ports 22, 3389, 5985 and 5986, or limit their source to the private CIDR of a ' +
    'bastion or jump-host subnet. The AzureLoadBalancer probe tag is accepted on any port.',
  references: {
    mcsb: ['NS-1'],
    cis: ['7.1', '7.2'],
    checkov: ['CKV_AZURE_9', 'CKV_AZURE_10'],
    trivy: ['azure-network-disable-rdp-from-internet'],
  },
  resourceTypes: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
  evaluate(resource) {
    const rules = nsgRules(resource);
    if (rules.length === 0) {
      return notApplicable();
    }
    const problems: string[] = [];
    for (const nsgRule of rules.filter(isInboundAllow)) {
      const exposed = MANAGEMENT_PORTS.filter(([port]) =>
        nsgRule.destinationPorts.some((text) => {
          const range = parsePortRange(text);
          return range !== undefined && range.from <= port && port <= range.to;
        }),
      );
      if (exposed.length === 0) {
        continue;
      }
      const broad = nsgRule.sources.filter((source) => !isPrivateAddress(source) && source.toLowerCase() !== PLATFORM_PROBE_TAG);
      if (broad.length > 0 || nsgRule.sources.length === 0) {
        const sources = broad.length > 0 ? broad.join(', ') : 'a source that is not a literal';
        problems.push(`rule "${nsgRule.name}" opens ${exposed.map(([p, n]) => `${n} (${p})`).join(', ')} to ${sources}`);
      }
    }
    return fromProblems(problems);
  },
});
