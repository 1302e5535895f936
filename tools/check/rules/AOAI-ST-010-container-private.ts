import { defineRule, fromProblems } from '../model';
import { describeSetting, stringSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-ST-010',
  title: 'Blob containers are private',
  severity: 'high',
  rationale: 'A blob or container access level lets anyone read the data without credentials.',
  remediation: 'Set container_access_type = "private" (the default) on every azurerm_storage_container.',
  references: { mcsb: ['NS-2'], checkov: ['CKV_AZURE_34'] },
  resourceTypes: ['azurerm_storage_container'],
  evaluate(resource) {
    const access = stringSetting(resource.values['container_access_type']);
    const ok = access.state === 'absent' || (access.state === 'literal' && access.value === 'private');
    return fromProblems(ok ? [] : [`container_access_type must be "private", found ${describeSetting(access)}`]);
  },
});
