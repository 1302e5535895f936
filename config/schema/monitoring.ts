import { z } from 'zod';

import { email, httpsUrl, positiveInt, providerNumber, uuid } from './primitives';

// Tables keep at least what the workspace keeps, so both take the workspace's range (30-730, inside the
// table's 4-730).
const retentionDays = providerNumber('azurerm_log_analytics_workspace', 'retention_in_days', 'a retention in days');

/** What azurerm accepts as a table's total retention; 2557 (seven years by the calendar) is not among them. */
const totalRetentionDays = providerNumber('azurerm_log_analytics_workspace_table', 'total_retention_in_days', 'a total retention in days');

export const loggingSchema = z.strictObject({
  /** Interactive retention of the Log Analytics workspace. */
  retentionDays,
  /** Retention of the gateway's request and LLM tables, which hold the audit trail. */
  gatewayTables: z
    .strictObject({
      retentionDays,
      /** Interactive plus long-term (archive) retention. */
      totalRetentionDays,
    })
    .superRefine((t, ctx) => {
      if (t.totalRetentionDays < t.retentionDays) {
        ctx.addIssue({
          code: 'custom',
          path: ['totalRetentionDays'],
          message: `a total retention >= retentionDays (${t.retentionDays})`,
          input: t.totalRetentionDays,
        });
      }
    }),
  /**
   * Who may read the workspace. The identity layer creates two Entra groups whose owners add and remove members:
   * log readers read every table without message content, prompt readers read prompts and completions as well.
   * Nobody reads the workspace through a resource's permissions (`allow_resource_only_permissions` is off).
   */
  readers: z
    .strictObject({
      /** Object ids made owners of both groups. */
      groupOwners: z.array(uuid).default([]),
    })
    .default({ groupOwners: [] }),
  /** Export the gateway tables to the storage account's immutable audit container. */
  archive: z
    .strictObject({
      enabled: z.boolean(),
      /** Days blobs in the audit container cannot be changed or deleted. 0 turns immutability off. */
      immutabilityDays: z.number().int().min(0, { message: 'days 0-146000' }).max(146000, { message: 'days 0-146000' }),
    })
    .default({ enabled: false, immutabilityDays: 0 }),
});

export const ALERT_IDS = [
  'gateway-throttling',
  'backend-errors',
  'backends-unavailable',
  'caller-5xx',
  'backend-capacity',
  'latency-p95',
  'token-quota',
  'quota-refusals',
  'shared-subscription',
  'tier-budget',
  'llm-log-ingestion',
  'appgw-unhealthy-backend',
  'waf-blocks-spike',
] as const;
export type AlertId = (typeof ALERT_IDS)[number];

/** `log`: a scheduled query over the workspace; `metric`: a platform metric of the watched resource. */
export type AlertKind = 'log' | 'metric';

/** What an alert's threshold counts, so that a percentage above 100 is refused. */
export type ThresholdUnit = 'percent' | 'milliseconds' | 'requests' | 'hosts' | 'blocks' | 'callers';

/** One alert, with every field resolved. */
export interface AlertRule {
  readonly enabled: boolean;
  /** Azure Monitor severity: 0 critical .. 4 verbose. */
  readonly severity: number;
  readonly threshold: number;
  /** How far back each evaluation looks. */
  readonly windowMinutes: number;
  /** How often the rule is evaluated. */
  readonly frequencyMinutes: number;
}

export interface AlertDefault {
  readonly kind: AlertKind;
  readonly unit: ThresholdUnit;
  readonly rule: AlertRule;
}

/**
 * The shipped alert settings: one place, typed. `alerts.rules.<id>` in an environment file overrides any of the
 * fields; the others keep these values.
 */
