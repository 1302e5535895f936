/**
 * The usage workbook: the reference architecture's metric table at a glance. Requests, data in and out, latency,
 * token use by model, subscription and caller, caller IPs, recent prompts and completions, backend health and
 * throttling, for the time range the reader picks.
 */
import { checkableQuery, filterClause, type FilterParameter, type QuerySection, type WorkbookSection, type WorkbookSpec } from './model';

const GATEWAY = 'ApiManagementGatewayLogs';
const LLM = 'ApiManagementGatewayLlmLog';
const APP_METRICS = 'AppMetrics';

/**
 * The client behind Application Gateway: API Management sees the gateway instance as CallerIpAddress, so the
 * client is the last X-Forwarded-For entry (the one Application Gateway appended), without a port, when the API logs that header.
 * Header names are case-insensitive in HTTP and the logged bag keeps the caller's casing, so the name is matched
 * case-insensitively in the serialized headers.
 */
const CLIENT_IP = `| extend ForwardedFor = tostring(extract(@'(?i)"x-forwarded-for"\\s*:\\s*"([^"]*)"', 1, tostring(RequestHeaders)))
| extend ClientIp = iff(isempty(ForwardedFor), CallerIpAddress, trim(@"\\s+", tostring(split(ForwardedFor, ",")[-1])))
| extend ClientIp = iff(ClientIp matches regex @"^\\d{1,3}(\\.\\d{1,3}){3}:\\d+$", tostring(split(ClientIp, ":")[0]), ClientIp)`;

/** The filters above the sections: who called (subscription, product), which deployment, which account. */
const SUBSCRIPTION: FilterParameter = {
  name: 'Subscription',
  label: 'Subscription',
  tables: [GATEWAY],
  query: `ApiManagementGatewayLogs
| where isnotempty(ApimSubscriptionId)
| distinct ApimSubscriptionId
| order by ApimSubscriptionId asc`,
};
const PRODUCT: FilterParameter = {
  name: 'Product',
  label: 'Product (access tier)',
  tables: [GATEWAY],
  query: `ApiManagementGatewayLogs
| where isnotempty(ProductId)
| distinct ProductId
| order by ProductId asc`,
};
const DEPLOYMENT: FilterParameter = {
  name: 'Deployment',
  label: 'Model deployment',
  tables: [LLM],
  query: `ApiManagementGatewayLlmLog
| where isnotempty(DeploymentName)
| distinct DeploymentName
| order by DeploymentName asc`,
};
const BACKEND: FilterParameter = {
  name: 'Backend',
  label: 'Azure OpenAI account',
  tables: [GATEWAY],
  query: `ApiManagementGatewayLogs
| where isnotempty(BackendUrl)
| extend BackendHost = tostring(parse_url(BackendUrl).Host)
| distinct BackendHost
| order by BackendHost asc`,
};

/** Indents the lines after the first of a clause that continues a `let` statement's pipeline. */
const continued = (clause: string): string => clause.replace(/\n/g, '\n    ');

/** Gateway log rows of the selected subscriptions and products. */
const BY_CALLER = `${filterClause(SUBSCRIPTION, 'ApimSubscriptionId')}
${filterClause(PRODUCT, 'ProductId')}`;

/** LLM log rows of the selected deployments, for requests of the selected subscriptions and products. */
const BY_CALLER_AND_DEPLOYMENT = `${filterClause(DEPLOYMENT, 'DeploymentName')}
| where CorrelationId in (scoped)`;

/** Requests of the selected subscriptions and products, for sections that read the LLM log. */
const SCOPED = `let scoped = ApiManagementGatewayLogs
    ${continued(BY_CALLER)}
    | distinct CorrelationId;`;

const BY_BACKEND = filterClause(BACKEND, 'tostring(parse_url(BackendUrl).Host)');

/**
 * Azure OpenAI's own platform metrics, exported to AzureMetrics by the accounts' diagnostic settings. Only metrics
 * marked "DS Export: Yes" arrive there (https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-cognitiveservices-accounts-metrics):
 * time to response and processed tokens do; provisioned-managed utilization does not, so it is read in the
 * accounts' Metrics blade, not here.
 */
