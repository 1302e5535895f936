import { defineRule, fromProblems } from '../model';
import { block, literalString } from '../values';

export const rule = defineRule({
  id: 'AOAI-APIM-002',
  title: 'API Management has a managed identity',
  severity: 'high',
  rationale:
    'API Management authenticates to Azure OpenAI (keys are disabled) and reads Key Vault certificates and named ' +
    'values with its managed identity; without one the gateway falls back to stored secrets.',
  remediation: 'Add identity { type = "SystemAssigned" } (or UserAssigned with identity_ids).',
  references: { mcsb: ['IM-3'] },
  resourceTypes: ['azurerm_api_management'],
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
