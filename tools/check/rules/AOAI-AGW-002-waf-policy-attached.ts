import { defineRule, fromProblems } from '../model';
import { block, blocks, literalString, stringSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-AGW-002',
  title: 'A WAF policy is attached to the Application Gateway',
  severity: 'high',
  rationale:
    'WAF_v2 inspects nothing without a policy; an azurerm_web_application_firewall_policy also carries the managed ' +
    'rule set and the body-size limits large prompts need (the legacy waf_configuration block cannot).',
  remediation: 'Set firewall_policy_id to the azurerm_web_application_firewall_policy id (or on every http_listener).',
  references: { mcsb: ['NS-6'], checkov: ['CKV_AZURE_120'] },
  resourceTypes: ['azurerm_application_gateway'],
  evaluate(resource) {
    if (stringSetting(resource.values['firewall_policy_id']).state !== 'absent') {
      return fromProblems([]);
    }
    const listeners = blocks(resource.values, 'http_listener');
    const uncovered = listeners.filter((l) => stringSetting(l['firewall_policy_id']).state === 'absent');
    if (listeners.length > 0 && uncovered.length === 0) {
      return fromProblems([]);
    }
    const legacy = block(resource.values, 'waf_configuration') ? ' (waf_configuration is the legacy form; use a policy)' : '';
    const names = uncovered.map((l) => literalString(l['name']) ?? '(unnamed)').join(', ');
    return fromProblems([`firewall_policy_id is not set${names ? `, nor on listener(s) ${names}` : ''}${legacy}`]);
  },
});
