import {
  ALERT_DEFAULTS,
  ALERT_IDS,
  ALERT_TIMING,
  alertRuleProblems,
  resolveAlertRule,
  resolveAlertRules,
} from '../../config/schema/monitoring';
import { changed, Raw } from '../helpers/config';
import { problemsOf, shippedConfig, validate } from '../helpers/synth';

function withRule(id: string, rule: Record<string, unknown>, base: 'dev' | 'prod' = 'dev'): Raw {
  return changed((r) => (r.alerts.rules = { [id]: rule }), base);
}

describe('alert rule overrides: bad values, one line each', () => {
  it('an unknown severity', () => {
    expect(problemsOf(withRule('latency-p95', { severity: 5 }), 'env.yaml')).toEqual([
      'env.json: alerts.rules.latency-p95.severity: expected a severity (an integer from 0 to 4), found 5',
    ]);
    expect(problemsOf(withRule('latency-p95', { severity: -1 }), 'env.yaml')).toEqual([
      'env.json: alerts.rules.latency-p95.severity: expected a severity (an integer from 0 to 4), found -1',
    ]);
    expect(problemsOf(withRule('latency-p95', { severity: 1.5 }), 'env.yaml')).toEqual([
      'env.json: alerts.rules.latency-p95.severity: expected a severity (an integer from 0 to 4), found 1.5',
    ]);
  });

  it('a threshold that is zero or negative', () => {
    expect(problemsOf(withRule('backend-errors', { threshold: 0 }), 'env.yaml')).toEqual([
      'env.json: alerts.rules.backend-errors.threshold: expected a threshold > 0, found 0',
    ]);
    expect(problemsOf(withRule('waf-blocks-spike', { threshold: -10 }), 'env.yaml')).toEqual([
      'env.json: alerts.rules.waf-blocks-spike.threshold: expected a threshold > 0, found -10',
    ]);
  });

  it('a percentage above 100', () => {
    expect(problemsOf(withRule('gateway-throttling', { threshold: 150 }), 'env.yaml')).toEqual([
      'env.json: alerts.rules.gateway-throttling.threshold: expected a percentage > 0 and <= 100, found 150',
    ]);
  });

  it('an alert id that does not exist', () => {
    const problems = problemsOf(withRule('latency-p99', { threshold: 5 }), 'env.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^env\.json: alerts\.rules\.latency-p99: expected one of the known fields \(gateway-throttling, backend-errors, .*waf-blocks-spike\), found unknown field "latency-p99" \(did you mean "latency-p95"\?\)$/,
    );
  });

  it('a window Azure Monitor does not offer', () => {
    expect(problemsOf(withRule('latency-p95', { windowMinutes: 20 }), 'env.yaml')).toEqual([
      `env.json: alerts.rules.latency-p95.windowMinutes: expected a log alert window in minutes: ${ALERT_TIMING.log.windows.join(', ')}, found 20`,
    ]);
  });

  it('a frequency Azure Monitor does not offer, for a metric alert', () => {
    expect(problemsOf(withRule('appgw-unhealthy-backend', { frequencyMinutes: 10 }), 'env.yaml')).toEqual([
      `env.json: alerts.rules.appgw-unhealthy-backend.frequencyMinutes: expected a metric alert frequency in minutes: ${ALERT_TIMING.metric.frequencies.join(', ')}, found 10`,
    ]);
  });

  it('an override that makes the shipped window shorter than the frequency', () => {
    // latency-p95 ships with a 30-minute window; evaluating every hour would leave half of each hour unwatched.
    expect(problemsOf(withRule('latency-p95', { frequencyMinutes: 60 }), 'env.yaml')).toEqual([
      'env.json: alerts.rules.latency-p95.windowMinutes: expected a window >= frequencyMinutes (60), so no period goes unwatched, found 30',
    ]);
  });

  it('a log alert window that late rows would miss: under 10 minutes, or under twice the frequency', () => {
    expect(problemsOf(withRule('backends-unavailable', { windowMinutes: 5 }), 'env.yaml')).toEqual([
      'env.json: alerts.rules.backends-unavailable.windowMinutes: expected a log alert window >= 10 (at least 10 and twice frequencyMinutes 5), so rows ingested late are still counted, found 5',
    ]);
    expect(problemsOf(withRule('latency-p95', { windowMinutes: 30, frequencyMinutes: 30 }), 'env.yaml')).toEqual([
      'env.json: alerts.rules.latency-p95.windowMinutes: expected a log alert window >= 60 (at least 10 and twice frequencyMinutes 30), so rows ingested late are still counted, found 30',
    ]);
  });

  it('a metric alert keeps its short window: platform metrics are not ingested late', () => {
    expect(problemsOf(withRule('appgw-unhealthy-backend', { windowMinutes: 5, frequencyMinutes: 5 }), 'env.yaml')).toEqual([]);
  });

  it('a two-day window evaluated every minute', () => {
    expect(problemsOf(withRule('gateway-throttling', { windowMinutes: 2880, frequencyMinutes: 1 }), 'env.yaml')).toEqual([
      `env.json: alerts.rules.gateway-throttling.windowMinutes: expected a log alert window in minutes when evaluated every minute: ${ALERT_TIMING.log.windowsWhenEveryMinute.join(', ')}, found 2880`,
    ]);
  });

  it('an unknown field in a rule', () => {
    const problems = problemsOf(withRule('latency-p95', { treshold: 10 }), 'env.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^env\.json: alerts\.rules\.latency-p95\.treshold: .*did you mean "threshold"/);
  });
});

describe('alert receivers', () => {
  it('refuses the same receiver name twice', () => {
    const raw = changed((r) => (r.alerts.receivers.webhooks = [{ name: 'platform-team', uri: 'https://hooks.example.com/x' }]));
    expect(problemsOf(raw, 'env.yaml')).toEqual([
      'env.json: alerts.receivers: expected receiver names unique across emails and webhooks, found "platform-team"',
    ]);
  });

  it('refuses a production environment that alerts nobody', () => {
    const raw = changed((r) => (r.alerts.receivers = { emails: [], webhooks: [] }), 'prod');
    expect(problemsOf(raw, 'env.yaml')).toEqual([
      'env.json: alerts.receivers: expected at least one email or webhook receiver in a production environment, or alerts reach nobody, found "no receivers"',
    ]);
  });

  it('refuses a webhook that is not https', () => {
    const raw = changed((r) => (r.alerts.receivers.webhooks = [{ name: 'pager', uri: 'http://hooks.example.com/x' }]));
    expect(problemsOf(raw, 'env.yaml')).toEqual([
      'env.json: alerts.receivers.webhooks[0].uri: expected an https:// URL, found "http://hooks.example.com/x"',
    ]);
  });
});

describe('merging overrides over the shipped defaults', () => {
  it('keeps every field an override leaves out', () => {
    const rule = resolveAlertRule('latency-p95', { threshold: 12_000 });
    expect(rule).toEqual({ ...ALERT_DEFAULTS['latency-p95'].rule, threshold: 12_000 });
  });

  it('takes every field an override gives, including enabled: false', () => {
    const override = { enabled: false, severity: 0, threshold: 2, windowMinutes: 60, frequencyMinutes: 15 };
    expect(resolveAlertRule('gateway-throttling', override)).toEqual(override);
  });

  it('applies overrides from an environment file to that alert only', () => {
    const config = validate(withRule('backend-errors', { severity: 0 }));
    const rules = resolveAlertRules(config.alerts);
    expect(rules['backend-errors'].severity).toBe(0);
    expect(rules['gateway-throttling']).toEqual(ALERT_DEFAULTS['gateway-throttling'].rule);
  });

  it('ships defaults Azure Monitor accepts for every alert', () => {
    expect(ALERT_IDS.flatMap((id) => alertRuleProblems(id, ALERT_DEFAULTS[id].rule).map((p) => `${id}.${p.field}`))).toEqual([]);
  });
});

describe('gateway table retention is what azurerm accepts', () => {
  const withTotal = (days: number) => changed((r) => (r.logging.gatewayTables = { retentionDays: 90, totalRetentionDays: days }), 'prod');

  it.each([90, 730, 1095, 2556, 4383])('accepts %i days', (days) => {
    expect(problemsOf(withTotal(days))).toEqual([]);
  });

  it.each([731, 1000, 2557, 4384])('refuses %i days in one line naming the allowed values', (days) => {
    expect(problemsOf(withTotal(days))).toEqual([
      `test.json: logging.gatewayTables.totalRetentionDays: expected a total retention in days (an integer from 4 to 730, or one of 1095, 1460, 1826, 2191, 2556, 2922, 3288, 3653, 4018, 4383), found ${days}`,
    ]);
  });

  it('the shipped production environment keeps seven years as the provider counts them', () => {
    expect(shippedConfig('prod').logging.gatewayTables.totalRetentionDays).toBe(2556);
  });
});
