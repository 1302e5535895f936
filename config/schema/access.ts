import { z } from 'zod';

import { positiveInt, resourceId, uuid } from './primitives';

export const QUOTA_PERIODS = ['Hourly', 'Daily', 'Weekly', 'Monthly', 'Yearly'] as const;

/** Reports each repeated entry of a list of object ids, at its own index. */
function uniqueIds(what: string) {
  return z.array(uuid).superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) {
        ctx.addIssue({ code: 'custom', path: [index], message: `${what} listed once`, input: id });
      }
      seen.add(id);
    });
  });
}

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
  groupOwners: uniqueIds('a group owner').default([]),
  /**
   * Object ids of service principals (applications, managed identities) granted the tier's app role directly.
   * Entra puts roles granted through a group into user tokens only, so a workload calling with its own
   * identity needs a direct grant (https://learn.microsoft.com/entra/identity-platform/howto-add-app-roles-in-apps).
   */
  servicePrincipals: uniqueIds('a service principal').default([]),
});

export const developerPortalSchema = z.strictObject({
  /**
   * Days the developer portal's sign-in secret lives before the next apply replaces it; it expires 30 days
   * after that, so a pipeline that runs at least monthly never lets sign-in break.
   */
  secretRotationDays: z
    .number()
    .int({ message: 'whole days 30-365' })
    .min(30, { message: 'days 30-365' })
    .max(365, { message: 'days 30-365' })
    .default(90),
});

export const accessSchema = z.strictObject({
  /**
   * Object ids of users or service principals made owners of the gateway's and the developer portal's app
   * registrations and enterprise applications, beside the identity that applies the identity layer (always an owner).
   */
  applicationOwners: uniqueIds('an application owner').default([]),
  tiers: z.array(accessTierSchema).min(1, { message: 'at least one access tier' }),
  developerPortal: developerPortalSchema.default({ secretRotationDays: 90 }),
});

export type AccessTierConfig = z.infer<typeof accessTierSchema>;
export type AccessConfig = z.infer<typeof accessSchema>;
export type DeveloperPortalConfig = z.infer<typeof developerPortalSchema>;
