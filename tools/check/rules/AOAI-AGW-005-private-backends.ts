import { defineRule, fromProblems, type Resource, type RuleContext } from '../model';
import { isPrivateAddress } from '../network';
import { blocks, literalString, stringList } from '../values';

function isInternalApim(resource: Resource): boolean {
  return resource.type === 'azurerm_api_management' && literalString(resource.values['virtual_network_type']) === 'Internal';
}

function privateZones(context: RuleContext): string[] {
  return context.graph
    .ofType('azurerm_private_dns_zone')
    .map((zone) => literalString(zone.values['name'])?.toLowerCase())
    .filter((name): name is string => name !== undefined);
}

export const rule = defineRule({
  id: 'AOAI-AGW-005',
  title: 'Application Gateway sends traffic only to private backends',
  severity: 'high',
  rationale:
    'The gateway exists to put the WAF in front of the internal API Management. A public backend address would ' +
    'route requests (and their keys) back out over the Internet.',
  remediation:
    'Use private IP addresses, the internal API Management instance, or host names in a private DNS zone of the ' +
    'environment (for example <apim>.azure-api.net with the azure-api.net zone).',
  references: { mcsb: ['NS-1', 'NS-2'] },
  resourceTypes: ['azurerm_application_gateway'],
  evaluate(resource, context) {
    const zones = privateZones(context);
    const problems: string[] = [];
    for (const pool of blocks(resource.values, 'backend_address_pool')) {
      const poolName = literalString(pool['name']) ?? '(unnamed)';
      const ips = stringList(pool['ip_addresses']);
      const fqdns = stringList(pool['fqdns']);
      for (const ip of ips.items.filter((a) => !isPrivateAddress(a))) {
        problems.push(`pool "${poolName}" has the public address ${ip}`);
      }
      for (const fqdn of fqdns.items) {
        const host = fqdn.toLowerCase().replace(/\.$/, '');
        if (!zones.some((zone) => host === zone || host.endsWith(`.${zone}`))) {
          problems.push(`pool "${poolName}" host ${fqdn} is in no private DNS zone of this environment`);
        }
      }
      for (const expression of [...ips.expressions, ...fqdns.expressions]) {
        if (!context.graph.referencedBy(resource, expression).some(isInternalApim)) {
          problems.push(`pool "${poolName}" address ${expression} does not refer to an internal API Management instance`);
        }
      }
    }
    return fromProblems(problems);
  },
});
