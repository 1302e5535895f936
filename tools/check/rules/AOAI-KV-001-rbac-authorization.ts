import { defineRule, fromProblems } from '../model';
import { blocks, boolSetting, describeSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-KV-001',
  title: 'Key Vault uses Azure RBAC, not access policies',
  severity: 'high',
  rationale:
    'Access policies grant vault-wide rights outside Azure RBAC, cannot be scoped to one secret and are not ' +
    'covered by Privileged Identity Management or role-assignment reviews.',
  remediation:
    'Set rbac_authorization_enabled = true (azurerm 4.x; enable_rbac_authorization is the deprecated name), ' +
    'remove access_policy blocks and grant Key Vault data-plane roles with azurerm_role_assignment.',
  references: { mcsb: ['PA-7', 'IM-1'], cis: ['8.3.6'], checkov: ['CKV_AZURE_242'] },
  resourceTypes: ['azurerm_key_vault'],
  evaluate(resource) {
    const current = boolSetting(resource.values['rbac_authorization_enabled']);
    const deprecated = boolSetting(resource.values['enable_rbac_authorization']);
    const enabled = (current.state === 'literal' && current.value) || (deprecated.state === 'literal' && deprecated.value);
    const problems: string[] = [];
    if (!enabled) {
      problems.push(`rbac_authorization_enabled must be true, found ${describeSetting(current.state === 'absent' ? deprecated : current)}`);
    }
    const policies = blocks(resource.values, 'access_policy').length;
    if (policies > 0) {
      problems.push(`${policies} access_policy block(s) grant access outside Azure RBAC`);
    }
    return fromProblems(problems);
  },
});
