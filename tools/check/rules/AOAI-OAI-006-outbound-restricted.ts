import { defineRule, fromProblems, notApplicable } from '../model';
import { literalString, requireBool } from '../values';

const KINDS = ['openai', 'aiservices'];

export const rule = defineRule({
  id: 'AOAI-OAI-006',
  title: 'Azure OpenAI outbound network access is restricted',
  severity: 'medium',
  rationale:
    'Features such as "on your data" make the account call out to URLs; restricting outbound access to an ' +
    'explicit FQDN list stops prompts and documents from being sent anywhere else.',
  remediation: 'Set outbound_network_access_restricted = true and list the required hosts in fqdns (if any).',
  references: { mcsb: ['NS-2'], checkov: ['CKV_AZURE_247'] },
  resourceTypes: ['azurerm_cognitive_account'],
  evaluate(resource) {
    const kind = literalString(resource.values['kind'])?.toLowerCase();
    if (kind !== undefined && !KINDS.includes(kind)) {
      return notApplicable();
    }
    const problem = requireBool(resource.values, 'outbound_network_access_restricted', true, false);
    return fromProblems(problem ? [problem] : []);
  },
});
