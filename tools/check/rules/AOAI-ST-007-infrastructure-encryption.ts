import { defineRule, fromProblems } from '../model';
import { requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-ST-007',
  title: 'Storage accounts use infrastructure (double) encryption',
  severity: 'medium',
  rationale:
    'The archive holds prompts and completions; a second, independent encryption layer protects it if one ' +
    'algorithm or key is ever compromised. It can only be chosen when the account is created.',
  remediation: 'Set infrastructure_encryption_enabled = true (forces a new account when changed).',
  references: { mcsb: ['DP-4'], other: ['Azure Policy 4733ea7b-a883-42fe-8cac-97454c2a9e4a'] },
  resourceTypes: ['azurerm_storage_account'],
  evaluate(resource) {
    const problem = requireBool(resource.values, 'infrastructure_encryption_enabled', true, false);
    return fromProblems(problem ? [problem] : []);
  },
});
