import { LOG_ALERT_MIN_WINDOW_MINUTES } from '../../../config/schema/monitoring';
import { durationMinutes } from '../alert-query';
import { defineRule, fromProblems, notApplicable } from '../model';

export const rule = defineRule({
  id: 'AOAI-MON-002',
  title: 'A log alert looks back far enough for late rows',
  severity: 'medium',
  rationale:
    'Log rows typically arrive 20 seconds to 3 minutes after the event. A window as short as the evaluation ' +
    'frequency misses rows that land after their period was evaluated, so a real outage can go unalerted.',
  remediation: `Use a window of at least ${LOG_ALERT_MIN_WINDOW_MINUTES} minutes and at least twice the evaluation frequency.`,
  references: { mcsb: ['LT-6'], other: ['https://learn.microsoft.com/azure/azure-monitor/logs/data-ingestion-time'] },
  resourceTypes: ['azurerm_monitor_scheduled_query_rules_alert_v2'],
  evaluate(resource) {
    const window = durationMinutes(resource.values['window_duration']);
    const frequency = durationMinutes(resource.values['evaluation_frequency']);
    if (window === undefined || frequency === undefined) {
      return notApplicable();
    }
    const problems = [
      ...(window < LOG_ALERT_MIN_WINDOW_MINUTES ? [`window ${window} min is under ${LOG_ALERT_MIN_WINDOW_MINUTES} min`] : []),
      ...(window < 2 * frequency ? [`window ${window} min is less than twice the frequency (${frequency} min)`] : []),
    ];
    return fromProblems(problems);
  },
});
