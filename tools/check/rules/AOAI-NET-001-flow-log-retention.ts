import { defineRule, fromProblems } from '../model';
import { block, describeSetting, numberSetting, requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-NET-001',
  title: 'Flow logs are enabled and kept for at least 90 days',
  severity: 'medium',
  rationale:
    'Flow logs are the only record of which addresses talked to the gateway at the network layer; investigations ' +
    'routinely reach back further than 30 days.',
  remediation: 'Set enabled = true and a retention_policy with enabled = true and days >= 90 (0 keeps logs forever).',
  references: { mcsb: ['LT-4', 'LT-6'], cis: ['7.5', '7.8'], checkov: ['CKV_AZURE_12'] },
  resourceTypes: ['azurerm_network_watcher_flow_log'],
  evaluate(resource) {
    const problems: string[] = [];
    const enabled = requireBool(resource.values, 'enabled', true);
    if (enabled) {
      problems.push(enabled);
    }
    const retention = block(resource.values, 'retention_policy');
    if (!retention) {
      problems.push('retention_policy is not set');
    } else {
      const retentionEnabled = requireBool(retention, 'enabled', true);
      if (retentionEnabled) {
        problems.push(`retention_policy.${retentionEnabled}`);
      }
      const days = numberSetting(retention['days']);
      if (!(days.state === 'literal' && (days.value === 0 || days.value >= 90))) {
        problems.push(`retention_policy.days must be 0 (forever) or >= 90, found ${describeSetting(days)}`);
      }
    }
    return fromProblems(problems);
  },
});
