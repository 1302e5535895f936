import { DIAGNOSTIC_CATEGORIES, DIAGNOSTIC_CATEGORY_GROUPS } from '../azure';
import { expressionBodies } from '../graph';
import { defineRule, fromProblems, type Resource, type RuleContext } from '../model';
import { blocks, literalString, stringSetting } from '../values';

const DESTINATIONS = ['log_analytics_workspace_id', 'storage_account_id', 'eventhub_authorization_rule_id', 'partner_solution_id'];

/** The resource a setting targets directly (`${type.name.id}`), not a sub-resource such as a blob service. */
function directTarget(setting: Resource, context: RuleContext): Resource | undefined {
  const target = setting.values['target_resource_id'];
  if (typeof target !== 'string' || !target.startsWith('${') || !target.endsWith('}') || expressionBodies(target).length !== 1) {
    return undefined;
  }
  if (!/\.id$/.test(expressionBodies(target)[0]!.trim())) {
    return undefined;
  }
  const [resource] = context.graph.referencedBy(setting, target);
  return resource;
}

export const rule = defineRule({
  id: 'AOAI-DIAG-003',
  title: 'Diagnostic settings name a destination and only categories their target supports',
  severity: 'medium',
  rationale:
    'These mistakes pass synth and plan and fail only at apply time, half-way through a deployment: a category ' +
    'the target does not have, no destination, nothing enabled, or a Dedicated destination type on Cognitive ' +
    'Services, which writes only to AzureDiagnostics.',
  remediation:
    'Name at least one destination and one enabled_log or enabled_metric; use only the documented categories ' +
    '(or allLogs/audit groups); omit log_analytics_destination_type for Cognitive Services.',
  references: { mcsb: ['LT-3'] },
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
    const target = directTarget(resource, context);
    const supported = target ? DIAGNOSTIC_CATEGORIES[target.type] : undefined;
    if (target && supported) {
      for (const log of logs) {
        const category = literalString(log['category']);
        if (category !== undefined && !supported.includes(category)) {
          problems.push(`category "${category}" is not a log category of ${target.type} (${supported.join(', ')})`);
        }
      }
    }
    if (target?.type === 'azurerm_cognitive_account' && stringSetting(resource.values['log_analytics_destination_type']).state !== 'absent') {
      problems.push('log_analytics_destination_type must be omitted for Cognitive Services (AzureDiagnostics only)');
    }
    return fromProblems(problems);
  },
});