export const ALERT_DEFAULTS = {
  'gateway-throttling': {
    kind: 'log',
    unit: 'percent',
    rule: { enabled: true, severity: 2, threshold: 5, windowMinutes: 15, frequencyMinutes: 5 },
  },
  'backend-errors': {
    kind: 'log',
    unit: 'percent',
    rule: { enabled: true, severity: 2, threshold: 10, windowMinutes: 15, frequencyMinutes: 5 },
  },
  'backends-unavailable': {
    kind: 'log',
    unit: 'requests',
    rule: { enabled: true, severity: 1, threshold: 1, windowMinutes: 10, frequencyMinutes: 5 },
  },
  'caller-5xx': {
    kind: 'log',
    unit: 'percent',
    rule: { enabled: true, severity: 1, threshold: 5, windowMinutes: 15, frequencyMinutes: 5 },
  },
  'backend-capacity': {
    kind: 'log',
    unit: 'percent',
    rule: { enabled: true, severity: 2, threshold: 5, windowMinutes: 15, frequencyMinutes: 5 },
  },
  'latency-p95': {
    kind: 'log',
    unit: 'milliseconds',
    rule: { enabled: true, severity: 3, threshold: 30000, windowMinutes: 30, frequencyMinutes: 15 },
  },
  'token-quota': {
    kind: 'log',
    unit: 'percent',
    rule: { enabled: true, severity: 3, threshold: 80, windowMinutes: 60, frequencyMinutes: 30 },
  },
  'tier-budget': {
    kind: 'log',
    unit: 'percent',
    rule: { enabled: true, severity: 3, threshold: 100, windowMinutes: 1440, frequencyMinutes: 60 },
  },
  'quota-refusals': {
    kind: 'log',
    unit: 'requests',
    rule: { enabled: true, severity: 2, threshold: 1, windowMinutes: 15, frequencyMinutes: 5 },
  },
  'shared-subscription': {
    kind: 'log',
    unit: 'callers',
    rule: { enabled: true, severity: 2, threshold: 2, windowMinutes: 60, frequencyMinutes: 15 },
  },
  'llm-log-ingestion': {
    kind: 'log',
    unit: 'requests',
    rule: { enabled: true, severity: 1, threshold: 5, windowMinutes: 30, frequencyMinutes: 15 },
  },
  'appgw-unhealthy-backend': {
    kind: 'metric',
    unit: 'hosts',
    rule: { enabled: true, severity: 1, threshold: 1, windowMinutes: 5, frequencyMinutes: 1 },
  },
  'waf-blocks-spike': {
    kind: 'log',
    unit: 'blocks',
    rule: { enabled: true, severity: 2, threshold: 50, windowMinutes: 30, frequencyMinutes: 15 },
  },
} as const satisfies Record<AlertId, AlertDefault>;

/**
 * Windows and frequencies Azure Monitor accepts, in minutes
 * (https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/monitor_scheduled_query_rules_alert_v2,
 * https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/monitor_metric_alert).
 * A log alert evaluated every minute accepts a narrower set of windows.
 */
export const ALERT_TIMING = {
  log: {
    frequencies: [1, 5, 10, 15, 30, 45, 60, 120, 180, 240, 300, 360, 1440],
    windows: [5, 10, 15, 30, 45, 60, 120, 180, 240, 300, 360, 1440, 2880],
    windowsWhenEveryMinute: [1, 5, 10, 15, 30, 45, 60, 120, 180, 240, 300, 360],
  },
  metric: {
    frequencies: [1, 5, 15, 30, 60],
    windows: [1, 5, 15, 30, 60, 360, 720, 1440],
    windowsWhenEveryMinute: [1, 5, 15, 30, 60, 360, 720, 1440],
  },
} as const satisfies Record<
  AlertKind,
  { frequencies: readonly number[]; windows: readonly number[]; windowsWhenEveryMinute: readonly number[] }
>;

/** Overrides of one alert's shipped settings; every field is optional. */
export const alertRuleSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** Azure Monitor severity: 0 critical .. 4 verbose. */
  severity: providerNumber('azurerm_monitor_scheduled_query_rules_alert_v2', 'severity', 'a severity').optional(),
  threshold: z.number().positive({ message: 'a threshold > 0' }).optional(),
  windowMinutes: positiveInt.max(2880, { message: 'minutes 1-2880' }).optional(),
  frequencyMinutes: positiveInt.max(1440, { message: 'minutes 1-1440' }).optional(),
});

/** One optional override per alert id; listing the ids lets an unknown id be reported with the nearest known one. */
const ruleOverrides = Object.fromEntries(ALERT_IDS.map((id) => [id, alertRuleSchema.optional()])) as {
  [K in AlertId]: z.ZodOptional<typeof alertRuleSchema>;
};

export const alertsSchema = z.strictObject({
  receivers: z.strictObject({
    emails: z.array(z.strictObject({ name: z.string().min(1), address: email })).default([]),
    webhooks: z.array(z.strictObject({ name: z.string().min(1), uri: httpsUrl })).default([]),
  }),
  /** Overrides of the shipped defaults, per alert. */
  rules: z.strictObject(ruleOverrides).default({}),
});

