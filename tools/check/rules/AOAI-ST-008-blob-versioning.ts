import { defineRule, fromProblems } from '../model';
import { block, requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-ST-008',
  title: 'Blob versioning is on',
  severity: 'medium',
  rationale: 'Versioning keeps overwritten audit blobs recoverable, whether the overwrite was a bug or deliberate.',
  remediation: 'Set blob_properties { versioning_enabled = true }.',
  references: { mcsb: ['BR-1'], cis: ['9.2.3'] },
  resourceTypes: ['azurerm_storage_account'],
  evaluate(resource) {
    const properties = block(resource.values, 'blob_properties');
    if (!properties) {
      return fromProblems(['blob_properties is not set, so versioning is off']);
    }
    const problem = requireBool(properties, 'versioning_enabled', true, false);
    return fromProblems(problem ? [`blob_properties.${problem}`] : []);
  },
});
