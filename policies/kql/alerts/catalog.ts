/**
 * Alert query templates: one `.kql` file per alert under `policies/kql/alerts/`, with `{{name}}` placeholders for
 * the values that come from configuration (windows, thresholds, quotas). Ids match the alert ids of the
 * configuration schema (config/schema/monitoring.ts).
 *
 * Every rendered query returns rows only when the alert condition holds, one row per offending dimension, so a
 * scheduled query rule fires on "number of rows > 0" (ALERT_RULE_CRITERIA).
 */
import { readFileSync } from 'node:fs';

// The alert ids have one list, in the configuration schema, which overrides are validated against.
import type { AlertId } from '../../../config/schema/monitoring';
import { isKqlTimespan, type KqlValue, type KqlValues, renderKql, timespanMilliseconds } from '../../../lib/kql/render';
import type { TableName } from '../../../lib/kql/schemas';
import { projectPath } from '../../../lib/paths';

export type AlertParameterKind = 'timespan' | 'number' | 'string' | 'list';

export interface AlertParameter {
  readonly name: string;
  readonly kind: AlertParameterKind;
  readonly description: string;
  /** Used when no value is given. Parameters without one (window, threshold, ...) come from configuration. */
  readonly default?: KqlValue;
}

export interface AlertQuery {
  readonly id: AlertId;
  readonly title: string;
  /** The question the alert answers. */
  readonly description: string;
  /** File name under policies/kql/alerts/. */
  readonly file: string;
  /** Every table the query reads. */
  readonly tables: readonly TableName[];
  /** Every placeholder of the template, in order of first use. */
  readonly parameters: readonly AlertParameter[];
  /**
   * Result columns each row is per (a backend host, an API, a subscription). The rule splits by them, so each value
   * fires and resolves on its own: without a split, a second failing backend never notifies while the first is open.
   */
  readonly dimensions: readonly string[];
  /** Timespan parameters whose sum is how far back the query reads. */
  readonly lookback: readonly string[];
  /** Values that render a valid query; documentation and test input, not production defaults. */
  readonly exampleValues: KqlValues;
}

/**
 * A log search alert reads at most 48 hours: query_time_range_override tops out at P2D and
 * window_duration x number_of_evaluation_periods may not exceed 48 hours
 * (https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/monitor_scheduled_query_rules_alert_v2).
 */
export const MAX_ALERT_LOOKBACK_MS = 48 * 3_600_000;

/** Criteria of the scheduled query rule for every alert here: fire when the query returns any row. */
export const ALERT_RULE_CRITERIA = {
  timeAggregationMethod: 'Count',
  operator: 'GreaterThan',
  threshold: 0,
} as const;

const WINDOW: AlertParameter = {
  name: 'window',
  kind: 'timespan',
  description: "How far back the rule looks: the alert rule's windowMinutes.",
};

function minRequests(count: number): AlertParameter {
  return {
    name: 'minRequests',
    kind: 'number',
    description: 'Fewer requests than this in the window are too few to judge; the alert stays quiet.',
    default: count,
  };
}

