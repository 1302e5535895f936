import { defineRule, fromProblems } from '../model';
import { describeSetting, stringSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-ST-001',
  title: 'Storage accounts require TLS 1.2 or later',
  severity: 'high',
  rationale: 'TLS 1.0 and 1.1 have known weaknesses and are being retired across Azure; the audit archive must not accept them.',
  remediation: 'Set min_tls_version = "TLS1_2" (the azurerm 4.x default when unset).',
  references: {
    mcsb: ['DP-3'],
    cis: ['9.3.6'],
    checkov: ['CKV_AZURE_44'],
    other: ['Azure Policy fe83a0eb-a853-422d-aac2-1bffd182c5d0'],
  },
  resourceTypes: ['azurerm_storage_account'],
  evaluate(resource) {
    const setting = stringSetting(resource.values['min_tls_version']);
    const ok = setting.state === 'absent' || (setting.state === 'literal' && ['TLS1_2', 'TLS1_3'].includes(setting.value));
    return fromProblems(ok ? [] : [`min_tls_version must be "TLS1_2" or later, found ${describeSetting(setting)}`]);
  },
});
