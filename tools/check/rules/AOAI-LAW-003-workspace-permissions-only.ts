import { defineRule, fromProblems } from '../model';
import { boolSetting, describeSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-LAW-003',
  title: 'Log Analytics opens its tables through workspace and table permissions only',
  severity: 'high',
  rationale:
    'With resource-context access (the provider default), anyone who can read API Management reads its logs, ' +
    'prompts and completions included, whatever the table-level grants say.',
  remediation: 'Set allow_resource_only_permissions = false and grant tables to the reader groups (lib/azure/workspace-access.ts).',
  references: {
    mcsb: ['PA-7', 'DP-1'],
    other: ['https://learn.microsoft.com/azure/azure-monitor/logs/manage-access#access-control-mode'],
  },
  resourceTypes: ['azurerm_log_analytics_workspace'],
  evaluate(resource) {
    const allowed = boolSetting(resource.values['allow_resource_only_permissions']);
    return fromProblems(
      allowed.state === 'literal' && !allowed.value
        ? []
        : [`allow_resource_only_permissions must be false, found ${describeSetting(allowed)}`],
    );
  },
});