export const ALERT_QUERIES: readonly AlertQuery[] = [
  {
    id: 'gateway-throttling',
    title: 'Requests throttled at the gateway',
    description: "Is the share of requests answered 429 (callers over their tier's tokens-per-minute limit) too high?",
    file: 'gateway-throttling.kql',
    tables: ['ApiManagementGatewayLogs'],
    parameters: [
      WINDOW,
      minRequests(20),
      { name: 'threshold', kind: 'number', description: 'Percent of requests answered 429 above which the alert fires.' },
    ],
    dimensions: [],
    lookback: ['window'],
    exampleValues: { window: { minutes: 15 }, minRequests: 20, threshold: 5 },
  },
  {
    id: 'backend-errors',
    title: 'Backend answering 5xx',
    description: 'Is any Azure OpenAI backend answering too large a share of calls with 5xx?',
    file: 'backend-errors.kql',
    tables: ['ApiManagementGatewayLogs'],
    parameters: [
      WINDOW,
      minRequests(10),
      { name: 'threshold', kind: 'number', description: "Percent of a backend's calls answered 5xx above which it alerts." },
    ],
    dimensions: ['BackendHost'],
    lookback: ['window'],
    exampleValues: { window: { minutes: 15 }, minRequests: 10, threshold: 10 },
  },
  {
    id: 'backends-unavailable',
    title: 'No backend available',
    description: 'Is the gateway answering 503 without reaching any backend, i.e. is every backend of a pool down?',
    file: 'backends-unavailable.kql',
    tables: ['ApiManagementGatewayLogs'],
    parameters: [
      WINDOW,
      { name: 'threshold', kind: 'number', description: 'Number of such 503 answers in the window that fires the alert.' },
    ],
    dimensions: [],
    lookback: ['window'],
    exampleValues: { window: { minutes: 5 }, threshold: 1 },
  },
  {
    id: 'caller-5xx',
    title: 'Callers answered 5xx',
    description:
      'Is any backend host, for any cause (timeout, connection failure, a backend 5xx), making too large a share of its callers fail with 5xx?',
    file: 'caller-5xx.kql',
    tables: ['ApiManagementGatewayLogs'],
    parameters: [
      WINDOW,
      minRequests(10),
      {
        name: 'threshold',
        kind: 'number',
        description: "Percent of a backend host's requests answered 5xx for one cause above which it alerts.",
      },
    ],
    dimensions: ['BackendHost', 'Cause'],
    lookback: ['window'],
    exampleValues: { window: { minutes: 15 }, minRequests: 10, threshold: 5 },
  },
  {
    id: 'backend-capacity',
    title: 'Backend capacity saturated',
    description: 'Are callers of any API answered 503 because every backend of its pool was throttling (429)?',
    file: 'backend-capacity.kql',
    tables: ['ApiManagementGatewayLogs'],
    parameters: [
      WINDOW,
      minRequests(20),
      {
        name: 'threshold',
        kind: 'number',
        description: "Percent of an API's requests answered 503 for backend 429s above which it alerts.",
      },
    ],
    dimensions: ['ApiId'],
    lookback: ['window'],
    exampleValues: { window: { minutes: 15 }, minRequests: 20, threshold: 5 },
  },
  {
    id: 'latency-p95',
    title: 'Gateway latency p95',
    description: 'Is the 95th percentile of non-streamed request time at the gateway above the target for any API?',
    file: 'latency-p95.kql',
    tables: ['ApiManagementGatewayLlmLog', 'ApiManagementGatewayLogs'],
    parameters: [
      WINDOW,
      minRequests(20),
      { name: 'threshold', kind: 'number', description: 'p95 total time in milliseconds above which the alert fires.' },
    ],
    dimensions: ['ApiId'],
    lookback: ['window'],
    exampleValues: { window: { minutes: 15 }, minRequests: 20, threshold: 30_000 },
  },
  {
    id: 'token-quota',
    title: 'Token quota nearly used',
    description: 'Has a subscription of a tier used most of its token quota for the period, as the token limit counts it?',
    file: 'token-quota.kql',
    tables: ['ApiManagementGatewayLogs'],
    parameters: [
      WINDOW,
      { name: 'productId', kind: 'string', description: 'The API Management product the quota applies to.' },
      {
        name: 'remainingQuotaHeader',
        kind: 'string',
        description: 'Response header in which the token limit reports the tokens left in the quota period.',
      },
      { name: 'quotaTokens', kind: 'number', description: 'Tokens the product may use per quota period.' },
      { name: 'threshold', kind: 'number', description: 'Percent of the quota used at which the alert fires.' },
    ],
    dimensions: ['ApimSubscriptionId'],
    lookback: ['window'],
    exampleValues: {
      window: { minutes: 60 },
      productId: 'team-standard',
      remainingQuotaHeader: 'x-gateway-remaining-quota-tokens',
      quotaTokens: 5_000_000,
      threshold: 80,
    },
  },
  {
    id: 'quota-refusals',
    title: 'Callers refused for token quota',
    description: "Is the token limit refusing a subscription's requests because its quota for the period is used up?",
    file: 'quota-refusals.kql',
    tables: ['ApiManagementGatewayLogs'],
    parameters: [
      WINDOW,
      {
        name: 'quotaPolicy',
        kind: 'string',
        description: 'Name of the policy that raises the quota 403 (context.LastError.Source).',
      },
      { name: 'threshold', kind: 'number', description: 'Refused requests in the window that fire the alert.' },
    ],
    dimensions: ['ApimSubscriptionId'],
    lookback: ['window'],
    exampleValues: { window: { minutes: 15 }, quotaPolicy: 'azure-openai-token-limit', threshold: 1 },
  },
  {
    id: 'shared-subscription',
    title: "Person's subscription used by several callers",
    description: "Is a person's subscription key used by more than one caller: shared among tier members, or leaked to one?",
    file: 'shared-subscription.kql',
    tables: ['ApiManagementGatewayLogs'],
    parameters: [
      WINDOW,
      {
        name: 'workloadPrefix',
        kind: 'string',
        description: "How a workload's subscription id starts; the API policy binds those to their workload already.",
      },
      {
        name: 'callerPattern',
        kind: 'string',
        description: "Regular expression whose first group is the caller's object id in the API policy's caller trace.",
      },
      { name: 'threshold', kind: 'number', description: 'Distinct callers of one subscription in the window that fire the alert.' },
    ],
    dimensions: ['ApimSubscriptionId'],
    lookback: ['window'],
    exampleValues: { window: { minutes: 60 }, workloadPrefix: 'wl-', callerPattern: 'caller-oid=([0-9a-fA-F-]+)', threshold: 2 },
  },
  {
    id: 'tier-budget',
    title: 'Tier on pace to overspend its budget',
    description: "Is a tier's estimated spend in the window above its share of the tier's monthly budget?",
    file: 'tier-budget.kql',
    tables: ['ApiManagementGatewayLlmLog', 'ApiManagementGatewayLogs'],
    parameters: [
      { name: 'models', kind: 'list', description: 'Models with a configured price, as the LLM log names them.' },
      { name: 'inputPer1M', kind: 'list', description: 'Price per million prompt tokens, per model, in the same order.' },
      { name: 'outputPer1M', kind: 'list', description: 'Price per million completion tokens, per model, in the same order.' },
      WINDOW,
      { name: 'productId', kind: 'string', description: 'The API Management product of the tier.' },
      { name: 'budgetShare', kind: 'number', description: "The window's share of the monthly budget." },
      { name: 'threshold', kind: 'number', description: 'Percent of that share at which the alert fires.' },
    ],
    dimensions: [],
    lookback: ['window'],
    exampleValues: {
      models: ['gpt-4o'],
      inputPer1M: [2.5],
      outputPer1M: [10],
      window: { hours: 24 },
      productId: 'standard',
      budgetShare: 100,
      threshold: 100,
    },
  },
  {
    id: 'llm-log-ingestion',
    title: 'LLM log ingestion stopped',
    description: 'Is the gateway serving language-model calls while no prompt, completion or token rows are being logged?',
    file: 'llm-log-ingestion.kql',
    tables: ['ApiManagementGatewayLlmLog', 'ApiManagementGatewayLogs'],
    parameters: [
      WINDOW,
      { name: 'llmApiIds', kind: 'list', description: 'ApiId values of the language-model APIs whose calls must be logged.' },
      {
        name: 'modelOperationIds',
        kind: 'list',
        description: 'OperationId values of the calls that reach a model (and write LLM log rows).',
      },
      { name: 'threshold', kind: 'number', description: 'Successful calls in the window needed before silence counts.' },
    ],
    dimensions: [],
    lookback: ['window'],
    exampleValues: {
      window: { minutes: 30 },
      llmApiIds: ['azure-openai'],
      modelOperationIds: ['chat-completions-create', 'embeddings-create'],
      threshold: 5,
    },
  },
  {
    id: 'appgw-unhealthy-backend',
    title: 'Application Gateway sees unhealthy backends',
    description: 'Is Application Gateway failing its health probe against API Management?',
    file: 'appgw-unhealthy-backend.kql',
    tables: ['AzureMetrics'],
    parameters: [
      WINDOW,
      { name: 'threshold', kind: 'number', description: 'Unhealthy hosts (maximum over the window) that fire the alert.' },
    ],
    dimensions: ['Resource'],
    lookback: ['window'],
    exampleValues: { window: { minutes: 5 }, threshold: 1 },
  },
  {
    id: 'waf-blocks-spike',
    title: 'Spike in firewall blocks',
    description: 'Is the web application firewall blocking far more requests than it did over the preceding period?',
    file: 'waf-blocks-spike.kql',
    tables: ['AGWFirewallLogs'],
    parameters: [
      WINDOW,
      {
        name: 'baseline',
        kind: 'timespan',
        description: 'The period before the window that sets the expected rate.',
        default: { hours: 24 },
      },
      { name: 'threshold', kind: 'number', description: 'Blocks in the window below which no spike is reported.' },
      {
        name: 'spikeFactor',
        kind: 'number',
        description: 'How many times the expected number of blocks counts as a spike.',
        default: 3,
      },
    ],
    dimensions: [],
    lookback: ['window', 'baseline'],
    exampleValues: { window: { minutes: 15 }, baseline: { hours: 24 }, threshold: 50, spikeFactor: 3 },
  },
];