export type LoggingConfig = z.infer<typeof loggingSchema>;
export type AlertRuleConfig = z.infer<typeof alertRuleSchema>;
export type AlertsConfig = z.infer<typeof alertsSchema>;

/** One alert's settings: each field from the override when given, else from `ALERT_DEFAULTS`. */
export function resolveAlertRule(id: AlertId, override: AlertRuleConfig | undefined): AlertRule {
  const shipped: AlertRule = ALERT_DEFAULTS[id].rule;
  return {
    enabled: override?.enabled ?? shipped.enabled,
    severity: override?.severity ?? shipped.severity,
    threshold: override?.threshold ?? shipped.threshold,
    windowMinutes: override?.windowMinutes ?? shipped.windowMinutes,
    frequencyMinutes: override?.frequencyMinutes ?? shipped.frequencyMinutes,
  };
}

/** Every alert's resolved settings, in `ALERT_IDS` order. */
export function resolveAlertRules(alerts: Pick<AlertsConfig, 'rules'>): Readonly<Record<AlertId, AlertRule>> {
  return Object.fromEntries(ALERT_IDS.map((id) => [id, resolveAlertRule(id, alerts.rules[id])])) as Record<AlertId, AlertRule>;
}

export interface AlertTimingProblem {
  readonly field: 'windowMinutes' | 'frequencyMinutes' | 'threshold';
  /** What is expected, for the `expected ...` part of a configuration error. */
  readonly expected: string;
  readonly found: number;
}

/** What Azure Monitor would refuse in one resolved alert: unsupported windows or frequencies, impossible percentages. */
export function alertRuleProblems(id: AlertId, rule: AlertRule): AlertTimingProblem[] {
  const { kind, unit } = ALERT_DEFAULTS[id];
  const timing = ALERT_TIMING[kind];
  const problems: AlertTimingProblem[] = [];
  const frequencies: readonly number[] = timing.frequencies;
  if (!frequencies.includes(rule.frequencyMinutes)) {
    problems.push({
      field: 'frequencyMinutes',
      expected: `a ${kind} alert frequency in minutes: ${frequencies.join(', ')}`,
      found: rule.frequencyMinutes,
    });
  }
  const windows: readonly number[] = rule.frequencyMinutes === 1 ? timing.windowsWhenEveryMinute : timing.windows;
  if (!windows.includes(rule.windowMinutes)) {
    const when = rule.frequencyMinutes === 1 ? ' when evaluated every minute' : '';
    problems.push({
      field: 'windowMinutes',
      expected: `a ${kind} alert window in minutes${when}: ${windows.join(', ')}`,
      found: rule.windowMinutes,
    });
  } else if (frequencies.includes(rule.frequencyMinutes) && rule.windowMinutes < rule.frequencyMinutes) {
    problems.push({
      field: 'windowMinutes',
      expected: `a window >= frequencyMinutes (${rule.frequencyMinutes}), so no period goes unwatched`,
      found: rule.windowMinutes,
    });
  } else {
    problems.push(...ingestionDelayProblems(id, rule));
  }
  if (unit === 'percent' && rule.threshold > 100) {
    problems.push({ field: 'threshold', expected: 'a percentage > 0 and <= 100', found: rule.threshold });
  }
  return problems;
}

/**
 * Log rows reach the workspace minutes after the event (typically 20 s to 3 min, sometimes longer:
 * https://learn.microsoft.com/azure/azure-monitor/logs/data-ingestion-time), so a log alert whose window is no longer
 * than its frequency judges each minute once, before its late rows arrived. Its window must be at least twice the
 * frequency (each minute is seen again once its rows are in) and never under this many minutes.
 */
export const LOG_ALERT_MIN_WINDOW_MINUTES = 10;

/** Problems of a log alert window against ingestion delay; none for metric alerts, which read platform metrics. */
export function ingestionDelayProblems(id: AlertId, rule: AlertRule): AlertTimingProblem[] {
  if (ALERT_DEFAULTS[id].kind !== 'log') {
    return [];
  }
  const least = Math.max(LOG_ALERT_MIN_WINDOW_MINUTES, 2 * rule.frequencyMinutes);
  return rule.windowMinutes >= least
    ? []
    : [
        {
          field: 'windowMinutes',
          expected: `a log alert window >= ${least} (at least ${LOG_ALERT_MIN_WINDOW_MINUTES} and twice frequencyMinutes ${rule.frequencyMinutes}), so rows ingested late are still counted`,
          found: rule.windowMinutes,
        },
      ];
}
