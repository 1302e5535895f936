import { defineRule, fromProblems } from '../model';
import { block, describeSetting, stringSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-AGW-001',
  title: 'Application Gateway uses the WAF_v2 SKU',
  severity: 'high',
  rationale:
    'The Application Gateway is the only Internet-facing component; it must inspect every request with the web application firewall.',
  remediation: 'Set sku { name = "WAF_v2", tier = "WAF_v2" } with autoscale_configuration.',
  references: { mcsb: ['NS-6'], cis: ['7.10'], checkov: ['CKV_AZURE_120'] },
  resourceTypes: ['azurerm_application_gateway'],
  evaluate(resource) {
    const sku = block(resource.values, 'sku');
    const problems = (['name', 'tier'] as const).flatMap((field) => {
      const setting = stringSetting(sku?.[field]);
      return setting.state === 'literal' && setting.value === 'WAF_v2'
        ? []
        : [`sku.${field} must be "WAF_v2", found ${describeSetting(setting)}`];
    });
    return fromProblems(problems);
  },
});
