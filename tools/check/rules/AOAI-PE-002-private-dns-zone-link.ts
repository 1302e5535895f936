import { compliant, defineRule, nonCompliant } from '../model';
import { literalString } from '../values';

export const rule = defineRule({
  id: 'AOAI-PE-002',
  title: 'Every private DNS zone is linked to a virtual network',
  severity: 'medium',
  rationale:
    'A private DNS zone answers only inside the virtual networks it is linked to; an unlinked zone leaves API ' +
    'Management and Application Gateway resolving public addresses.',
  remediation: 'Add an azurerm_private_dns_zone_virtual_network_link from the zone to the gateway virtual network.',
  references: { mcsb: ['NS-10'], other: ['https://learn.microsoft.com/azure/dns/private-dns-virtual-network-links'] },
  resourceTypes: ['azurerm_private_dns_zone'],
  evaluate(resource, context) {
    const zoneName = literalString(resource.values['name']);
    const linked = context.graph.ofType('azurerm_private_dns_zone_virtual_network_link').some((link) => {
      const target = link.values['private_dns_zone_name'];
      return context.graph.refersTo(link, target, resource) || (zoneName !== undefined && literalString(target) === zoneName);
    });
    return linked ? compliant() : nonCompliant('no azurerm_private_dns_zone_virtual_network_link refers to this zone');
  },
});
