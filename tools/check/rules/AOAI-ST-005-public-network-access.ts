import { defineRule, fromProblems } from '../model';
import { requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-ST-005',
  title: 'Storage account public network access is off',
  severity: 'high',
  rationale: 'The account stores the audit archive of the gateway; it is written and read only from inside the network.',
  remediation: 'Set public_network_access_enabled = false and use the blob private endpoint.',
  references: {
    mcsb: ['NS-2'],
    cis: ['9.3.2.2'],
    checkov: ['CKV_AZURE_59'],
    other: ['Azure Policy b2982f36-99f2-4db5-8eff-283140c09693'],
  },
  resourceTypes: ['azurerm_storage_account'],
  evaluate(resource) {
    const problem = requireBool(resource.values, 'public_network_access_enabled', false, true);
    return fromProblems(problem ? [problem] : []);
  },
});
