import { defineRule, fromProblems } from '../model';
import { block, blocks, literalString } from '../values';

export const rule = defineRule({
  id: 'AOAI-WAF-004',
  title: 'The WAF blocks known bad bots',
  severity: 'low',
  rationale:
    'Credential-stuffing and scraping bots drive up token spend before any quota applies; the bot manager rule set drops known bad actors early.',
  remediation: 'Add managed_rule_set { type = "Microsoft_BotManagerRuleSet", version = "1.0" } (or later).',
  references: { mcsb: ['NS-6'], cis: ['7.15'] },
  resourceTypes: ['azurerm_web_application_firewall_policy'],
  evaluate(resource) {
    const sets = blocks(block(resource.values, 'managed_rules'), 'managed_rule_set');
    const bots = sets.some((set) => literalString(set['type']) === 'Microsoft_BotManagerRuleSet');
    return fromProblems(bots ? [] : ['managed_rules has no Microsoft_BotManagerRuleSet']);
  },
});
