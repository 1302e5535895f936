import { z } from 'zod';

import { availabilityZones, email, positiveInt } from './primitives';

/** Internal VNet injection is offered only by these tiers (not by the v2 tiers). */
export const APIM_SKUS = ['Developer', 'Premium'] as const;

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
      count: z.number().int().min(0, { message: 'a retry count 0-10' }).max(10, { message: 'a retry count 0-10' }),
      intervalSeconds: z.number().int().min(0, { message: 'seconds 0-60' }).max(60, { message: 'seconds 0-60' }),
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
  /** Timeout for one backend call; long completions stream for minutes. */
  backendTimeoutSeconds: z
    .number()
    .int()
    .min(30, { message: 'seconds 30-600' })
    .max(600, { message: 'seconds 30-600' })
    .default(240),
});

export type ApiManagementConfig = z.infer<typeof apiManagementSchema>;
