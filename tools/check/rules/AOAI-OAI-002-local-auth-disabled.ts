import { defineRule, fromProblems } from '../model';
import { requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-OAI-002',
  title: 'Azure OpenAI API keys are disabled',
  severity: 'high',
  rationale:
    'An account key works from anywhere the network allows, for anyone holding it, and shows up in logs as no ' +
    'one. API Management calls the accounts with its managed identity, so keys have no legitimate user.',
  remediation: 'Set local_auth_enabled = false and grant API Management\'s identity "Cognitive Services OpenAI User" on the account.',
  references: { mcsb: ['IM-1', 'IM-8'], checkov: ['CKV_AZURE_236'] },
  resourceTypes: ['azurerm_cognitive_account'],
  evaluate(resource) {
    const problem = requireBool(resource.values, 'local_auth_enabled', false, true);
    return fromProblems(problem ? [problem] : []);
  },
});
