import { z } from 'zod';

import { RETRY_COUNT_RANGE } from '../../lib/backend-pool';
import { availabilityZones, email, keyVaultCertificateName, positiveInt } from './primitives';

/** Internal VNet injection is offered only by these tiers (not by the v2 tiers). */
export const APIM_SKUS = ['Developer', 'Premium'] as const;

/** Largest body API Management logs per message (BodyDiagnosticSettings.bytes). */
export const MAX_DIAGNOSTIC_BODY_BYTES = 8192;
/** Largest prompt or completion the LLM log records (LLMMessageDiagnosticSettings.maxSizeInBytes). */
export const MAX_LLM_MESSAGE_BYTES = 262144;

const secondsBetween = (min: number, max: number) =>
  z
    .number()
    .int({ message: `whole seconds ${min}-${max}` })
    .min(min, { message: `seconds ${min}-${max}` })
    .max(max, { message: `seconds ${min}-${max}` });

const bytesBetween = (min: number, max: number) =>
  z
    .number()
    .int({ message: `whole bytes ${min}-${max}` })
    .min(min, { message: `bytes ${min}-${max}` })
    .max(max, { message: `bytes ${min}-${max}` });

export const apiManagementLoggingSchema = z.strictObject({
  /**
   * Prompt bytes kept in ApiManagementGatewayLogs.RequestBody. Request bodies are buffered anyway (the retry
   * policy replays them), so logging them costs streaming nothing.
   */
  requestBodyBytes: bytesBetween(0, MAX_DIAGNOSTIC_BODY_BYTES).default(MAX_DIAGNOSTIC_BODY_BYTES),
  /**
   * Response bytes kept in ApiManagementGatewayLogs.ResponseBody/BackendResponseBody. Logging response bodies makes
   * API Management buffer responses, which holds back streamed completions until they end
   * (https://learn.microsoft.com/azure/api-management/how-to-server-sent-events); completions are recorded in full by
   * the LLM log instead. Keep 0 unless no caller streams.
   */
  responseBodyBytes: bytesBetween(0, MAX_DIAGNOSTIC_BODY_BYTES).default(0),
  /** Largest prompt and completion recorded in ApiManagementGatewayLlmLog; above 32 KB they are split in chunks. */
  llmMessageBytes: bytesBetween(1024, MAX_LLM_MESSAGE_BYTES).default(MAX_LLM_MESSAGE_BYTES),
});

export const apiManagementSchema = z.strictObject({
  sku: z.enum(APIM_SKUS, { message: 'an API Management tier that supports internal VNet mode: Developer or Premium' }),
  /** Scale units. Developer has exactly one. */
  capacity: positiveInt.max(12, { message: 'a number of units 1-12' }).default(1),
  zones: availabilityZones.default([]),
  publisherName: z.string().min(1, { message: 'a publisher name' }),
  publisherEmail: email,
  retry: z
    .strictObject({
      /**
       * Attempts after the first, each on whichever pool member is still healthy. One less than the pool has members
       * when absent; the environment check refuses fewer, which would leave a member unreachable.
       */
      count: z
        .number()
        .int({ message: `a retry count ${RETRY_COUNT_RANGE.min}-${RETRY_COUNT_RANGE.max}` })
        .min(RETRY_COUNT_RANGE.min, { message: `a retry count ${RETRY_COUNT_RANGE.min}-${RETRY_COUNT_RANGE.max}` })
        .max(RETRY_COUNT_RANGE.max, { message: `a retry count ${RETRY_COUNT_RANGE.min}-${RETRY_COUNT_RANGE.max}` })
        .optional(),
      intervalSeconds: secondsBetween(0, 60),
    })
    .default({ intervalSeconds: 1 }),
  /**
   * Each backend's circuit breaker. API Management allows one rule per breaker (backends#circuit-breaker: "only one
   * rule can be configured"; azurerm 4.55 `circuit_breaker_rule` has MaxItems 1), and that rule must trip on the
   * first 429, so it trips on the first 5xx too: a 429 takes the member out for its Retry-After, a 5xx (without
   * Retry-After) for `tripDurationSeconds`, kept short so one failed call costs a member seconds of traffic.
   */
  circuitBreaker: z
    .strictObject({
      /** Window in which the first failure trips the breaker. */
      intervalSeconds: positiveInt.max(3600, { message: 'seconds 1-3600' }),
      /** How long a tripped backend is skipped when it sends no Retry-After (5xx, or a 429 without one). */
      tripDurationSeconds: positiveInt.max(3600, { message: 'seconds 1-3600' }),
    })
    .default({ intervalSeconds: 10, tripDurationSeconds: 10 }),
  /**
   * Timeout for one backend call; long completions stream for minutes. At most 240: Azure's load balancers drop
   * connections idle for four minutes.
   */
  backendTimeoutSeconds: secondsBetween(30, 240).default(240),
  /**
   * Pause after the instance is created before its APIs, backends and loggers are: a new internal-mode instance
   * finishes activating after Azure reports it created, and child writes fail with 409 or 503 until then.
   */
  activationWaitSeconds: secondsBetween(0, 1800).default(300),
  /**
   * The environment's own domain for API Management's host names, instead of azure-api.net. The private DNS zone
   * the environment creates for API Management is then this zone, not `azure-api.net`, which would capture every
   * `*.azure-api.net` name (every other API Management instance) for everything resolving through the network.
   */
  customDomain: z
    .strictObject({
      /** A DNS zone name such as `apim.contoso.internal`; host names are `<name>.<zone>` and `<name>-<endpoint>.<zone>`. */
      zone: z
        .string()
        .regex(/^(?=.{1,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { message: 'a lowercase DNS zone name' })
        .refine((zone) => zone !== 'azure-api.net' && !zone.endsWith('.azure-api.net'), {
          message: 'a zone of your own, not azure-api.net',
        }),
      /**
       * Certificate already imported into the environment's Key Vault covering `*.<zone>`, issued by a CA that
       * Application Gateway trusts without a trusted root of its own (a public CA): the gateway validates API
       * Management's certificate on every backend call.
       */
      certificateName: keyVaultCertificateName,
    })
    .optional(),
  logging: apiManagementLoggingSchema.default({
    requestBodyBytes: MAX_DIAGNOSTIC_BODY_BYTES,
    responseBodyBytes: 0,
    llmMessageBytes: MAX_LLM_MESSAGE_BYTES,
  }),
});

export type ApiManagementConfig = z.infer<typeof apiManagementSchema>;
export type ApiManagementLoggingConfig = z.infer<typeof apiManagementLoggingSchema>;
