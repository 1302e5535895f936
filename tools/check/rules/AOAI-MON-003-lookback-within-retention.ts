import { interactiveRetentionDays } from '../../../lib/azure/log-analytics';
import { lookbackDays, tablesRead } from '../../../lib/kql/lookback';
import { alertQuery } from '../alert-query';
import { defineRule, fromProblems, notApplicable, type Resource, type RuleContext } from '../model';
import { literalString, numberSetting } from '../values';

/** The query text of a saved query or a log alert. */
function queryOf(resource: Resource): string | undefined {
  if (resource.type === 'azurerm_log_analytics_query_pack_query') {
    return literalString(resource.values['body']);
  }
  return alertQuery(resource.values);
}

/** Retention of each table in the environment: table resources first, else the workspace's default. */
function retentionOf(context: RuleContext): ((table: string) => number) | undefined {
  const workspaces = context.graph.ofType('azurerm_log_analytics_workspace');
  const workspaceDays = workspaces.map((workspace) => numberSetting(workspace.values['retention_in_days']));
  if (workspaceDays.length !== 1 || workspaceDays[0]!.state !== 'literal') {
    return undefined;
  }
  const byTable = new Map<string, number>();
  for (const table of context.graph.ofType('azurerm_log_analytics_workspace_table')) {
    const name = literalString(table.values['name']);
    const days = numberSetting(table.values['retention_in_days']);
    if (name !== undefined && days.state === 'literal') {
      byTable.set(name, days.value);
    }
  }
  const defaultDays = workspaceDays[0]!.value;
  return (table) => interactiveRetentionDays(table, defaultDays, byTable.get(table));
}

export const rule = defineRule({
  id: 'AOAI-MON-003',
  title: 'Queries and alerts read no further back than their tables keep data',
  severity: 'medium',
  rationale:
    'A saved query or alert that looks back further than a table retains silently returns less than it claims: a ' +
    '90-day audit query over 30 days of data answers for 30 days.',
  remediation:
    'Shorten the look-back, or raise the retention of the tables it reads (logging.retentionDays, ' +
    'logging.gatewayTables.retentionDays).',
  references: {
    mcsb: ['LT-6'],
    other: ['https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure'],
  },
  resourceTypes: ['azurerm_log_analytics_query_pack_query', 'azurerm_monitor_scheduled_query_rules_alert_v2'],
  evaluate(resource, context) {
    const query = queryOf(resource);
    const retention = retentionOf(context);
    const lookback = query === undefined ? undefined : lookbackDays(query);
    if (query === undefined || retention === undefined || lookback === undefined) {
      return notApplicable();
    }
    return fromProblems(
      tablesRead(query)
        .filter((table) => lookback > retention(table))
        .map((table) => `reads ${lookback} days of ${table}, which keeps ${retention(table)}`),
    );
  },
});
