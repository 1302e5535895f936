import { z } from 'zod';

import { DEPLOYMENT_SKUS, VERSION_UPGRADE_OPTIONS } from '../../lib/azure/openai';
import { positiveInt, region, resourceId, shortName, uuid } from './primitives';

export const deploymentSchema = z.strictObject({
  /** The deployment name clients put in `/openai/deployments/{name}/...`. */
  name: resourceId('a deployment name'),
  model: z.strictObject({
    name: z.string().min(1, { message: 'a model name such as gpt-4o' }),
    version: z.string().min(1, { message: 'a model version such as 2024-11-20' }),
  }),
  sku: z.enum(DEPLOYMENT_SKUS, { message: `a deployment sku: ${DEPLOYMENT_SKUS.join(', ')}` }),
  /** Thousands of tokens per minute (or provisioned throughput units). */
  capacity: positiveInt,
  versionUpgradeOption: z
    .enum(VERSION_UPGRADE_OPTIONS, { message: `one of ${VERSION_UPGRADE_OPTIONS.join(', ')}` })
    .default('NoAutoUpgrade'),
  /** A content filter (RAI policy) that already exists on the account; the default filter otherwise. */
  raiPolicyName: z.string().min(1, { message: 'a content filter (RAI policy) name such as Microsoft.DefaultV2' }).optional(),
});

export const openAiInstanceSchema = z.strictObject({
  /** Short instance name; part of the account name and its custom subdomain. */
  name: shortName('an instance name', 8),
  location: region,
  /** Lower is preferred; the backend pool sends traffic to the lowest priority group that is healthy. */
  priority: z.number().int().min(1, { message: 'a priority 1-100' }).max(100, { message: 'a priority 1-100' }).default(1),
  /** Share of traffic within the same priority; API Management's backend pool takes weights up to 100. */
  weight: z.number().int().min(1, { message: 'a weight 1-100' }).max(100, { message: 'a weight 1-100' }).default(1),
  deployments: z.array(deploymentSchema).min(1, { message: 'at least one model deployment' }),
});

export const openAiSchema = z.strictObject({
  instances: z.array(openAiInstanceSchema).min(1, { message: 'at least one Azure OpenAI instance' }),
  /** Object id of an Entra group whose members may run fine-tuning (Cognitive Services OpenAI Contributor). */
  fineTuningOperatorsGroupObjectId: uuid.optional(),
  /** Production environments must span two regions unless this says the risk is accepted. */
  acceptSingleRegion: z.boolean().default(false),
});

export type DeploymentConfig = z.infer<typeof deploymentSchema>;
export type OpenAiInstanceConfig = z.infer<typeof openAiInstanceSchema>;
export type OpenAiConfig = z.infer<typeof openAiSchema>;
