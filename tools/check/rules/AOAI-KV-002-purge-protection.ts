import { defineRule, fromProblems } from '../model';
import { requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-KV-002',
  title: 'Key Vault purge protection is on',
  severity: 'high',
  rationale:
    'Without purge protection a deleted vault (and the certificates of the gateway) can be purged at once by anyone ' +
    'with the right role, including by a mistaken destroy.',
  remediation: 'Set purge_protection_enabled = true. It cannot be turned off again, which is the point.',
  references: {
    mcsb: ['DP-8'],
    cis: ['8.3.5'],
    checkov: ['CKV_AZURE_110', 'CKV_AZURE_42'],
    trivy: ['azure-keyvault-no-purge'],
  },
  resourceTypes: ['azurerm_key_vault'],
  evaluate(resource) {
    const problem = requireBool(resource.values, 'purge_protection_enabled', true, false);
    return fromProblems(problem ? [problem] : []);
  },
});
