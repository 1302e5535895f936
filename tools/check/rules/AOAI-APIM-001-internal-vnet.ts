import { defineRule, fromProblems } from '../model';
import { block, describeSetting, stringSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-APIM-001',
  title: 'API Management runs in internal virtual network mode',
  severity: 'critical',
  rationale:
    'Only Application Gateway (with its WAF) may reach the gateway. In internal mode API Management has private ' +
    'addresses only. (Checkov CKV_AZURE_174, public network access disabled, cannot pass in this mode: Azure ' +
    'requires public_network_access_enabled = true for internal VNet instances.)',
  remediation:
    'Set virtual_network_type = "Internal" and virtual_network_configuration { subnet_id = <dedicated subnet> } ' +
    '(Developer or Premium tier).',
  references: { mcsb: ['NS-2'], checkov: ['CKV_AZURE_107'] },
  resourceTypes: ['azurerm_api_management'],
  evaluate(resource) {
    const problems: string[] = [];
    const mode = stringSetting(resource.values['virtual_network_type']);
    if (!(mode.state === 'literal' && mode.value === 'Internal')) {
      problems.push(`virtual_network_type must be "Internal", found ${describeSetting(mode)}`);
    }
    const subnet = stringSetting(block(resource.values, 'virtual_network_configuration')?.['subnet_id']);
    if (subnet.state === 'absent') {
      problems.push('virtual_network_configuration.subnet_id is not set');
    }
    return fromProblems(problems);
  },
});
