import { FLOW_LOG_TERRAFORM_TYPES, flowLogView } from '../flow-logs';
import { defineRule, fromProblems, notApplicable } from '../model';
import { describeSetting, numberSetting, requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-NET-001',
  title: 'Flow logs are enabled and kept for at least 90 days',
  severity: 'medium',
  rationale:
    'Flow logs are the only record of which addresses talked to the gateway at the network layer; investigations ' +
    'routinely reach back further than 30 days.',
  remediation:
    'Set enabled = true and a retention policy with enabled = true and days >= 90 (0 keeps logs forever): ' +
    'retention_policy on azurerm_network_watcher_flow_log, properties.retentionPolicy in an azapi flow log body.',
  references: { mcsb: ['LT-4', 'LT-6'], cis: ['7.5', '7.8'], checkov: ['CKV_AZURE_12'] },
  resourceTypes: FLOW_LOG_TERRAFORM_TYPES,
  evaluate(resource) {
    const flowLog = flowLogView(resource);
    if (flowLog === undefined) {
      return notApplicable();
    }
    const problems: string[] = [];
    const enabled = requireBool(flowLog.enabled.values, flowLog.enabled.key, true);
    if (enabled) {
      problems.push(flowLog.enabled.path === flowLog.enabled.key ? enabled : `properties.${enabled}`);
    }
    const { path, values: retention } = flowLog.retention;
    if (!retention) {
      problems.push(`${path} is not set`);
    } else {
      const retentionEnabled = requireBool(retention, 'enabled', true);
      if (retentionEnabled) {
        problems.push(`${path}.${retentionEnabled}`);
      }
      const days = numberSetting(retention['days']);
      if (!(days.state === 'literal' && (days.value === 0 || days.value >= 90))) {
        problems.push(`${path}.days must be 0 (forever) or >= 90, found ${describeSetting(days)}`);
      }
    }
    return fromProblems(problems);
  },
});
