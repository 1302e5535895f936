import { defineRule, fromProblems } from '../model';
import { stringSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-OAI-003',
  title: 'Azure OpenAI accounts have a custom subdomain',
  severity: 'high',
  rationale:
    'Entra ID tokens and private endpoints both require the account to have a custom subdomain; without one the ' +
    'managed-identity path of the gateway cannot work. The name cannot be changed later.',
  remediation: 'Set custom_subdomain_name (globally unique; usually the account name).',
  references: {
    mcsb: ['IM-1', 'NS-2'],
    other: ['https://learn.microsoft.com/azure/ai-services/cognitive-services-custom-subdomains'],
  },
  resourceTypes: ['azurerm_cognitive_account'],
  evaluate(resource) {
    const subdomain = stringSetting(resource.values['custom_subdomain_name']);
    const set = subdomain.state === 'expression' || (subdomain.state === 'literal' && subdomain.value.trim() !== '');
    return fromProblems(set ? [] : ['custom_subdomain_name is not set']);
  },
});
