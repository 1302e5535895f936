import { defineRule, fromProblems } from '../model';
import { requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-OAI-001',
  title: 'Azure OpenAI public network access is off',
  severity: 'high',
  rationale:
    'Every call must pass through the gateway, which authenticates, meters and logs it. A public endpoint lets ' +
    'callers skip all three.',
  remediation: 'Set public_network_access_enabled = false; API Management reaches the account through its private endpoint.',
  references: { mcsb: ['NS-2'], checkov: ['CKV_AZURE_134'] },
  resourceTypes: ['azurerm_cognitive_account'],
  evaluate(resource) {
    const problem = requireBool(resource.values, 'public_network_access_enabled', false, true);
    return fromProblems(problem ? [problem] : []);
  },
});
