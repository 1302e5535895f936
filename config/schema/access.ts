import { z } from 'zod';

import { WORKSPACE_READER_GROUP_SUFFIXES } from '../../lib/naming';
import { TOKEN_QUOTA_PERIODS } from '../../lib/policy/render';
import { positiveInt, resourceId, uuid } from './primitives';

/** The token limit policy's quota periods (one list, beside the policy renderer). */
export const QUOTA_PERIODS = TOKEN_QUOTA_PERIODS;

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
  /**
   * Estimated spend per calendar month, in the `pricing` currency, that the tier's budget alert watches.
   * @default no budget alert
   */
  monthlyBudget: z.number({ message: 'a monthly budget' }).positive({ message: 'a monthly budget > 0' }).optional(),
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

/**
 * Public clients Microsoft publishes for signing in from a terminal: Azure CLI (and so `DefaultAzureCredential` on
 * a workstation) and Azure PowerShell. Their ids are fixed across tenants
 * (https://learn.microsoft.com/troubleshoot/azure/active-directory/verify-first-party-apps-sign-in).
 */
export const DEVELOPER_TOOL_CLIENTS = [
  { name: 'azure-cli', clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', description: 'Azure CLI and DefaultAzureCredential' },
  { name: 'azure-powershell', clientId: '1950a258-227b-4e31-a9cf-717495945fc2', description: 'Azure PowerShell' },
] as const;

export const clientApplicationSchema = z.strictObject({
  /** Label used in resource names and the README of the team that owns it. */
  name: resourceId('a client application name'),
  /** Application (client) id: the `azp` claim of the tokens it obtains. */
  clientId: uuid,
  description: z.string().optional(),
});

export const accessSchema = z
  .strictObject({
    /**
     * Object ids of users or service principals made owners of the gateway's and the developer portal's app
     * registrations and enterprise applications, beside the identity that applies the identity layer (always an
     * owner).
     */
    applicationOwners: uniqueIds('an application owner').default([]),
    tiers: z.array(accessTierSchema).min(1, { message: 'at least one access tier' }),
    /**
     * Applications through which people obtain a gateway token. They are pre-authorized on the gateway's scope (no
     * consent prompt; the scope itself needs admin consent) and, with the workloads' own applications, are the only
     * clients whose tokens the gateway accepts.
     */
    clientApplications: z.array(clientApplicationSchema).default(DEVELOPER_TOOL_CLIENTS.map((c) => ({ ...c }))),
    developerPortal: developerPortalSchema.default({ secretRotationDays: 90 }),
  })
  .superRefine((access, ctx) => {
    const reserved: readonly string[] = Object.values(WORKSPACE_READER_GROUP_SUFFIXES);
    access.tiers.forEach((tier, index) => {
      if (reserved.includes(tier.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', index, 'name'],
          message: `a tier name other than ${reserved.join(' and ')} (the workspace readers' groups)`,
          input: tier.name,
        });
      }
    });
    const seen = new Set<string>();
    access.clientApplications.forEach((client, index) => {
      if (seen.has(client.clientId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clientApplications', index, 'clientId'],
          message: 'a client id listed once',
          input: client.clientId,
        });
      }
      seen.add(client.clientId);
    });
  });

export type AccessTierConfig = z.infer<typeof accessTierSchema>;
export type AccessConfig = z.infer<typeof accessSchema>;
export type ClientApplicationConfig = z.infer<typeof clientApplicationSchema>;
export type DeveloperPortalConfig = z.infer<typeof developerPortalSchema>;
