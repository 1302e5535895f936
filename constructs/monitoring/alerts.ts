import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { MonitorScheduledQueryRulesAlertV2 } from '@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2';
import { Construct } from 'constructs';

import { isoDuration, type LogAlertSpec, type MetricAlertSpec, type MetricAlertTarget } from './alert-plan';

export interface GatewayAlertsProps {
  readonly logAlerts: readonly LogAlertSpec[];
  readonly metricAlerts: readonly MetricAlertSpec[];
  /** Resource name of an alert rule from its spec key (see `Naming.alertRule`). */
  readonly ruleName: (key: string) => string;
  readonly resourceGroupName: string;
  /** Region of the scheduled query rules; the workspace's region. */
  readonly location: string;
  /** Log Analytics workspace the scheduled queries run against. */
  readonly workspaceId: string;
  /** Ids of the resources metric alerts watch. */
  readonly metricTargets: Readonly<Record<MetricAlertTarget, string>>;
  /** Action group every rule notifies. */
  readonly actionGroupId: string;
}

/**
 * The environment's alert rules: a scheduled query rule per log alert spec and a metric alert per metric spec, all
 * notifying one action group and resolving themselves when the condition clears.
 */
export class GatewayAlerts extends Construct {
  readonly logRules: Readonly<Record<string, MonitorScheduledQueryRulesAlertV2>>;
  readonly metricRules: Readonly<Record<string, MonitorMetricAlert>>;

  constructor(scope: Construct, id: string, props: GatewayAlertsProps) {
    super(scope, id);
    const keys = [...props.logAlerts, ...props.metricAlerts].map((spec) => spec.key);
    const duplicated = [...new Set(keys.filter((key, i) => keys.indexOf(key) !== i))];
    if (duplicated.length > 0) {
      throw new Error(`GatewayAlerts "${id}": alert keys must be unique, found twice: ${duplicated.join(', ')}`);
    }

    const logRules: Record<string, MonitorScheduledQueryRulesAlertV2> = {};
    for (const spec of props.logAlerts) {
      logRules[spec.key] = new MonitorScheduledQueryRulesAlertV2(this, spec.key, {
        name: props.ruleName(spec.key),
        displayName: spec.displayName,
        description: spec.description,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        scopes: [props.workspaceId],
        enabled: spec.rule.enabled,
        severity: spec.rule.severity,
        evaluationFrequency: isoDuration(spec.rule.frequencyMinutes),
        windowDuration: isoDuration(spec.rule.windowMinutes),
        queryTimeRangeOverride: spec.queryTimeRange,
        autoMitigationEnabled: true,
        criteria: [
          {
            query: spec.query,
            timeAggregationMethod: spec.criteria.timeAggregationMethod,
            operator: spec.criteria.operator,
            threshold: spec.criteria.threshold,
            // One alert per value of each column ("*": every value that appears), evaluated and resolved apart.
            // Operators Include/Exclude: terraform-provider-azurerm v4.55.0,
            // internal/services/monitor/monitor_scheduled_query_rules_alert_v2_resource.go (criteria.dimension.operator).
            dimension:
              spec.dimensions.length === 0 ? undefined : spec.dimensions.map((name) => ({ name, operator: 'Include', values: ['*'] })),
            failingPeriods: { minimumFailingPeriodsToTriggerAlert: 1, numberOfEvaluationPeriods: 1 },
          },
        ],
        action: { actionGroups: [props.actionGroupId] },
      });
    }
    this.logRules = logRules;

    const metricRules: Record<string, MonitorMetricAlert> = {};
    for (const spec of props.metricAlerts) {
      metricRules[spec.key] = new MonitorMetricAlert(this, spec.key, {
        name: props.ruleName(spec.key),
        description: `${spec.displayName}. ${spec.description}`,
        resourceGroupName: props.resourceGroupName,
        scopes: [props.metricTargets[spec.target]],
        enabled: spec.rule.enabled,
        severity: spec.rule.severity,
        frequency: isoDuration(spec.rule.frequencyMinutes),
        windowSize: isoDuration(spec.rule.windowMinutes),
        autoMitigate: true,
        criteria: [
          {
            metricNamespace: spec.metricNamespace,
            metricName: spec.metricName,
            aggregation: spec.aggregation,
            operator: spec.operator,
            threshold: spec.rule.threshold,
            dimension: spec.dimensions.map((d) => ({ name: d.name, operator: 'Include', values: [...d.values] })),
          },
        ],
        action: [{ actionGroupId: props.actionGroupId }],
      });
    }
    this.metricRules = metricRules;
  }
}
