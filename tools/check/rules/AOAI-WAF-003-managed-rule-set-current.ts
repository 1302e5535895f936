import { defineRule, fromProblems } from '../model';
import { block, blocks, literalString } from '../values';

/** The oldest version of each core rule set still considered current. */
export const CURRENT_RULE_SETS: Readonly<Record<string, string>> = { Microsoft_DefaultRuleSet: '2.1', OWASP: '3.2' };

function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (Number.isNaN(x)) {
      return false;
    }
    if (x !== y) {
      return x > y;
    }
  }
  return true;
}

export const rule = defineRule({
  id: 'AOAI-WAF-003',
  title: 'The WAF uses a current core rule set',
  severity: 'high',
  rationale:
    'Older rule sets miss current attack signatures and are retired. Microsoft recommends the Default Rule Set ' +
    '(DRS 2.1 or later; 2.2 is the newest), which supersedes OWASP CRS; CRS 3.2 is the oldest still accepted here.',
  remediation: 'Use managed_rule_set { type = "Microsoft_DefaultRuleSet", version = "2.1" } or later.',
  references: {
    mcsb: ['NS-6'],
    other: ['https://learn.microsoft.com/azure/web-application-firewall/ag/upgrade-ruleset-version'],
  },
  resourceTypes: ['azurerm_web_application_firewall_policy'],
  evaluate(resource) {
    const sets = blocks(block(resource.values, 'managed_rules'), 'managed_rule_set');
    const core = sets
      .map((set) => ({ type: literalString(set['type']) ?? 'OWASP', version: literalString(set['version']) ?? '' }))
      .filter((set) => set.type in CURRENT_RULE_SETS);
    if (core.length === 0) {
      return fromProblems(['managed_rules has no OWASP or Microsoft_DefaultRuleSet rule set']);
    }
    return fromProblems(
      core
        .filter((set) => !atLeast(set.version, CURRENT_RULE_SETS[set.type]!))
        .map((set) => `${set.type} ${set.version || '(no version)'} is outdated; use ${set.type} ${CURRENT_RULE_SETS[set.type]!} or later`),
    );
  },
});
