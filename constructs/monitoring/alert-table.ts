/**
 * The README's alert table, derived from the alert catalog and the shipped defaults, so what the README promises
 * is what is deployed (a test compares the two).
 */
import { ALERT_DEFAULTS, ALERT_IDS, type AlertId, resolveAlertRules, type ThresholdUnit } from '../../config/schema/monitoring';
import { alertQuery } from '../../policies/kql/alerts/catalog';
import { isoDuration, metricAlertSpecs } from './alert-plan';

const UNIT_LABEL: Readonly<Record<ThresholdUnit, string>> = {
  percent: '%',
  milliseconds: 'ms',
  requests: 'requests',
  hosts: 'hosts',
  blocks: 'blocks',
  callers: 'callers',
};

/** Who every rule notifies: one action group per environment. */
const NOTIFIES = 'action group (`alerts.receivers`)';

function signal(id: AlertId): { signal: string; splitBy: readonly string[] } {
  if (ALERT_DEFAULTS[id].kind === 'metric') {
    const spec = metricAlertSpecs({ rules: resolveAlertRules({ rules: {} }) }).find((s) => s.alert === id);
    if (spec === undefined) {
      throw new Error(`alert ${id} is a metric alert but has no metric definition`);
    }
    return { signal: `metric ${spec.metricName}`, splitBy: spec.dimensions.map((d) => d.name) };
  }
  const query = alertQuery(id);
  return { signal: query.tables.map((t) => `\`${t}\``).join(', '), splitBy: query.dimensions };
}

/** The markdown table: one row per alert, in `ALERT_IDS` order. */
export function alertTableMarkdown(): string {
  const rows = ALERT_IDS.map((id) => {
    const { rule, unit } = ALERT_DEFAULTS[id];
    const { signal: source, splitBy } = signal(id);
    const split = splitBy.length === 0 ? 'one alert for all' : splitBy.map((d) => `\`${d}\``).join(', ');
    const defaults = `${rule.threshold} ${UNIT_LABEL[unit]}, sev ${rule.severity}, window ${isoDuration(rule.windowMinutes)} every ${isoDuration(rule.frequencyMinutes)}`;
    return `| ${id} | ${alertQuery(id).description} | ${source} | ${split} | ${NOTIFIES} | ${defaults} |`;
  });
  return [
    '| id | what is alerted | signal | split by | who is notified | default |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
