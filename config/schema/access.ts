import { z } from 'zod';

import { positiveInt, resourceId, uuid } from './primitives';

export const QUOTA_PERIODS = ['Hourly', 'Daily', 'Weekly', 'Monthly', 'Yearly'] as const;

export const accessTierSchema = z.strictObject({
  /** Id of the API Management product and suffix of the Entra group name. */
  name: resourceId('a tier name'),
  displayName: z.string().min(1, { message: 'a display name' }),
  description: z.string().min(1, { message: 'a description of who the tier is for' }),
  /** Subscriptions need an administrator's approval before they work. */
  approvalRequired: z.boolean().default(true),
  /** Subscriptions one user may hold in this product. */
  subscriptionsLimit: positiveInt.default(1),
  tokensPerMinute: positiveInt,
  tokenQuota: z
    .strictObject({
      tokens: positiveInt,
      period: z.enum(QUOTA_PERIODS, { message: `a quota period: ${QUOTA_PERIODS.join(', ')}` }),
    })
    .optional(),
  /** Deployments this tier may call; calls to any other deployment are refused. */
  deployments: z.array(resourceId('a deployment name')).min(1, { message: 'at least one deployment' }),
  /** Entra object ids made owners of the tier's group (they add and remove members). */
  groupOwners: z.array(uuid).default([]),
});

export const accessSchema = z.strictObject({
  tiers: z.array(accessTierSchema).min(1, { message: 'at least one access tier' }),
});

export type AccessTierConfig = z.infer<typeof accessTierSchema>;
export type AccessConfig = z.infer<typeof accessSchema>;