export const EXPORTED_OPENAI_METRICS = ['AzureOpenAITimeToResponse', 'TokenTransaction'] as const;
const OPENAI_METRICS = `AzureMetrics
| where ResourceProvider == "MICROSOFT.COGNITIVESERVICES"`;

const sections: readonly WorkbookSection[] = [
  {
    kind: 'text',
    name: 'heading',
    markdown: [
      '## Azure OpenAI gateway usage',
      'Requests, tokens, callers and backend health as API Management and Application Gateway logged them.',
      'Token counts come from the LLM log (streamed calls included); callers and subscriptions from the gateway log.',
      'Subscription and product filter every gateway section; deployment filters the sections that read the LLM log; account filters the backend sections. The edge and Azure OpenAI platform sections are unfiltered.',
    ].join('\n\n'),
  },
  {
    kind: 'query',
    name: 'overview',
    title: 'At a glance',
    tables: [GATEWAY, LLM],
    visualization: 'table',
    query: `${SCOPED}
let tokens = ApiManagementGatewayLlmLog
    ${continued(BY_CALLER_AND_DEPLOYMENT)}
    | summarize arg_max(TotalTokens, *) by CorrelationId
    | summarize PromptTokens = sum(PromptTokens), CompletionTokens = sum(CompletionTokens), TotalTokens = sum(TotalTokens);
ApiManagementGatewayLogs
${BY_CALLER}
| summarize
    Requests = count(),
    Throttled = countif(ResponseCode == 429),
    ServerErrors = countif(ResponseCode >= 500),
    RequestBytes = sum(RequestSize),
    ResponseBytes = sum(ResponseSize),
    P50TotalMs = percentile(TotalTime, 50),
    P95TotalMs = percentile(TotalTime, 95),
    P95BackendMs = percentile(BackendTime, 95),
    Subscriptions = dcount(ApimSubscriptionId)
| extend Key = 1
| join kind=leftouter (tokens | extend Key = 1) on Key
| project Requests, Throttled, ServerErrors, RequestBytes, ResponseBytes, P50TotalMs, P95TotalMs, P95BackendMs, Subscriptions,
    PromptTokens, CompletionTokens, TotalTokens`,
  },
  {
    kind: 'query',
    name: 'requests-over-time',
    title: 'Requests by outcome',
    tables: [GATEWAY],
    visualization: 'timechart',
    widthPercent: 50,
    query: `ApiManagementGatewayLogs
${BY_CALLER}
| extend Outcome = case(
    ResponseCode == 429, "429 throttled",
    ResponseCode >= 500, "5xx",
    ResponseCode >= 400, "4xx",
    ResponseCode >= 200, "2xx-3xx",
    "no response")
| summarize Requests = count() by bin(TimeGenerated, {TimeRange:grain}), Outcome
| order by TimeGenerated asc`,
  },
  {
    kind: 'query',
    name: 'latency-over-time',
    title: 'Latency: total vs backend (ms)',
    tables: [GATEWAY],
    visualization: 'timechart',
    widthPercent: 50,
    query: `ApiManagementGatewayLogs
${BY_CALLER}
| summarize
    P50Total = percentile(TotalTime, 50),
    P95Total = percentile(TotalTime, 95),
    P50Backend = percentile(BackendTime, 50),
    P95Backend = percentile(BackendTime, 95)
    by bin(TimeGenerated, {TimeRange:grain})
| order by TimeGenerated asc`,
  },
  {
    kind: 'query',
    name: 'tokens-by-model',
    title: 'Token use by model and deployment',
    tables: [GATEWAY, LLM],
    visualization: 'table',
    widthPercent: 50,
    query: `${SCOPED}
ApiManagementGatewayLlmLog
${BY_CALLER_AND_DEPLOYMENT}
| summarize arg_max(TotalTokens, *) by CorrelationId
| summarize
    Requests = count(),
    Streamed = countif(IsStreamCompletion),
    PromptTokens = sum(PromptTokens),
    CompletionTokens = sum(CompletionTokens),
    TotalTokens = sum(TotalTokens)
    by ModelName, DeploymentName
| order by TotalTokens desc, ModelName asc, DeploymentName asc`,
  },
  {
    kind: 'query',
    name: 'tokens-over-time',
    title: 'Tokens per model over time',
    tables: [GATEWAY, LLM],
    visualization: 'timechart',
    widthPercent: 50,
    query: `${SCOPED}
ApiManagementGatewayLlmLog
${BY_CALLER_AND_DEPLOYMENT}
| summarize arg_max(TotalTokens, *) by CorrelationId
| summarize TotalTokens = sum(TotalTokens) by bin(TimeGenerated, {TimeRange:grain}), ModelName
| order by TimeGenerated asc`,
  },
  {
    kind: 'query',
    name: 'token-metric-by-subscription',
    title: 'Token metric by subscription (Application Insights)',
    tables: [APP_METRICS],
    visualization: 'timechart',
    widthPercent: 50,
    // The gateway's token metric (azure-openai-emit-token-metric), pre-aggregated per minute by Application
    // Insights: it keeps counting when the LLM log is sampled, delayed or switched off, so the two can be compared.
    query: `AppMetrics
| where Name == "Total Tokens"
| extend Subscription = tostring(Properties["Subscription ID"])
${filterClause(SUBSCRIPTION, 'Subscription')}
| summarize TotalTokens = sum(Sum) by bin(TimeGenerated, {TimeRange:grain}), Subscription
| order by TimeGenerated asc`,
  },
  {
    kind: 'query',
    name: 'tokens-by-subscription',
    title: 'Token use by subscription and product',
    tables: [GATEWAY, LLM],
    visualization: 'table',
    query: `let callers = ApiManagementGatewayLogs
    ${continued(BY_CALLER)}
    | summarize arg_max(TimeGenerated, ApimSubscriptionId, ProductId) by CorrelationId;
ApiManagementGatewayLlmLog
${filterClause(DEPLOYMENT, 'DeploymentName')}
| summarize arg_max(TotalTokens, *) by CorrelationId
| join kind=inner callers on CorrelationId
| extend ApimSubscriptionId = iff(isempty(ApimSubscriptionId), "(none)", ApimSubscriptionId), ProductId = iff(isempty(ProductId), "(none)", ProductId)
| summarize
    Requests = count(),
    PromptTokens = sum(PromptTokens),
    CompletionTokens = sum(CompletionTokens),
    TotalTokens = sum(TotalTokens)
    by ApimSubscriptionId, ProductId, ModelName
| order by TotalTokens desc, ApimSubscriptionId asc, ModelName asc`,
  },
  {
    kind: 'query',
    name: 'tokens-by-caller-ip',
    title: 'Token use by caller IP and model',
    tables: [GATEWAY, LLM],
    visualization: 'table',
    widthPercent: 50,
    query: `let callers = ApiManagementGatewayLogs
${BY_CALLER}
${CLIENT_IP}
    | summarize arg_max(TimeGenerated, ClientIp) by CorrelationId;
ApiManagementGatewayLlmLog
${filterClause(DEPLOYMENT, 'DeploymentName')}
| summarize arg_max(TotalTokens, *) by CorrelationId
| join kind=inner callers on CorrelationId
| summarize
    Requests = count(),
    PromptTokens = sum(PromptTokens),
    CompletionTokens = sum(CompletionTokens),
    TotalTokens = sum(TotalTokens)
    by ClientIp, ModelName
| order by TotalTokens desc, ClientIp asc, ModelName asc`,
  },
  {
    kind: 'query',
    name: 'top-caller-ips',
    title: 'Top caller IPs',
    tables: [GATEWAY],
    visualization: 'table',
    widthPercent: 50,
    query: `ApiManagementGatewayLogs
${BY_CALLER}
${CLIENT_IP}
| summarize
    Requests = count(),
    Throttled = countif(ResponseCode == 429),
    Refused = countif(ResponseCode in (401, 403)),
    ServerErrors = countif(ResponseCode >= 500),
    RequestBytes = sum(RequestSize),
    ResponseBytes = sum(ResponseSize),
    Subscriptions = dcount(ApimSubscriptionId)
    by ClientIp
| top 25 by Requests desc`,
  },
  {
    kind: 'query',
    name: 'recent-prompts',
    title: 'Recent prompts and completions',
    tables: [GATEWAY, LLM],
    visualization: 'table',
    query: `${SCOPED}
let recent = ApiManagementGatewayLlmLog
    ${continued(BY_CALLER_AND_DEPLOYMENT)}
    | summarize arg_max(TotalTokens, *) by CorrelationId
    | top 50 by TimeGenerated desc
    | project TimeGenerated, CorrelationId, ModelName, DeploymentName, IsStreamCompletion, PromptTokens, CompletionTokens;
ApiManagementGatewayLlmLog
| where CorrelationId in ((recent | project CorrelationId))
| order by CorrelationId asc, SequenceNumber asc
| summarize Prompt = strcat_array(make_list(tostring(RequestMessages)), ""), Completion = strcat_array(make_list(tostring(ResponseMessages)), "") by CorrelationId
| join kind=inner recent on CorrelationId
| project TimeGenerated, ModelName, DeploymentName, IsStreamCompletion, PromptTokens, CompletionTokens, Prompt, Completion, CorrelationId
| order by TimeGenerated desc`,
  },
  {
    kind: 'query',
    name: 'backend-health',
    title: 'Backends: calls, throttling, errors, latency',
    tables: [GATEWAY],
    visualization: 'table',
    widthPercent: 50,
    // Per Azure OpenAI account: the host of BackendUrl, since BackendId names the pool for pooled requests.
    query: `ApiManagementGatewayLogs
| where isnotempty(BackendUrl)
${BY_CALLER}
${BY_BACKEND}
| extend BackendHost = tostring(parse_url(BackendUrl).Host)
| summarize
    Calls = count(),
    Backend429 = countif(BackendResponseCode == 429),
    Backend5xx = countif(BackendResponseCode >= 500),
    NoResponse = countif(isnull(BackendResponseCode) or BackendResponseCode == 0),
    P95BackendMs = percentile(BackendTime, 95),
    LastError = take_anyif(LastErrorReason, isnotempty(LastErrorReason))
    by BackendHost
| extend ThrottledPercent = round(100.0 * Backend429 / Calls, 2), ErrorPercent = round(100.0 * Backend5xx / Calls, 2)
| order by Calls desc, BackendHost asc`,
  },
  {
    kind: 'query',
    name: 'throttling-over-time',
    title: 'Throttling: answered to callers vs received from backends',
    tables: [GATEWAY],
    visualization: 'timechart',
    widthPercent: 50,
    query: `ApiManagementGatewayLogs
${BY_CALLER}
| summarize
    AnsweredToCallers = countif(ResponseCode == 429),
    ReceivedFromBackends = countif(BackendResponseCode == 429),
    NoBackendAvailable = countif(ResponseCode == 503 and (isnull(BackendResponseCode) or BackendResponseCode == 0))
    by bin(TimeGenerated, {TimeRange:grain})
| order by TimeGenerated asc`,
  },
  {
    kind: 'query',
    name: 'edge-backend-health',
    title: 'Application Gateway: healthy and unhealthy API Management hosts',
    tables: ['AzureMetrics'],
    visualization: 'timechart',
    widthPercent: 50,
    query: `AzureMetrics
| where ResourceProvider == "MICROSOFT.NETWORK" and MetricName in ("HealthyHostCount", "UnhealthyHostCount")
| summarize Hosts = max(Maximum) by bin(TimeGenerated, {TimeRange:grain}), MetricName
| order by TimeGenerated asc`,
  },
  {
    kind: 'query',
    name: 'waf-actions',
    title: 'Web application firewall: blocked and matched requests',
    tables: ['AGWFirewallLogs'],
    visualization: 'timechart',
    widthPercent: 50,
    query: `AGWFirewallLogs
| summarize Requests = count() by bin(TimeGenerated, {TimeRange:grain}), Action
| order by TimeGenerated asc`,
  },
  {
    kind: 'query',
    name: 'openai-time-to-response',
    title: 'Azure OpenAI: time to response (ms), per account',
    tables: ['AzureMetrics'],
    visualization: 'timechart',
    widthPercent: 50,
    // Time to the first byte of the answer as each account measured it (AzureOpenAITimeToResponse), next to the
    // gateway's own latency: the exported one-minute averages, weighted by their sample counts.
    query: `${OPENAI_METRICS}
| where MetricName == "AzureOpenAITimeToResponse"
| summarize TimeToResponseMs = sum(Average * Count) / sum(Count) by bin(TimeGenerated, {TimeRange:grain}), Resource
| order by TimeGenerated asc`,
  },
  {
    kind: 'query',
    name: 'openai-token-transactions',
    title: 'Azure OpenAI: processed tokens, per account',
    tables: ['AzureMetrics'],
    visualization: 'timechart',
    widthPercent: 50,
    // Every token the accounts processed (TokenTransaction), including calls that did not pass the gateway.
    query: `${OPENAI_METRICS}
| where MetricName == "TokenTransaction"
| summarize Tokens = sum(Total) by bin(TimeGenerated, {TimeRange:grain}), Resource
| order by TimeGenerated asc`,
  },
];

