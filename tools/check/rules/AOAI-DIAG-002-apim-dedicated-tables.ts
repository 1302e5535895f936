import { defineRule, fromProblems, notApplicable } from '../model';
import { blocks, describeSetting, literalString, stringSetting } from '../values';

const REQUIRED_CATEGORIES = ['GatewayLogs', 'GatewayLlmLogs'];

export const rule = defineRule({
  id: 'AOAI-DIAG-002',
  title: 'API Management logs go to resource-specific tables, including the LLM log',
  severity: 'high',
  rationale:
    'ApiManagementGatewayLogs and ApiManagementGatewayLlmLog (prompts, completions, token counts) exist only as ' +
    'resource-specific tables: without log_analytics_destination_type = "Dedicated" the queries and alerts of the ' +
    'gateway find nothing, and without GatewayLlmLogs no prompt or token is recorded.',
  remediation:
    'On the API Management diagnostic setting set log_analytics_destination_type = "Dedicated" and enable the ' +
    'GatewayLogs and GatewayLlmLogs categories (or the allLogs category group).',
  references: { mcsb: ['LT-3'], other: ['https://learn.microsoft.com/azure/azure-monitor/reference/tables/apimanagementgatewayllmlog'] },
  resourceTypes: ['azurerm_monitor_diagnostic_setting'],
  evaluate(resource, context) {
    const targets = context.graph.referencedBy(resource, resource.values['target_resource_id']);
    if (!targets.some((t) => t.type === 'azurerm_api_management')) {
      return notApplicable();
    }
    const problems: string[] = [];
    const destination = stringSetting(resource.values['log_analytics_destination_type']);
    if (!(destination.state === 'literal' && destination.value === 'Dedicated')) {
      problems.push(`log_analytics_destination_type must be "Dedicated", found ${describeSetting(destination)}`);
    }
    if (stringSetting(resource.values['log_analytics_workspace_id']).state === 'absent') {
      problems.push('log_analytics_workspace_id is not set');
    }
    const logs = blocks(resource.values, 'enabled_log');
    const allLogs = logs.some((l) => literalString(l['category_group'])?.toLowerCase() === 'alllogs');
    if (!allLogs) {
      const categories = new Set(logs.map((l) => literalString(l['category'])));
      const missing = REQUIRED_CATEGORIES.filter((c) => !categories.has(c));
      if (missing.length > 0) {
        problems.push(`enabled_log lacks ${missing.join(', ')}`);
      }
    }
    return fromProblems(problems);
  },
});
