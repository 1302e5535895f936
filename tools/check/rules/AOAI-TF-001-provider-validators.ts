import { PROVIDER_VALIDATORS } from '../../../lib/azure/provider-validators';
import { defineRule, fromProblems } from '../model';
import { blockProblems } from '../provider-validators';

export const rule = defineRule({
  id: 'AOAI-TF-001',
  title: "Literal values pass the azurerm and azuread providers' own validators",
  severity: 'high',
  rationale:
    "The prebuilt bindings type arguments but do not carry the providers' validators, so a value the provider refuses " +
    '(a table retention of 2557 days, an unknown SKU) synthesizes cleanly and fails only at plan, in front of Azure.',
  remediation:
    'Change the value (or the configuration that feeds it) to one the provider accepts; for a new literal attribute, ' +
    'transcribe its validator into lib/azure/provider-validators/ from the provider source at the pinned tag.',
  references: {
    mcsb: ['DS-6'],
    other: ['https://developer.hashicorp.com/terraform/plugin/sdkv2/schemas/schema-behaviors#validatefunc'],
  },
  resourceTypes: PROVIDER_VALIDATORS.flatMap((table) => Object.keys(table.resources)),
  evaluate(resource) {
    return fromProblems(blockProblems({ mode: resource.mode, type: resource.type, values: resource.values }, false).problems);
  },
});
