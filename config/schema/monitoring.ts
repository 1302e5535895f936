import { z } from 'zod';

import { email, httpsUrl, positiveInt } from './primitives';

const retentionDays = z
  .number()
  .int()
  .min(30, { message: 'days 30-730' })
  .max(730, { message: 'days 30-730' });

export const loggingSchema = z.strictObject({
  /** Interactive retention of the Log Analytics workspace. */
  retentionDays,
  /** Retention of the gateway's request and LLM tables, which hold the audit trail. */
  gatewayTables: z
    .strictObject({
      retentionDays,
      /** Interactive plus long-term (archive) retention. */
      totalRetentionDays: z
        .number()
        .int()
        .min(30, { message: 'days 30-4383' })
        .max(4383, { message: 'days 30-4383' }),
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
  /** Bytes of each request and response body logged; API Management logs at most 8192. */
  bodyBytes: z.number().int().min(0, { message: 'bytes 0-8192' }).max(8192, { message: 'bytes 0-8192' }).default(8192),
  samplingPercentage: z.number().min(0, { message: 'a percentage 0-100' }).max(100, { message: 'a percentage 0-100' }).default(100),
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
  'latency-p95',
  'token-quota',
  'llm-log-ingestion',
  'appgw-unhealthy-backend',
  'waf-blocks-spike',
] as const;
export type AlertId = (typeof ALERT_IDS)[number];

export const alertRuleSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Azure Monitor severity: 0 critical .. 4 verbose. */
  severity: z.number().int().min(0, { message: 'a severity 0-4' }).max(4, { message: 'a severity 0-4' }),
  threshold: z.number().positive({ message: 'a threshold > 0' }),
  windowMinutes: positiveInt.max(2880, { message: 'minutes 1-2880' }),
  frequencyMinutes: positiveInt.max(1440, { message: 'minutes 1-1440' }),
});

export const alertsSchema = z.strictObject({
  receivers: z.strictObject({
    emails: z.array(z.strictObject({ name: z.string().min(1), address: email })).default([]),
    webhooks: z.array(z.strictObject({ name: z.string().min(1), uri: httpsUrl })).default([]),
  }),
  /** Overrides of the shipped defaults, per alert. */
  rules: z.partialRecord(z.enum(ALERT_IDS, { message: `an alert id: ${ALERT_IDS.join(', ')}` }), alertRuleSchema).default({}),
});

export type LoggingConfig = z.infer<typeof loggingSchema>;
export type AlertRuleConfig = z.infer<typeof alertRuleSchema>;
export type AlertsConfig = z.infer<typeof alertsSchema>;
