import { defineRule, fromProblems } from '../model';
import { requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-ID-001',
  title: 'Access groups are Entra ID security groups',
  severity: 'low',
  rationale:
    'Only security-enabled groups can hold Azure role assignments and API Management group mappings reliably; Microsoft 365 groups can be joined by self-service.',
  remediation: 'Set security_enabled = true (and leave mail_enabled unset) on every azuread_group.',
  references: { mcsb: ['IM-1', 'PA-7'] },
  resourceTypes: ['azuread_group'],
  evaluate(resource) {
    const problem = requireBool(resource.values, 'security_enabled', true, false);
    return fromProblems(problem ? [problem] : []);
  },
});
