/**
 * What to alert on, as data: one spec per alert rule, built from the resolved configuration and the alert query
 * templates under policies/kql/alerts. Pure functions, so the tests can render and check every query offline.
 */
import { ALERT_DEFAULTS, ALERT_IDS, type AlertId, type AlertRule } from '../../config/schema/monitoring';
import type { KqlValue, KqlValues } from '../../lib/kql/render';
import { WORKLOAD_SUBSCRIPTION_PREFIX } from '../../lib/naming';
import { CALLER_TRACE, TOKEN_LIMIT_HEADERS, TOKEN_LIMIT_POLICY } from '../../lib/policy/render';
import { ALERT_RULE_CRITERIA, alertLookbackMs, alertQuery, renderAlertQuery } from '../../policies/kql/alerts/catalog';

/**
 * Settings of the alert queries that are tuning rather than configuration: enough traffic to judge a percentage,
 * and what counts as a spike. Changing them changes what every environment is alerted on.
 */
export const ALERT_TUNING = {
  /** Requests in the window below which percentages are noise and the alert stays quiet. */
  minRequests: { 'gateway-throttling': 20, 'backend-errors': 10, 'caller-5xx': 10, 'backend-capacity': 20, 'latency-p95': 20 },
  /** Blocks in the window compared with the rate of the preceding day. */
  wafBaselineMinutes: 1440,
  /** Blocks above this multiple of the expected number are a spike. */
  wafSpikeFactor: 3,
} as const;

/** What the alerts need of an access tier: its product, its title, and its token quota when it has one. */
export interface AlertTier {
  /** Also the id of the tier's API Management product. */
  readonly name: string;
  readonly displayName: string;
  readonly tokenQuota?: { readonly tokens: number; readonly period: string } | undefined;
  /** Estimated monthly spend the tier's budget alert watches, in the price table's currency. */
  readonly monthlyBudget?: number | undefined;
}

/** The price table the budget alerts estimate spend with (the environment's `pricing`). */
export interface AlertPriceTable {
  readonly currency: string;
  readonly models: readonly { readonly model: string; readonly inputPer1M: number; readonly outputPer1M: number }[];
}

/** A budget is judged per month of 30 days: the window's share of it is what the window may spend. */
const BUDGET_MONTH_MINUTES = 30 * 1440;

/** A log search alert reads at most 48 hours back. */
const MAX_LOOKBACK_MINUTES = 2880;

/** `query_time_range_override` values the API accepts, in minutes. */
const QUERY_TIME_RANGES = [5, 10, 15, 20, 30, 45, 60, 120, 180, 240, 300, 360, 1440, 2880] as const;

/** An ISO 8601 duration of whole minutes in the largest exact unit: 90 -> PT90M, 120 -> PT2H, 2880 -> P2D. */
export function isoDuration(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes <= 0) {
    throw new RangeError(`a duration must be a whole number of minutes > 0, got ${minutes}`);
  }
  if (minutes % 1440 === 0) {
    return `P${minutes / 1440}D`;
  }
  return minutes % 60 === 0 ? `PT${minutes / 60}H` : `PT${minutes}M`;
}

/**
 * The query time range a rule needs when its query reads further back than its window (a baseline, a quota
 * period): the smallest accepted value covering the lookback. None when the window covers it.
 */
export function queryTimeRange(lookbackMinutes: number, windowMinutes: number): string | undefined {
  if (lookbackMinutes <= windowMinutes) {
    return undefined;
  }
  const range = QUERY_TIME_RANGES.find((minutes) => minutes >= lookbackMinutes);
  if (range === undefined) {
    throw new RangeError(`a log alert reads at most ${MAX_LOOKBACK_MINUTES} minutes back, the query needs ${lookbackMinutes}`);
  }
  return isoDuration(range);
}

export interface LogAlertSpec {
  /** Unique per environment: the alert id, or `token-quota-<tier>`. Names the rule and its construct. */
  readonly key: string;
  readonly alert: AlertId;
  readonly displayName: string;
  readonly description: string;
  readonly rule: AlertRule;
  /** The rendered query; it returns rows only while the condition holds. */
  readonly query: string;
  /** Every table the query reads. */
  readonly tables: readonly string[];
  /** Set when the query reads further back than the window. */
  readonly queryTimeRange?: string;
  /** Result columns the rule splits by, so each value (backend host, API, subscription) alerts on its own. */
  readonly dimensions: readonly string[];
  /** The rule fires when the number of rows the query returns is above 0. */
  readonly criteria: typeof ALERT_RULE_CRITERIA;
}

/** Resources a metric alert can watch; the stacks that own them pass their ids in. */
export type MetricAlertTarget = 'applicationGateway';