const DAY = 1440;

export const USAGE_WORKBOOK: WorkbookSpec = {
  id: 'usage',
  timeRange: { defaultMinutes: DAY, choicesMinutes: [60, 240, 720, DAY, 2 * DAY, 7 * DAY, 30 * DAY] },
  filters: [SUBSCRIPTION, PRODUCT, DEPLOYMENT, BACKEND],
  sections,
};

/**
 * The usage workbook of an environment: with a price table, a section of estimated cost per subscription,
 * product, client IP and model follows the token sections. It runs the saved cost query (at most 30 days, within
 * the picked range) and filters its rows by the subscription and product filters.
 */
export function usageWorkbook(options: { readonly costQuery?: string | undefined } = {}): WorkbookSpec {
  if (options.costQuery === undefined) {
    return USAGE_WORKBOOK;
  }
  const cost: QuerySection = {
    kind: 'query',
    name: 'estimated-cost',
    title: 'Estimated cost by subscription, product, client IP and model (list prices; an estimate, not a bill)',
    tables: [GATEWAY, LLM],
    visualization: 'table',
    query: `${options.costQuery.trimEnd()}
${BY_CALLER}`,
  };
  const at = sections.findIndex((section) => section.name === 'tokens-by-caller-ip') + 1;
  return { ...USAGE_WORKBOOK, sections: [...sections.slice(0, at), cost, ...sections.slice(at)] };
}

export interface WorkbookQuery {
  readonly name: string;
  readonly title: string;
  /** The text the workbook runs, with parameter references. */
  readonly query: string;
  /** The text with parameter references replaced by sample literals, for the offline checker. */
  readonly checkable: string;
  readonly tables: readonly string[];
}

/** Every query of a workbook, for the offline check. */
export function workbookQueries(spec: WorkbookSpec = USAGE_WORKBOOK): WorkbookQuery[] {
  return spec.sections
    .filter((section): section is QuerySection => section.kind === 'query')
    .map((section) => ({
      name: section.name,
      title: section.title,
      query: section.query,
      checkable: checkableQuery(section.query, spec.filters),
      tables: section.tables,
    }));
}

/** The value query of each filter, for the offline check. */
export function workbookFilterQueries(spec: WorkbookSpec = USAGE_WORKBOOK): WorkbookQuery[] {
  return (spec.filters ?? []).map((filter) => ({
    name: `filter ${filter.name}`,
    title: filter.label,
    query: filter.query,
    checkable: filter.query,
    tables: filter.tables,
  }));
}
