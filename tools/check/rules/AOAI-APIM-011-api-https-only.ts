import { defineRule, fromProblems } from '../model';
import { stringList } from '../values';

export const rule = defineRule({
  id: 'AOAI-APIM-011',
  title: 'APIs accept HTTPS only',
  severity: 'high',
  rationale:
    'An API reachable over plain HTTP exposes subscription keys, tokens and prompts between Application Gateway and API Management.',
  remediation: 'Set protocols = ["https"] (and "wss" only for WebSocket APIs).',
  references: { mcsb: ['DP-3'] },
  resourceTypes: ['azurerm_api_management_api'],
  evaluate(resource) {
    const protocols = stringList(resource.values['protocols']);
    const plain = protocols.items.filter((p) => ['http', 'ws'].includes(p.toLowerCase()));
    const problems = plain.map((p) => `protocols include "${p}"`);
    if (protocols.items.length === 0 && protocols.expressions.length === 0) {
      problems.push('protocols is not set');
    }
    return fromProblems(problems);
  },
});
