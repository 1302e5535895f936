import { defineRule, fromProblems } from '../model';
import { requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-ST-003',
  title: 'Storage account shared key access is off',
  severity: 'high',
  rationale:
    'Account keys grant full access to all data, never expire and leave no identity in the logs; Entra ID ' +
    'authorization gives each caller its own auditable, revocable access.',
  remediation:
    'Set shared_access_key_enabled = false and storage_use_azuread = true on the azurerm provider so Terraform ' +
    'manages containers with Entra ID.',
  references: {
    mcsb: ['IM-1'],
    cis: ['9.3.1.3'],
    checkov: ['CKV2_AZURE_40'],
    other: ['Azure Policy 8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54'],
  },
  resourceTypes: ['azurerm_storage_account'],
  evaluate(resource) {
    const problem = requireBool(resource.values, 'shared_access_key_enabled', false, true);
    return fromProblems(problem ? [problem] : []);
  },
});
