/**
 * The saved query library: one `.kql` file per query under `policies/kql/queries/`, described here for the query
 * pack that deploys them. `tables` lists every table a query reads; the tests check each query against exactly
 * those table schemas, so this list cannot drift from the query text.
 */
import { readFileSync } from 'node:fs';

import { stableGuid } from '../../lib/kql/guid';
import type { TableName } from '../../lib/kql/schemas';
import { projectPath } from '../../lib/paths';

/** How the library groups queries for administrators. */
export type QueryCategory = 'usage' | 'chargeback' | 'audit' | 'performance' | 'reliability' | 'security';

/**
 * Categories a query pack query accepts (azurerm_log_analytics_query_pack_query `categories`,
 * https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/log_analytics_query_pack_query).
 */
export type QueryPackCategory =
  | 'applications'
  | 'audit'
  | 'container'
  | 'databases'
  | 'desktopanalytics'
  | 'management'
  | 'monitor'
  | 'network'
  | 'resources'
  | 'security'
  | 'virtualmachines'
  | 'windowsvirtualdesktop'
  | 'workloads';

/** Resource types of the project a query pack query can be related to (same resource's `resource_types`). */
export type QueryResourceType =
  'microsoft.apimanagement/service' | 'microsoft.cognitiveservices/accounts' | 'microsoft.network/applicationgateways';

export interface SavedQuery {
  /** Stable identifier; also the file name without `.kql`. Renaming it replaces the deployed query. */
  readonly id: string;
  /** Unique within the query pack. */
  readonly displayName: string;
  /** The question the query answers. */
  readonly description: string;
  readonly category: QueryCategory;
  readonly packCategories: readonly QueryPackCategory[];
  readonly resourceTypes: readonly QueryResourceType[];
  /** File name under policies/kql/queries/. */
  readonly file: string;
  /** Every table the query reads. */
  readonly tables: readonly TableName[];
}

const APIM: QueryResourceType = 'microsoft.apimanagement/service';
const APPGW: QueryResourceType = 'microsoft.network/applicationgateways';
const OPENAI: QueryResourceType = 'microsoft.cognitiveservices/accounts';
const GATEWAY_AND_LLM: readonly TableName[] = ['ApiManagementGatewayLlmLog', 'ApiManagementGatewayLogs'];

