import { BODY_SENDERS, resourceBodyProblems } from '../azapi-bodies';
import { defineRule, fromProblems } from '../model';

export const rule = defineRule({
  id: 'AOAI-TF-002',
  title: 'azapi bodies match the Resource Manager definition of their type and API version',
  severity: 'high',
  rationale:
    'azapi sends bodies as written; a misspelt or misplaced property, a value outside an enumeration or a ' +
    'read-only property is refused by Resource Manager at apply, or (for updates, which azapi does not validate) ' +
    'silently ignored.',
  remediation:
    'Correct the body against the type definition cited in the finding; for a new type or API version, transcribe ' +
    'its definition into tools/check/arm-types.ts from the types azapi embeds at the pinned tag.',
  references: {
    mcsb: ['DS-6'],
    other: ['https://github.com/Azure/terraform-provider-azapi/tree/v2.7.0/internal/azure/generated'],
  },
  resourceTypes: Object.keys(BODY_SENDERS),
  evaluate(resource) {
    return fromProblems(resourceBodyProblems(resource.type, resource.values).problems);
  },
});
