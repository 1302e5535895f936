import { alertDimensions, alertQuery, resultEntityColumns } from '../alert-query';
import { defineRule, fromProblems, notApplicable } from '../model';

export const rule = defineRule({
  id: 'AOAI-MON-001',
  title: 'A log alert whose rows stand for entities is split by them',
  severity: 'medium',
  rationale:
    'Without dimensions a log alert fires once for all its result rows: while the first failing backend, API or ' +
    'subscription keeps the alert open, a second one never notifies anybody.',
  remediation:
    'Add a criteria.dimension block (operator "Include", values ["*"]) for every column of the query\'s final ' +
    '`summarize ... by`, so that each entity is its own alert.',
  references: {
    mcsb: ['LT-6'],
    other: ['https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-types'],
  },
  resourceTypes: ['azurerm_monitor_scheduled_query_rules_alert_v2'],
  evaluate(resource) {
    const query = alertQuery(resource.values);
    if (query === undefined) {
      return notApplicable();
    }
    const dimensions = new Set(alertDimensions(resource.values));
    const missing = resultEntityColumns(query).filter((column) => !dimensions.has(column));
    return fromProblems(missing.map((column) => `rows are per ${column}, but the alert is not split by it`));
  },
});