export const SAVED_QUERIES: readonly SavedQuery[] = [
  {
    id: 'usage-by-caller-ip-and-model',
    displayName: 'Token use by caller IP and model',
    description: 'How many prompt, completion and total tokens each client IP used, per model, streamed calls included.',
    category: 'usage',
    packCategories: ['applications', 'monitor'],
    resourceTypes: [APIM],
    file: 'usage-by-caller-ip-and-model.kql',
    tables: GATEWAY_AND_LLM,
  },
  {
    id: 'callers-by-subscription',
    displayName: 'Callers of each subscription',
    description:
      "Who used each subscription key (caller object id and client application), with requests, refusals and tokens; a person's subscription with several callers is shared or leaked.",
    category: 'security',
    packCategories: ['security', 'audit'],
    resourceTypes: [APIM],
    file: 'callers-by-subscription.kql',
    tables: GATEWAY_AND_LLM,
  },
  {
    id: 'prompt-detail',
    displayName: 'Prompt detail',
    description: 'What each request asked: the reassembled prompt with its model, prompt tokens, caller and subscription.',
    category: 'audit',
    packCategories: ['audit', 'applications'],
    resourceTypes: [APIM],
    file: 'prompt-detail.kql',
    tables: GATEWAY_AND_LLM,
  },
  {
    id: 'tokens-by-subscription',
    displayName: 'Token use by subscription',
    description: 'Which API Management subscription (consuming application) used how many tokens over the last 30 days.',
    category: 'usage',
    packCategories: ['applications', 'monitor'],
    resourceTypes: [APIM],
    file: 'tokens-by-subscription.kql',
    tables: GATEWAY_AND_LLM,
  },
  {
    id: 'tokens-by-product',
    displayName: 'Chargeback: token use by product and month',
    description: 'How many tokens each product (team or tier) used per month and model, for charging teams back.',
    category: 'chargeback',
    packCategories: ['applications', 'management'],
    resourceTypes: [APIM],
    file: 'tokens-by-product.kql',
    tables: GATEWAY_AND_LLM,
  },
  {
    id: 'tokens-by-deployment',
    displayName: 'Token use by deployment and backend',
    description: 'How many tokens each model deployment consumed, and on which backend account it was served.',
    category: 'usage',
    packCategories: ['applications', 'monitor'],
    resourceTypes: [APIM],
    file: 'tokens-by-deployment.kql',
    tables: GATEWAY_AND_LLM,
  },
  {
    id: 'latency-percentiles-by-operation',
    displayName: 'Latency percentiles by API and operation',
    description: 'How long requests take at the gateway against in the backend (p50/p95/p99), streamed calls apart.',
    category: 'performance',
    packCategories: ['applications', 'monitor'],
    resourceTypes: [APIM],
    file: 'latency-percentiles-by-operation.kql',
    tables: GATEWAY_AND_LLM,
  },
  {
    id: 'backend-throttling-and-errors',
    displayName: '429 and 5xx rates per backend',
    description: 'Which backends throttle or fail, as they answered and as callers saw it, and what the gateway answered itself.',
    category: 'reliability',
    packCategories: ['applications', 'monitor'],
    resourceTypes: [APIM],
    file: 'backend-throttling-and-errors.kql',
    tables: ['ApiManagementGatewayLogs'],
  },
  {
    id: 'prompts-and-completions',
    displayName: 'Prompts and completions',
    description: 'What was asked and answered per request, streamed or not, reassembled from the LLM log.',
    category: 'audit',
    packCategories: ['audit', 'applications'],
    resourceTypes: [APIM],
    file: 'prompts-and-completions.kql',
    tables: ['ApiManagementGatewayLlmLog'],
  },
  {
    id: 'embeddings-operations',
    displayName: 'Embeddings operations',
    description: 'Who calls embeddings on which deployment: volume, failures, throttling, latency and prompt tokens.',
    category: 'usage',
    packCategories: ['applications', 'monitor'],
    resourceTypes: [APIM],
    file: 'embeddings-operations.kql',
    tables: GATEWAY_AND_LLM,
  },
  {
    id: 'deployment-operations',
    displayName: 'Deployment list and get operations',
    description: 'Who lists or reads model deployments through the gateway, how often, and with what result.',
    category: 'usage',
    packCategories: ['applications', 'audit'],
    resourceTypes: [APIM],
    file: 'deployment-operations.kql',
    tables: ['ApiManagementGatewayLogs'],
  },
  {
    id: 'openai-control-plane-changes',
    displayName: 'Azure OpenAI control-plane changes',
    description:
      'Model deployments created, updated or deleted, account and network settings changed, keys listed or regenerated: who, from where, with what result.',
    category: 'audit',
    packCategories: ['audit', 'security'],
    resourceTypes: [OPENAI],
    file: 'openai-control-plane-changes.kql',
    tables: ['AzureActivity'],
  },
  {
    id: 'token-quota-remaining',
    displayName: 'Token quota left per subscription',
    description:
      'Tokens each subscription has left in its quota period, as the token limit last reported them, and the requests the quota refused.',
    category: 'chargeback',
    packCategories: ['applications', 'audit'],
    resourceTypes: [APIM],
    file: 'token-quota-remaining.kql',
    tables: ['ApiManagementGatewayLogs'],
  },
  {
    id: 'top-caller-ips',
    displayName: 'Top caller IPs at API Management',
    description: 'Which client IPs send the most requests, with throttling, failures, bytes and tokens per IP.',
    category: 'security',
    packCategories: ['applications', 'security'],
    resourceTypes: [APIM],
    file: 'top-caller-ips.kql',
    tables: GATEWAY_AND_LLM,
  },
  {
    id: 'edge-top-client-ips',
    displayName: 'Top client IPs at Application Gateway',
    description: 'Which client IPs reach the edge most, including those the firewall stopped before API Management.',
    category: 'security',
    packCategories: ['network', 'security'],
    resourceTypes: [APPGW],
    file: 'edge-top-client-ips.kql',
    tables: ['AGWAccessLogs'],
  },
  {
    id: 'waf-blocks-by-rule',
    displayName: 'Firewall blocks by rule',
    description: 'Which firewall rules block or match requests, from how many clients, with sample URIs.',
    category: 'security',
    packCategories: ['network', 'security'],
    resourceTypes: [APPGW],
    file: 'waf-blocks-by-rule.kql',
    tables: ['AGWFirewallLogs'],
  },
  {
    id: 'openai-account-requests',
    displayName: 'Requests as Azure OpenAI accounts saw them',
    description:
      'Throttling, server errors and latency per Azure OpenAI account, deployment, model version, API version and stream type, from its request and audit logs, including what gateway retries hid.',
    category: 'reliability',
    packCategories: ['applications', 'monitor'],
    resourceTypes: [OPENAI],
    file: 'openai-account-requests.kql',
    tables: ['AzureDiagnostics'],
  },
];

/** Absolute path of a saved query's file. */
export function savedQueryPath(query: SavedQuery): string {
  return projectPath('policies', 'kql', 'queries', query.file);
}

/** The query text, as deployed. */
export function readSavedQuery(query: SavedQuery): string {
  return readFileSync(savedQueryPath(query), 'utf8');
}

/** Namespace of the saved queries' GUIDs; changing it would replace every deployed query. */
const SAVED_QUERY_NAMESPACE = 'dddf2aa9-3358-41da-bf7d-3527a1fc0134';

/** The query pack query's `name`: a GUID derived from the query id, identical on every synth. */
export function savedQueryGuid(query: SavedQuery): string {
  return stableGuid(SAVED_QUERY_NAMESPACE, query.id);
}

/** The saved query with this id, or an error listing the ids. */
export function savedQuery(id: string): SavedQuery {
  const query = SAVED_QUERIES.find((q) => q.id === id);
  if (query === undefined) {
    throw new Error(`no saved query "${id}"; known: ${SAVED_QUERIES.map((q) => q.id).join(', ')}`);
  }
  return query;
}
