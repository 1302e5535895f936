import { defineRule, fromProblems } from '../model';
import { block, describeSetting, stringSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-WAF-002',
  title: 'The WAF policy blocks attacks (Prevention mode)',
  severity: 'high',
  rationale:
    'Detection mode only logs matches. It is useful while tuning a development environment, which may accept ' +
    'this finding through a suppression; every other environment must block.',
  remediation: 'Set policy_settings { mode = "Prevention" } (the provider default), after tuning exclusions in Detection.',
  references: { mcsb: ['NS-6'] },
  resourceTypes: ['azurerm_web_application_firewall_policy'],
  evaluate(resource) {
    const mode = stringSetting(block(resource.values, 'policy_settings')?.['mode']);
    const ok = mode.state === 'absent' || (mode.state === 'literal' && mode.value === 'Prevention');
    return fromProblems(ok ? [] : [`policy_settings.mode must be "Prevention", found ${describeSetting(mode)}`]);
  },
});