/** The alert query with this id, or an error listing the ids. */
export function alertQuery(id: string): AlertQuery {
  const alert = ALERT_QUERIES.find((a) => a.id === id);
  if (alert === undefined) {
    throw new Error(`no alert query "${id}"; known: ${ALERT_QUERIES.map((a) => a.id).join(', ')}`);
  }
  return alert;
}

/** Absolute path of an alert's template file. */
export function alertTemplatePath(alert: AlertQuery): string {
  return projectPath('policies', 'kql', 'alerts', alert.file);
}

/** The template text with its placeholders. */
export function readAlertTemplate(alert: AlertQuery): string {
  return readFileSync(alertTemplatePath(alert), 'utf8');
}

function kindOf(value: KqlValue): AlertParameterKind | 'boolean' {
  if (typeof value === 'number') {
    return 'number';
  }
  if (typeof value === 'string') {
    return 'string';
  }
  if (typeof value === 'boolean') {
    return 'boolean';
  }
  return isKqlTimespan(value) ? 'timespan' : 'list';
}

/** How far back the alert's query reads with these values, in milliseconds. */
export function alertLookbackMs(alert: AlertQuery, values: KqlValues): number {
  return alert.lookback.reduce((total, name) => {
    const value = values[name];
    if (value === undefined || !isKqlTimespan(value)) {
      throw new Error(`alert ${alert.id}: ${name} must be a timespan`);
    }
    return total + timespanMilliseconds(value);
  }, 0);
}