export interface MetricAlertSpec {
  readonly key: string;
  readonly alert: AlertId;
  readonly displayName: string;
  readonly description: string;
  readonly rule: AlertRule;
  readonly target: MetricAlertTarget;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly aggregation: 'Average' | 'Maximum' | 'Minimum' | 'Total' | 'Count';
  readonly operator: 'GreaterThan' | 'GreaterThanOrEqual' | 'LessThan' | 'LessThanOrEqual';
  /** Split by these dimensions ("*": every value), so each backend pool alerts on its own. */
  readonly dimensions: readonly { readonly name: string; readonly values: readonly string[] }[];
}

export interface AlertPlanInput {
  /** Every alert's resolved settings (see `resolveAlertRules`). */
  readonly rules: Readonly<Record<AlertId, AlertRule>>;
  /** Access tiers; each with a token quota gets its own quota alert. */
  readonly tiers: readonly AlertTier[];
  /** Prices for the budget alerts. @default no budget alerts */
  readonly pricing?: AlertPriceTable | undefined;
  /** ApiId values of the language-model APIs, whose calls must reach the LLM log. */
  readonly llmApiIds: readonly string[];
  /** Operation ids of the calls that reach a model: only those write LLM log rows. */
  readonly modelOperationIds: readonly string[];
}

/**
 * The values for a template's placeholders, taken from what the alert can supply. A placeholder nothing supplies is
 * an error naming it; supplied values the template does not use are left out.
 */
function templateValues(alert: AlertId, available: Readonly<Record<string, KqlValue>>): KqlValues {
  const template = alertQuery(alert);
  return Object.fromEntries(
    template.parameters.map((parameter) => {
      const value = available[parameter.name];
      if (value === undefined) {
        throw new Error(`alert ${alert}: nothing supplies a value for placeholder ${parameter.name} (${parameter.description})`);
      }
      return [parameter.name, value];
    }),
  );
}

function logSpec(
  alert: AlertId,
  rule: AlertRule,
  available: Readonly<Record<string, KqlValue>>,
  extra: { key?: string; titleSuffix?: string; note?: string } = {},
): LogAlertSpec {
  const template = alertQuery(alert);
  const values = templateValues(alert, available);
  const lookbackMinutes = alertLookbackMs(template, values) / 60_000;
  return {
    key: extra.key ?? alert,
    alert,
    displayName: extra.titleSuffix === undefined ? template.title : `${template.title}: ${extra.titleSuffix}`,
    description: extra.note === undefined ? template.description : `${template.description} ${extra.note}`,
    rule,
    query: renderAlertQuery(template, values),
    tables: template.tables,
    queryTimeRange: queryTimeRange(lookbackMinutes, rule.windowMinutes),
    dimensions: template.dimensions,
    criteria: ALERT_RULE_CRITERIA,
  };
}

/**
 * A quota alert per tier with a token quota. A log alert reads at most 48 hours, so quotas over longer periods are
 * watched at their pace: the last 48 hours against the same share of the quota. The alert then fires when the
 * tier, continuing at that pace, would use `threshold` percent of its quota within the period.
 */
function tokenQuotaSpecs(rule: AlertRule, tiers: readonly AlertTier[]): LogAlertSpec[] {
  return tiers.flatMap((tier) => {
    if (tier.tokenQuota === undefined) {
      return [];
    }
    const note = `Compared with the ${tier.tokenQuota.period.toLowerCase()} quota of ${tier.tokenQuota.tokens} tokens, as the token limit reports what is left of it.`;
    return [
      logSpec(
        'token-quota',
        rule,
        {
          window: { minutes: rule.windowMinutes },
          productId: tier.name,
          remainingQuotaHeader: TOKEN_LIMIT_HEADERS.remainingQuotaTokens,
          quotaTokens: tier.tokenQuota.tokens,
          threshold: rule.threshold,
        },
        { key: `token-quota-${tier.name}`, titleSuffix: tier.displayName, note },
      ),
    ];
  });
}

function tierBudgetSpecs(rule: AlertRule, tiers: readonly AlertTier[], pricing: AlertPriceTable | undefined): LogAlertSpec[] {
  if (pricing === undefined) {
    return [];
  }
  return tiers.flatMap((tier) => {
    if (tier.monthlyBudget === undefined) {
      return [];
    }
    const budgetShare = Math.round((tier.monthlyBudget * rule.windowMinutes * 100) / BUDGET_MONTH_MINUTES) / 100;
    const note = `Compared with ${budgetShare} ${pricing.currency}, the share of the monthly budget of ${tier.monthlyBudget} ${pricing.currency} that the window may spend; an estimate from the configured list prices.`;
    return [
      logSpec(
        'tier-budget',
        rule,
        {
          models: pricing.models.map((entry) => entry.model),
          inputPer1M: pricing.models.map((entry) => entry.inputPer1M),
          outputPer1M: pricing.models.map((entry) => entry.outputPer1M),
          window: { minutes: rule.windowMinutes },
          productId: tier.name,
          budgetShare,
          threshold: rule.threshold,
        },
        { key: `tier-budget-${tier.name}`, titleSuffix: tier.displayName, note },
      ),
    ];
  });
}

