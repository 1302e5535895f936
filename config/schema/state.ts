import { z } from 'zod';

import { uuid } from './primitives';

/** Where each stack keeps its Terraform state. One state file (key or workspace) per stack. */
export const stateSchema = z.discriminatedUnion(
  'backend',
  [
    z.strictObject({
      backend: z.literal('local'),
    }),
    z.strictObject({
      backend: z.literal('azurerm'),
      resourceGroupName: z.string().regex(/^[-\w.()]{1,89}[-\w()]$/, { message: 'a resource group name' }),
      storageAccountName: z.string().regex(/^[a-z0-9]{3,24}$/, { message: 'a storage account name (3-24 lowercase letters or digits)' }),
      containerName: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, { message: 'a blob container name' }),
      /** Subscription of the state account, when it differs from the environment's. */
      subscriptionId: uuid.optional(),
      /** Prefix of each stack's blob name; the stack name and `.tfstate` follow. */
      keyPrefix: z
        .string()
        .regex(/^[a-z0-9][a-z0-9/_-]*$/, { message: 'a blob name prefix' })
        .default('aoai-gateway'),
    }),
    z.strictObject({
      backend: z.literal('remote'),
      hostname: z.string().default('app.terraform.io'),
      organization: z.string().min(1, { message: 'an HCP Terraform organization' }),
      /** Each stack gets the workspace `<prefix><stack name>`. */
      workspacePrefix: z.string().regex(/^[A-Za-z0-9_-]*$/, { message: 'a workspace name prefix' }),
    }),
  ],
  { message: 'a state backend: "local", "azurerm" or "remote"' },
);

export type StateConfig = z.infer<typeof stateSchema>;
