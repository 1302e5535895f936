import { defineRule, fromProblems } from '../model';
import { block, stringList } from '../values';

export const rule = defineRule({
  id: 'AOAI-PE-001',
  title: 'Every private endpoint registers in a private DNS zone',
  severity: 'high',
  rationale:
    'Without a private DNS zone group the service name keeps resolving to its public address, so callers either ' +
    'fail (public access is off) or silently leave the private network.',
  remediation:
    'Add a private_dns_zone_group with the privatelink zone of the sub-resource (for example ' +
    'privatelink.openai.azure.com, privatelink.vaultcore.azure.net, privatelink.blob.core.windows.net).',
  references: { mcsb: ['NS-2', 'NS-10'], other: ['https://learn.microsoft.com/azure/private-link/private-endpoint-dns'] },
  resourceTypes: ['azurerm_private_endpoint'],
  evaluate(resource) {
    const group = block(resource.values, 'private_dns_zone_group');
    if (!group) {
      return fromProblems(['private_dns_zone_group is not set']);
    }
    const zones = stringList(group['private_dns_zone_ids']);
    return fromProblems(
      zones.items.length + zones.expressions.length === 0 ? ['private_dns_zone_group names no private_dns_zone_ids'] : [],
    );
  },
});
