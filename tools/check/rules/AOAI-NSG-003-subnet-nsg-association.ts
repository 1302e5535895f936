import { defineRule, fromProblems, notApplicable } from '../model';
import { blocks, literalString, stringSetting } from '../values';

/** Subnets Azure manages itself and on which it refuses (or does not support) a network security group. */
export const NSG_EXEMPT_SUBNETS = ['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'RouteServerSubnet'];

function exempt(name: string | undefined): boolean {
  return name !== undefined && NSG_EXEMPT_SUBNETS.some((n) => n.toLowerCase() === name.toLowerCase());
}

export const rule = defineRule({
  id: 'AOAI-NSG-003',
  title: 'Every subnet has a network security group',
  severity: 'high',
  rationale:
    'A subnet without an NSG accepts whatever its route table delivers. API Management and Application Gateway ' +
    'subnets need explicit rules for their platform traffic, and private endpoint subnets should accept only the ' +
    'gateway tier.',
  remediation:
    'Add an azurerm_subnet_network_security_group_association for the subnet (or security_group on an inline ' +
    `subnet). Exempt: ${NSG_EXEMPT_SUBNETS.join(', ')}.`,
  references: { mcsb: ['NS-1'], cis: ['7.11'], checkov: ['CKV2_AZURE_31'] },
  resourceTypes: ['azurerm_subnet', 'azurerm_virtual_network'],
  evaluate(resource, context) {
    if (resource.type === 'azurerm_virtual_network') {
      const inline = blocks(resource.values, 'subnet');
      if (inline.length === 0) {
        return notApplicable();
      }
      const missing = inline
        .filter((s) => !exempt(literalString(s['name'])) && stringSetting(s['security_group']).state === 'absent')
        .map((s) => literalString(s['name']) ?? '(unnamed)');
      return fromProblems(missing.map((name) => `inline subnet "${name}" has no security_group`));
    }
    if (exempt(literalString(resource.values['name']))) {
      return notApplicable();
    }
    const associated = context.graph
      .ofType('azurerm_subnet_network_security_group_association')
      .some((association) => context.graph.refersTo(association, association.values['subnet_id'], resource));
    return fromProblems(associated ? [] : ['no azurerm_subnet_network_security_group_association refers to this subnet']);
  },
});
