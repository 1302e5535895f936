import { defineRule, fromProblems } from '../model';
import { block, literalString } from '../values';

export const rule = defineRule({
  id: 'AOAI-OAI-005',
  title: 'Azure OpenAI accounts have a managed identity',
  severity: 'medium',
  rationale:
    'The account reaches other services (customer-managed keys, storage for batch and fine-tuning) with its own ' +
    'identity instead of stored credentials.',
  remediation: 'Add identity { type = "SystemAssigned" } (or UserAssigned with identity_ids).',
  references: { mcsb: ['IM-3'], checkov: ['CKV_AZURE_238'] },
  resourceTypes: ['azurerm_cognitive_account'],
  evaluate(resource) {
    const type = literalString(block(resource.values, 'identity')?.['type']);
    const ok = type !== undefined && /assigned/i.test(type);
    return fromProblems(
      ok
        ? []
        : [`identity.type must be SystemAssigned or UserAssigned, found ${type === undefined ? 'no identity' : JSON.stringify(type)}`],
    );
  },
});
