import { defineRule, fromProblems } from '../model';
import { requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-ST-004',
  title: 'Storage accounts forbid anonymous blob access',
  severity: 'high',
  rationale: 'One container set to public by mistake would publish archived prompts and completions to anyone with the URL.',
  remediation: 'Set allow_nested_items_to_be_public = false on the account.',
  references: { mcsb: ['NS-2'], cis: ['9.3.8'], checkov: ['CKV_AZURE_190'] },
  resourceTypes: ['azurerm_storage_account'],
  evaluate(resource) {
    const problem = requireBool(resource.values, 'allow_nested_items_to_be_public', false, true);
    return fromProblems(problem ? [problem] : []);
  },
});
