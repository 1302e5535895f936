import { defineRule, fromProblems } from '../model';
import { describeSetting, numberSetting } from '../values';

/** azurerm's default when soft_delete_retention_days is not set. */
const PROVIDER_DEFAULT_DAYS = 90;

export const rule = defineRule({
  id: 'AOAI-KV-003',
  title: 'Key Vault soft delete keeps deleted objects long enough (90 days in production, 7 elsewhere)',
  severity: 'medium',
  rationale:
    'Soft delete is the recovery window for deleted secrets and certificates. Production keeps the maximum of 90 ' +
    'days; other environments may use the minimum of 7 to free names quickly.',
  remediation:
    'Set soft_delete_retention_days to 90 in production (or leave it unset: the provider default is 90) and to ' +
    'at least 7 elsewhere. The value can be set only when the vault is created.',
  references: { mcsb: ['DP-8', 'BR-2'], checkov: ['CKV_AZURE_111', 'CKV_AZURE_42'] },
  resourceTypes: ['azurerm_key_vault'],
  evaluate(resource, context) {
    const minimum = context.production ? 90 : 7;
    const setting = numberSetting(resource.values['soft_delete_retention_days']);
    const days = setting.state === 'absent' ? PROVIDER_DEFAULT_DAYS : setting.state === 'literal' ? setting.value : undefined;
    if (days !== undefined && days >= minimum) {
      return fromProblems([]);
    }
    const where = context.production ? 'production' : 'this environment';
    return fromProblems([`soft_delete_retention_days must be >= ${minimum} in ${where}, found ${describeSetting(setting)}`]);
  },
});
