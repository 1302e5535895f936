import { defineRule, fromProblems } from '../model';
import { requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-ST-002',
  title: 'Storage accounts accept HTTPS only',
  severity: 'high',
  rationale: 'Plain HTTP exposes blob contents (exported gateway logs with prompts) and SAS tokens on the wire.',
  remediation: 'Set https_traffic_only_enabled = true (azurerm 4.x name; the default) or remove the override.',
  references: { mcsb: ['DP-3'], cis: ['9.3.4'], checkov: ['CKV_AZURE_3'] },
  resourceTypes: ['azurerm_storage_account'],
  evaluate(resource) {
    const problem = requireBool(resource.values, 'https_traffic_only_enabled', true, true);
    return fromProblems(problem ? [problem] : []);
  },
});
