import { defineRule, fromProblems, notApplicable, type ResourceLookup } from '../model';
import { isInboundAllow, isInternetSource, nsgRules, parsePortRange, type PortRange } from '../network';
import { blocks, numberSetting } from '../values';

/** Ports the environment's Application Gateways listen on: the only ports the Internet may reach. */
export function listenerPorts(graph: ResourceLookup): Set<number> {
  const ports = new Set<number>();
  for (const gateway of graph.ofType('azurerm_application_gateway')) {
    for (const frontendPort of blocks(gateway.values, 'frontend_port')) {
      const port = numberSetting(frontendPort['port']);
      if (port.state === 'literal') {
        ports.add(port.value);
      }
    }
  }
  return ports;
}

function outsideListeners(range: PortRange, allowed: ReadonlySet<number>): boolean {
  if (range.to - range.from > 1024) {
    return true;
  }
  for (let port = range.from; port <= range.to; port++) {
    if (!allowed.has(port)) {
      return true;
    }
  }
  return false;
}

export const rule = defineRule({
  id: 'AOAI-NSG-001',
  title: 'Inbound traffic from the Internet reaches only the Application Gateway listener ports',
  severity: 'critical',
  rationale:
    'The gateway has exactly one public entry point: the Application Gateway listeners behind the WAF. Any other ' +
    'port open to the Internet (management ports, any-any rules, backends) bypasses the WAF and the logging path.',
  remediation:
    'Restrict inbound Allow rules whose source is Internet, *, Any or 0.0.0.0/0 to the ports of the Application ' +
    "Gateway's frontend_port blocks; use service tags (GatewayManager, AzureLoadBalancer) for platform traffic.",
  references: {
    mcsb: ['NS-1'],
    cis: ['7.1', '7.2', '7.3', '7.4'],
    checkov: ['CKV_AZURE_9', 'CKV_AZURE_10', 'CKV_AZURE_160'],
    trivy: ['azure-network-no-public-ingress'],
  },
  resourceTypes: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
  evaluate(resource, context) {
    const rules = nsgRules(resource);
    if (rules.length === 0) {
      return notApplicable();
    }
    const allowed = listenerPorts(context.graph);
    const shownAllowed =
      allowed.size === 0 ? 'none (no Application Gateway listener in this environment)' : [...allowed].sort((a, b) => a - b).join(', ');
    const problems: string[] = [];
    for (const nsgRule of rules.filter(isInboundAllow)) {
      const internet = nsgRule.sources.filter(isInternetSource);
      if (internet.length === 0) {
        continue;
      }
      if (nsgRule.destinationPorts.length === 0) {
        problems.push(`rule "${nsgRule.name}" allows ${internet.join(', ')} with destination ports that are not literals`);
        continue;
      }
      const open = nsgRule.destinationPorts.filter((text) => {
        const range = parsePortRange(text);
        return range === undefined || outsideListeners(range, allowed);
      });
      if (open.length > 0) {
        problems.push(
          `rule "${nsgRule.name}" allows port(s) ${open.join(', ')} from ${internet.join(', ')}; listener ports: ${shownAllowed}`,
        );
      }
    }
    return fromProblems(problems);
  },
});