/** Every scheduled query alert of an environment, in `ALERT_IDS` order. */
export function logAlertSpecs(input: AlertPlanInput): LogAlertSpec[] {
  const { rules } = input;
  /** What every log alert can supply: its window and threshold, and the tuning that applies to it. */
  const common = (id: AlertId): Record<string, KqlValue> => ({
    window: { minutes: rules[id].windowMinutes },
    threshold: rules[id].threshold,
  });
  const byId: Record<AlertId, () => LogAlertSpec[]> = {
    'gateway-throttling': () => [
      logSpec('gateway-throttling', rules['gateway-throttling'], {
        ...common('gateway-throttling'),
        minRequests: ALERT_TUNING.minRequests['gateway-throttling'],
      }),
    ],
    'backend-errors': () => [
      logSpec('backend-errors', rules['backend-errors'], {
        ...common('backend-errors'),
        minRequests: ALERT_TUNING.minRequests['backend-errors'],
      }),
    ],
    'backends-unavailable': () => [logSpec('backends-unavailable', rules['backends-unavailable'], common('backends-unavailable'))],
    'caller-5xx': () => [
      logSpec('caller-5xx', rules['caller-5xx'], { ...common('caller-5xx'), minRequests: ALERT_TUNING.minRequests['caller-5xx'] }),
    ],
    'backend-capacity': () => [
      logSpec('backend-capacity', rules['backend-capacity'], {
        ...common('backend-capacity'),
        minRequests: ALERT_TUNING.minRequests['backend-capacity'],
      }),
    ],
    'latency-p95': () => [
      logSpec('latency-p95', rules['latency-p95'], { ...common('latency-p95'), minRequests: ALERT_TUNING.minRequests['latency-p95'] }),
    ],
    'token-quota': () => tokenQuotaSpecs(rules['token-quota'], input.tiers),
    'tier-budget': () => tierBudgetSpecs(rules['tier-budget'], input.tiers, input.pricing),
    // Only tiers with a quota can refuse for it.
    'quota-refusals': () =>
      input.tiers.some((tier) => tier.tokenQuota !== undefined)
        ? [
            logSpec('quota-refusals', rules['quota-refusals'], {
              ...common('quota-refusals'),
              quotaPolicy: TOKEN_LIMIT_POLICY,
            }),
          ]
        : [],
    'shared-subscription': () => [
      logSpec('shared-subscription', rules['shared-subscription'], {
        ...common('shared-subscription'),
        workloadPrefix: WORKLOAD_SUBSCRIPTION_PREFIX,
        callerPattern: `${CALLER_TRACE.objectIdLabel}=([0-9a-fA-F-]+)`,
      }),
    ],
    // The threshold is the number of successful language-model calls after which missing LLM-log rows count.
    'llm-log-ingestion': () => [
      logSpec('llm-log-ingestion', rules['llm-log-ingestion'], {
        ...common('llm-log-ingestion'),
        llmApiIds: [...input.llmApiIds],
        modelOperationIds: [...input.modelOperationIds],
      }),
    ],
    'appgw-unhealthy-backend': () => [],
    'waf-blocks-spike': () => [
      logSpec('waf-blocks-spike', rules['waf-blocks-spike'], {
        ...common('waf-blocks-spike'),
        baseline: { minutes: ALERT_TUNING.wafBaselineMinutes },
        spikeFactor: ALERT_TUNING.wafSpikeFactor,
      }),
    ],
  };
  return ALERT_IDS.filter((id) => ALERT_DEFAULTS[id].kind === 'log').flatMap((id) => byId[id]());
}

/** Every metric alert of an environment, in `ALERT_IDS` order. */
export function metricAlertSpecs(input: Pick<AlertPlanInput, 'rules'>): MetricAlertSpec[] {
  const unhealthy = alertQuery('appgw-unhealthy-backend');
  const byId: Partial<Record<AlertId, MetricAlertSpec>> = {
    // The platform metric, split per backend pool, is evaluated every minute; its AzureMetrics copy lags behind.
    'appgw-unhealthy-backend': {
      key: 'appgw-unhealthy-backend',
      alert: 'appgw-unhealthy-backend',
      displayName: unhealthy.title,
      description: unhealthy.description,
      rule: input.rules['appgw-unhealthy-backend'],
      target: 'applicationGateway',
      metricNamespace: 'Microsoft.Network/applicationGateways',
      metricName: 'UnhealthyHostCount',
      aggregation: 'Average',
      operator: 'GreaterThanOrEqual',
      dimensions: [{ name: 'BackendSettingsPool', values: ['*'] }],
    },
  };
  return ALERT_IDS.filter((id) => ALERT_DEFAULTS[id].kind === 'metric').map((id) => {
    const spec = byId[id];
    if (spec === undefined) {
      throw new Error(`alert ${id} is a metric alert but has no metric definition`);
    }
    return spec;
  });
}
