import { DIAGNOSTIC_CATEGORY_GROUPS, type DiagnosticTarget, diagnosticTarget, type DiagnosticTargetType } from '../diagnostic-targets';
import { defineRule, fromProblems, type Resource } from '../model';
import { blocks, literalString, stringSetting } from '../values';

const DESTINATIONS = ['log_analytics_workspace_id', 'storage_account_id', 'eventhub_authorization_rule_id', 'partner_solution_id'];

function logProblems(logs: readonly Record<string, unknown>[], target: DiagnosticTarget, type: DiagnosticTargetType): string[] {
  const problems: string[] = [];
  for (const log of logs) {
    const category = literalString(log['category']);
    if (category !== undefined && !type.logs.includes(category)) {
      problems.push(
        type.logs.length === 0
          ? `log category "${category}" on ${type.armType} ${target.label}, which has no log categories`
          : `"${category}" is not a log category of ${type.armType} ${target.label} (supported: ${type.logs.join(', ')})`,
      );
    }
    const group = literalString(log['category_group']);
    if (group !== undefined && type.logs.length === 0) {
      problems.push(`category_group "${group}" on ${type.armType} ${target.label}, which has no log categories`);
    }
  }
  return problems;
}

function metricProblems(metrics: readonly Record<string, unknown>[], target: DiagnosticTarget, type: DiagnosticTargetType): string[] {
  return metrics.flatMap((metric) => {
    const category = literalString(metric['category']);
    if (category === undefined || type.metrics.includes(category)) {
      return [];
    }
    return [
      type.metrics.length === 0
        ? `metric category "${category}" on ${type.armType} ${target.label}, which exports no metrics through diagnostic settings`
        : `"${category}" is not a metric category of ${type.armType} ${target.label} (supported: ${type.metrics.join(', ')})`,
    ];
  });
}

function destinationTypeProblems(setting: Resource, target: DiagnosticTarget, type: DiagnosticTargetType): string[] {
  const destination = stringSetting(setting.values['log_analytics_destination_type']);
  if (destination.state !== 'literal' || destination.value !== 'Dedicated' || type.logTables !== 'AzureDiagnostics') {
    return [];
  }
  return [
    `log_analytics_destination_type "Dedicated" on ${type.armType} ${target.label}, whose logs go only to AzureDiagnostics: ` +
      'it has no effect and Azure reads it back as unset, so every plan shows a change; omit it',
  ];
}

export const rule = defineRule({
  id: 'AOAI-DIAG-003',
  title: 'Diagnostic settings name a destination and only categories their target supports',
  severity: 'medium',
  rationale:
    'A log or metric category the target does not have passes synth and plan and fails only at apply time, ' +
    'half-way through a deployment (metric categories differ by type: storage takes Capacity and Transaction, ' +
    'a network security group exports no metrics). So do a setting without destination and one that enables ' +
    'nothing. A Dedicated destination type on a type whose logs only go to AzureDiagnostics (Cognitive Services, ' +
    'network security groups, public IPs) changes nothing, misleads queries written for resource-specific tables, ' +
    'and reads back as unset, leaving a permanent plan difference.',
  remediation:
    'Name at least one destination and one enabled_log or enabled_metric; use only the categories Azure Monitor ' +
    'documents for the target type (or the allLogs/audit groups on types with logs); omit ' +
    'log_analytics_destination_type for types that write only to AzureDiagnostics.',
  references: {
    mcsb: ['LT-3'],
    other: [
      'https://learn.microsoft.com/azure/azure-monitor/reference/logs-index',
      'https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings#metrics',
      'https://learn.microsoft.com/azure/azure-monitor/platform/resource-logs#select-the-collection-mode',
      'https://github.com/Azure/azure-rest-api-specs/issues/22400',
    ],
  },
  resourceTypes: ['azurerm_monitor_diagnostic_setting'],
  evaluate(resource, context) {
    const problems: string[] = [];
    if (DESTINATIONS.every((key) => stringSetting(resource.values[key]).state === 'absent')) {
      problems.push(`no destination: set one of ${DESTINATIONS.join(', ')}`);
    }
    const logs = blocks(resource.values, 'enabled_log');
    const metrics = [...blocks(resource.values, 'enabled_metric'), ...blocks(resource.values, 'metric')];
    if (logs.length === 0 && metrics.length === 0) {
      problems.push('enables no enabled_log and no enabled_metric');
    }
    for (const log of logs) {
      const group = literalString(log['category_group']);
      if (group !== undefined && !(DIAGNOSTIC_CATEGORY_GROUPS as readonly string[]).includes(group)) {
        problems.push(`category_group "${group}" is not one of ${DIAGNOSTIC_CATEGORY_GROUPS.join(', ')}`);
      }
    }
    const target = diagnosticTarget(resource, context.graph);
    const type = target?.type;
    if (target && type) {
      problems.push(
        ...logProblems(logs, target, type),
        ...metricProblems(metrics, target, type),
        ...destinationTypeProblems(resource, target, type),
      );
    }
    return fromProblems(problems);
  },
});
