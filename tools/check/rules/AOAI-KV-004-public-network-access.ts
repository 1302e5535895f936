import { defineRule, fromProblems } from '../model';
import { requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-KV-004',
  title: 'Key Vault public network access is off',
  severity: 'high',
  rationale: 'The vault holds the gateway certificate and any secrets API Management reads; only private endpoints should reach it.',
  remediation: 'Set public_network_access_enabled = false and reach the vault through its private endpoint.',
  references: { mcsb: ['NS-2'], cis: ['8.3.7'], checkov: ['CKV_AZURE_189'] },
  resourceTypes: ['azurerm_key_vault'],
  evaluate(resource) {
    const problem = requireBool(resource.values, 'public_network_access_enabled', false, true);
    return fromProblems(problem ? [problem] : []);
  },
});
