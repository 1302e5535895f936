import { defineRule, fromProblems } from '../model';
import { block, describeSetting, numberSetting } from '../values';

/** Days azurerm uses when a retention policy block has no `days`. */
const PROVIDER_DEFAULT_DAYS = 7;
const MINIMUM_DAYS = 7;

export const rule = defineRule({
  id: 'AOAI-ST-009',
  title: 'Soft delete protects blobs and containers for at least 7 days',
  severity: 'medium',
  rationale: 'Soft delete is the undo for deleted blobs and containers; without it one mistaken delete loses the archive.',
  remediation:
    'Set blob_properties { delete_retention_policy { days = 7 or more } container_delete_retention_policy { days = 7 or more } }.',
  references: { mcsb: ['BR-1'], cis: ['9.2.1', '9.2.2'], checkov: ['CKV2_AZURE_38'] },
  resourceTypes: ['azurerm_storage_account'],
  evaluate(resource) {
    const properties = block(resource.values, 'blob_properties');
    if (!properties) {
      return fromProblems(['blob_properties is not set, so neither blob nor container soft delete is on']);
    }
    const problems: string[] = [];
    for (const policy of ['delete_retention_policy', 'container_delete_retention_policy']) {
      const settings = block(properties, policy);
      if (!settings) {
        problems.push(`blob_properties.${policy} is not set`);
        continue;
      }
      const days = numberSetting(settings['days']);
      const value = days.state === 'absent' ? PROVIDER_DEFAULT_DAYS : days.state === 'literal' ? days.value : undefined;
      if (value === undefined || value < MINIMUM_DAYS) {
        problems.push(`blob_properties.${policy}.days must be >= ${MINIMUM_DAYS}, found ${describeSetting(days)}`);
      }
    }
    return fromProblems(problems);
  },
});
