import { z } from 'zod';

import { availabilityZones, email, positiveInt } from './primitives';

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
      /** Attempts after the first, each on whichever pool member is still healthy. */
      count: z.number().int().min(1, { message: 'a retry count 1-10' }).max(10, { message: 'a retry count 1-10' }),
      intervalSeconds: secondsBetween(0, 60),
    })
    .default({ count: 2, intervalSeconds: 1 }),
  circuitBreaker: z
    .strictObject({
      /** Failures (429 or 5xx) within the interval that trip the breaker. */
      failureCount: positiveInt.max(100, { message: 'a count 1-100' }),
      intervalSeconds: positiveInt.max(3600, { message: 'seconds 1-3600' }),
      /** How long a tripped backend is skipped when it sends no Retry-After. */
      tripDurationSeconds: positiveInt.max(3600, { message: 'seconds 1-3600' }),
    })
    .default({ failureCount: 3, intervalSeconds: 10, tripDurationSeconds: 10 }),
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
  logging: apiManagementLoggingSchema.default({
    requestBodyBytes: MAX_DIAGNOSTIC_BODY_BYTES,
    responseBodyBytes: 0,
    llmMessageBytes: MAX_LLM_MESSAGE_BYTES,
  }),
});

export type ApiManagementConfig = z.infer<typeof apiManagementSchema>;
export type ApiManagementLoggingConfig = z.infer<typeof apiManagementLoggingSchema>;