/** The given values completed with the defaults of the parameters left out. */
export function alertValues(alert: AlertQuery, values: KqlValues): KqlValues {
  const complete: Record<string, KqlValue> = {};
  for (const parameter of alert.parameters) {
    const value = values[parameter.name] ?? parameter.default;
    if (value !== undefined) {
      complete[parameter.name] = value;
    }
  }
  for (const [name, value] of Object.entries(values)) {
    complete[name] ??= value;
  }
  return complete;
}

/** Query time ranges a log search alert accepts, in milliseconds, shortest first. */
const QUERY_TIME_RANGES: readonly (readonly [string, number])[] = [
  ['PT5M', 5 * 60_000],
  ['PT10M', 10 * 60_000],
  ['PT15M', 15 * 60_000],
  ['PT20M', 20 * 60_000],
  ['PT30M', 30 * 60_000],
  ['PT45M', 45 * 60_000],
  ['PT1H', 3_600_000],
  ['PT2H', 2 * 3_600_000],
  ['PT3H', 3 * 3_600_000],
  ['PT4H', 4 * 3_600_000],
  ['PT5H', 5 * 3_600_000],
  ['PT6H', 6 * 3_600_000],
  ['P1D', 24 * 3_600_000],
  ['P2D', MAX_ALERT_LOOKBACK_MS],
];

/**
 * The shortest query time range (the rule's query_time_range_override) that covers everything the query reads.
 * A rule whose window_duration is shorter than this must set it, or the query sees too little data.
 */
export function alertQueryTimeRange(alert: AlertQuery, values: KqlValues): string {
  const lookback = alertLookbackMs(alert, alertValues(alert, values));
  const range = QUERY_TIME_RANGES.find(([, ms]) => ms >= lookback);
  if (range === undefined) {
    throw new Error(
      `alert ${alert.id}: reads back ${lookback / 3_600_000} hours (${alert.lookback.join(' + ')}); a log search alert reads at most 48`,
    );
  }
  return range[0];
}

/**
 * The alert's query with `values` (completed with parameter defaults) filled in. Each value must have its
 * parameter's kind, and the query may not read further back than a log search alert can.
 */
export function renderAlertQuery(alert: AlertQuery, values: KqlValues): string {
  const complete = alertValues(alert, values);
  for (const parameter of alert.parameters) {
    const value = complete[parameter.name];
    if (value !== undefined && kindOf(value) !== parameter.kind) {
      throw new Error(`alert ${alert.id}: ${parameter.name} must be a ${parameter.kind}, got ${kindOf(value)}`);
    }
  }
  alertQueryTimeRange(alert, complete);
  return renderKql(readAlertTemplate(alert), complete, alert.file);
}
