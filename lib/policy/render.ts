/**
 * Renders the API Management policies of the gateway from typed values.
 *
 * - `renderOpenAiApiPolicy`: the API-level policy of the Azure OpenAI API (policies/apim/openai-api.xml).
 * - `renderTierPolicy`: the product-level policy of one access tier (policies/apim/product-tier.xml).
 *
 * Values are validated here (one message per problem, naming the template, the field, the value and the fix), then
 * rendered, then the rendered document is checked: well-formed, no template syntax left, every `{{named value}}` and
 * backend id known, no secret-looking literal, and only policies, attributes and sections that API Management's
 * policy reference defines (lib/policy/vocabulary.ts). Output is deterministic for the same input.
 */
import { join } from 'node:path';

import { RETRY_COUNT_RANGE } from '../backend-pool';
import { WORKLOAD_SUBSCRIPTION_PREFIX } from '../naming';
import { projectPath } from '../paths';
import { checkRenderedPolicy, listBackendIds, listNamedValueReferences } from './checks';
import { LIST_DEPLOYMENTS_OPERATION_ID } from './openai-api';
import { PolicyRenderError, renderTemplateFile, type TemplateRecord, type TemplateScope } from './template';

export { listBackendIds, listNamedValueReferences, PolicyRenderError };

export const OPENAI_API_POLICY_TEMPLATE = 'openai-api.xml';
export const TIER_POLICY_TEMPLATE = 'product-tier.xml';

/** Directory of the policy templates in this repository. */
export const DEFAULT_TEMPLATE_DIR = projectPath('policies', 'apim');

/**
 * Dimensions the token metric policy can add. Azure Monitor allows ten dimension keys per custom metric and API
 * Management uses five of them itself, so a policy may configure at most five
 * (https://learn.microsoft.com/azure/api-management/llm-emit-token-metric-policy, "Limits for custom metrics").
 */
export type TokenMetricDimension = 'apiId' | 'subscriptionId' | 'productId' | 'clientIp' | 'deployment' | 'backendId';

export const MAX_TOKEN_METRIC_DIMENSIONS = 5;

/**
 * Chargeback per subscription and product, traffic per caller, per deployment and per backend account. The API id
 * is left out: this gateway serves one API, so it would add a key without adding information. Active time series
 * are the product of each dimension's distinct values; product follows from subscription and the deployment and
 * backend counts are small, so the caller IPs per subscription set the volume.
 */
export const DEFAULT_TOKEN_METRIC_DIMENSIONS: readonly TokenMetricDimension[] = [
  'subscriptionId',
  'productId',
  'clientIp',
  'deployment',
  'backendId',
];

/**
 * Azure OpenAI response headers the gateway removes: per-account rate-limit counters would mislead callers of a
 * pooled gateway (the tier's own counters are returned instead), and the rest describe internals.
 */
export const DEFAULT_REMOVED_RESPONSE_HEADERS: readonly string[] = [
  'azureml-model-session',
  'x-aspnet-version',
  'x-powered-by',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-remaining-tokens',
];

/** Headers the API policy sets itself; removing them would undo the policy. */
const GATEWAY_RESPONSE_HEADERS: readonly string[] = ['content-type', 'retry-after', 'x-gateway-region', 'x-gateway-request-id'];

/**
 * Quota periods the token limit policy accepts (`token-quota-period`); the configuration schema offers the same list.
 * https://learn.microsoft.com/azure/api-management/azure-openai-token-limit-policy
 */
export const TOKEN_QUOTA_PERIODS = ['Hourly', 'Daily', 'Weekly', 'Monthly', 'Yearly'] as const;
export type TokenQuotaPeriod = (typeof TOKEN_QUOTA_PERIODS)[number];

/**
 * The policy that limits tokens in the tier policies; `context.LastError.Source` names it on the 403 it raises when a
 * quota is used up, which tells that 403 apart from the missing-role one.
 */
export const TOKEN_LIMIT_POLICY = 'azure-openai-token-limit';

/** Response headers the token limit policy sets; the gateway's request log keeps them. */
export const TOKEN_LIMIT_HEADERS = {
  remainingTokens: 'x-gateway-remaining-tokens',
  remainingQuotaTokens: 'x-gateway-remaining-quota-tokens',
  tokensConsumed: 'x-gateway-tokens-consumed',
} as const;

/**
 * The caller's identity as the API policy records it on every request whose token is valid: a `trace` at severity
 * `information`, which the `azuremonitor` diagnostic (verbosity `information`) adds to the request's row in
 * ApiManagementGatewayLogs (`TraceRecords`). The message is `<label>=<value>` pairs, so queries read it with one
 * regular expression whatever shape the column gives the trace (https://learn.microsoft.com/azure/api-management/trace-policy).
 * `oid` is the caller's object id; `azp` the client application it signed in with (v2 tokens carry `azp`).
 */
export const CALLER_TRACE = {
  source: 'aoai-gateway-caller',
  objectIdLabel: 'caller-oid',
  applicationIdLabel: 'caller-azp',
} as const;

/** How the gateway validates the caller's Microsoft Entra access token. */
export interface EntraTokenValidation {
  /** Tenant id (GUID), verified domain (e.g. `contoso.onmicrosoft.com`), or a `{{named value}}` reference. */
  readonly tenantId: string;
  /**
   * Accepted `aud` values: the gateway app registration's client id and/or application id URI
   * (`api://...`), or `{{named value}}` references. At least one.
   */
  readonly audiences: readonly string[];
  /**
   * Accepted client application ids (GUIDs or `{{named value}}` references).
   * @default none: any client of the tenant holding a token for one of the audiences
   */
  readonly clientApplicationIds?: readonly string[];
}

export interface OpenAiApiPolicyValues {
  readonly entra: EntraTokenValidation;
  /** Backend id of the load-balanced pool of Azure OpenAI backends. */
  readonly backendPoolId: string;
  /**
   * Client id of the user-assigned identity that calls Azure OpenAI.
   * @default the API Management instance's system-assigned identity
   */
  readonly managedIdentityClientId?: string;
  /** Retries after the first attempt; pool size minus one tries every member once. 1 to 50. */
  readonly retryCount: number;
  /** Seconds between retries after the first (immediate) retry. 0 to 300. */
  readonly retryIntervalSeconds: number;
  /**
   * Seconds to wait for the backend's response headers. Streamed completions send headers at once; long
   * non-streamed completions need the full time. 1 to 240: longer idle connections may be dropped by the network.
   * @default 240
   */
  readonly backendTimeoutSeconds?: number;
  /**
   * Retry-After seconds sent with a 503 (or a tier 429) when no Retry-After header is present. 1 to 3600.
   * @default 10
   */
  readonly retryAfterSeconds?: number;
  /** Namespace of the token metrics in Application Insights. @default 'aoai-gateway' */
  readonly metricNamespace?: string;
  /** Token metric dimensions, at most five. @default DEFAULT_TOKEN_METRIC_DIMENSIONS */
  readonly metricDimensions?: readonly TokenMetricDimension[];
  /** Backend response headers to remove. @default DEFAULT_REMOVED_RESPONSE_HEADERS */
  readonly removedResponseHeaders?: readonly string[];
}

/** The Entra claim a tier requires: an app role value or a group object id. */
export interface TierClaimRequirement {
  readonly name: 'roles' | 'groups';
  /** Any one of these values grants the tier. */
  readonly values: readonly string[];
}

export interface TierTokenQuota {
  readonly tokens: number;
  readonly period: TokenQuotaPeriod;
}

export interface TierPolicyValues {
  /** Name of the tier, used in error messages. */
  readonly tierName: string;
  readonly entra: EntraTokenValidation;
  readonly requiredClaim: TierClaimRequirement;
  /** Azure OpenAI deployment names the tier may call; any other deployment is refused with 403. */
  readonly allowedDeployments: readonly string[];
  /** Tokens per minute per subscription (429 when exceeded). At least one of this and `tokenQuota`. */
  readonly tokensPerMinute?: number;
  /** Token quota per subscription and period (403 when used up). At least one of this and `tokensPerMinute`. */
  readonly tokenQuota?: TierTokenQuota;
  /** Estimate prompt tokens before calling the backend, so over-limit prompts are refused early. @default true */
  readonly estimatePromptTokens?: boolean;
  /** Response header with the tokens left this minute. @default 'x-gateway-remaining-tokens' */
  readonly remainingTokensHeaderName?: string;
  /** Response header with the tokens left in the quota period. @default 'x-gateway-remaining-quota-tokens' */
  readonly remainingQuotaTokensHeaderName?: string;
  /** Response header with the tokens the request consumed. @default 'x-gateway-tokens-consumed' */
  readonly tokensConsumedHeaderName?: string;
}

export interface PolicyRenderContext {
  /** Named values defined in the API Management instance. */
  readonly namedValues: Iterable<string>;
  /** Backend ids (single backends and pools) defined in the API Management instance. */
  readonly backendIds: Iterable<string>;
  /** @default DEFAULT_TEMPLATE_DIR */
  readonly templateDir?: string;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const NAMED_VALUE_REFERENCE = /^\{\{[A-Za-z0-9._-]+\}\}$/;
const DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const APP_ID_URI = /^(?:api|https):\/\/[^\s"'<>&{}]+$/;
const BACKEND_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
const DEPLOYMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/;
const METRIC_NAMESPACE = /^[A-Za-z][A-Za-z0-9._-]{0,99}$/;
const ROLE_VALUE = /^[^\s"'<>&{}]{1,120}$/;

class Validator {
  private readonly problems: string[] = [];

  constructor(private readonly template: string) {}

  check(ok: boolean, problem: string): void {
    if (!ok) {
      this.problems.push(problem);
    }
  }

  integer(field: string, value: number, min: number, max: number): void {
    this.check(Number.isInteger(value) && value >= min && value <= max, `${field} must be an integer from ${min} to ${max}, got ${value}`);
  }

  unique(field: string, values: readonly string[], key: (value: string) => string = (value) => value): void {
    const seen = new Set<string>();
    for (const value of values) {
      this.check(!seen.has(key(value)), `${field} lists "${value}" twice; list each value once`);
      seen.add(key(value));
    }
  }

  /** Throws one error listing every problem found, so a bad configuration is fixed in one pass. */
  done(): void {
    if (this.problems.length === 1) {
      throw new PolicyRenderError(this.template, this.problems[0] as string);
    }
    if (this.problems.length > 1) {
      throw new PolicyRenderError(this.template, `${this.problems.length} problems:\n- ${this.problems.join('\n- ')}`);
    }
  }
}

/**
 * Policies are rendered at synthesis, so a value only known at apply time (a Terraform reference such as an
 * identity's client id) cannot be checked or written literally: it belongs in an API Management named value,
 * which the policy references as {{name}}.
 */
function rejectTerraformReferences(v: Validator, prefix: string, path: string, value: unknown): void {
  if (typeof value === 'string') {
    v.check(
      !value.includes('${'),
      `${prefix}${path} is a Terraform reference ("${value}"); store it in an API Management named value and pass "{{name}}"`,
    );
  } else if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => rejectTerraformReferences(v, prefix, `${path}[${index}]`, item));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      rejectTerraformReferences(v, prefix, path === '' ? key : `${path}.${key}`, member);
    }
  }
}

/** Checks for Terraform references first, so a reference is reported once rather than as a malformed value. */
function assertLiteralValues(template: string, prefix: string, values: object): void {
  const v = new Validator(template);
  rejectTerraformReferences(v, prefix, '', values);
  v.done();
}

function isNamedValue(value: string): boolean {
  return NAMED_VALUE_REFERENCE.test(value);
}

function validateEntra(v: Validator, prefix: string, entra: EntraTokenValidation): void {
  v.check(
    GUID.test(entra.tenantId) || DOMAIN.test(entra.tenantId) || isNamedValue(entra.tenantId),
    `${prefix}entra.tenantId must be a tenant GUID, a verified domain or a {{named value}}, got "${entra.tenantId}"`,
  );
  v.check(
    entra.audiences.length > 0,
    `${prefix}entra.audiences is empty; add the gateway app registration's client id or application id URI`,
  );
  entra.audiences.forEach((audience, index) =>
    v.check(
      GUID.test(audience) || APP_ID_URI.test(audience) || isNamedValue(audience),
      `${prefix}entra.audiences[${index}] must be a client id (GUID), an application id URI (api://...) or a {{named value}}, got "${audience}"`,
    ),
  );
  v.unique(`${prefix}entra.audiences`, entra.audiences);
  const clients = entra.clientApplicationIds ?? [];
  clients.forEach((client, index) =>
    v.check(
      GUID.test(client) || isNamedValue(client),
      `${prefix}entra.clientApplicationIds[${index}] must be a GUID or a {{named value}}, got "${client}"`,
    ),
  );
  v.unique(`${prefix}entra.clientApplicationIds`, clients);
}

function valueRecords(values: readonly string[]): TemplateRecord[] {
  return values.map((value) => ({ value }));
}

function resolveContext(context: PolicyRenderContext): { templateDir: string; namedValues: Set<string>; backendIds: Set<string> } {
  return {
    templateDir: context.templateDir ?? DEFAULT_TEMPLATE_DIR,
    namedValues: new Set(context.namedValues),
    backendIds: new Set(context.backendIds),
  };
}

function render(template: string, scope: TemplateScope, context: PolicyRenderContext): string {
  const resolved = resolveContext(context);
  const xml = renderTemplateFile(join(resolved.templateDir, template), scope);
  checkRenderedPolicy(template, xml, resolved);
  return xml;
}

/** Renders the API-level policy of the Azure OpenAI API. */
export function renderOpenAiApiPolicy(values: OpenAiApiPolicyValues, context: PolicyRenderContext): string {
  const template = OPENAI_API_POLICY_TEMPLATE;
  const backendTimeoutSeconds = values.backendTimeoutSeconds ?? 240;
  const retryAfterSeconds = values.retryAfterSeconds ?? 10;
  const metricNamespace = values.metricNamespace ?? 'aoai-gateway';
  const dimensions = values.metricDimensions ?? DEFAULT_TOKEN_METRIC_DIMENSIONS;
  const removedHeaders = values.removedResponseHeaders ?? DEFAULT_REMOVED_RESPONSE_HEADERS;

  assertLiteralValues(template, '', values);
  const v = new Validator(template);
  validateEntra(v, '', values.entra);
  v.check(
    BACKEND_ID.test(values.backendPoolId),
    `backendPoolId must be an API Management backend id (letters, digits, '.', '_', '-'), got "${values.backendPoolId}"`,
  );
  if (values.managedIdentityClientId !== undefined) {
    v.check(
      GUID.test(values.managedIdentityClientId),
      `managedIdentityClientId must be the client id (GUID) of a user-assigned identity, got "${values.managedIdentityClientId}"`,
    );
  }
  v.integer('retryCount', values.retryCount, RETRY_COUNT_RANGE.min, RETRY_COUNT_RANGE.max);
  v.integer('retryIntervalSeconds', values.retryIntervalSeconds, 0, 300);
  v.integer('backendTimeoutSeconds', backendTimeoutSeconds, 1, 240);
  v.integer('retryAfterSeconds', retryAfterSeconds, 1, 3600);
  v.check(
    METRIC_NAMESPACE.test(metricNamespace),
    `metricNamespace must start with a letter and use letters, digits, '.', '_' or '-', got "${metricNamespace}"`,
  );
  v.check(dimensions.length > 0, 'metricDimensions is empty; keep at least subscriptionId for chargeback');
  v.check(
    dimensions.length <= MAX_TOKEN_METRIC_DIMENSIONS,
    `metricDimensions has ${dimensions.length} entries (${dimensions.join(', ')}); the token metric policy allows at most ${MAX_TOKEN_METRIC_DIMENSIONS}, remove ${dimensions.length - MAX_TOKEN_METRIC_DIMENSIONS}`,
  );
  v.unique('metricDimensions', dimensions);
  removedHeaders.forEach((header, index) => {
    v.check(HEADER_NAME.test(header), `removedResponseHeaders[${index}] is not a header name, got "${header}"`);
    v.check(
      !GATEWAY_RESPONSE_HEADERS.includes(header.toLowerCase()),
      `removedResponseHeaders[${index}] "${header}" is set by the gateway itself; remove it from the list`,
    );
  });
  v.unique('removedResponseHeaders', removedHeaders, (header) => header.toLowerCase());
  v.done();

  const scope: TemplateScope = {
    tenantId: values.entra.tenantId,
    audiences: valueRecords(values.entra.audiences),
    clientApplicationIds: valueRecords(values.entra.clientApplicationIds ?? []),
    workloadSubscriptionPrefix: WORKLOAD_SUBSCRIPTION_PREFIX,
    callerTraceSource: CALLER_TRACE.source,
    callerObjectIdLabel: CALLER_TRACE.objectIdLabel,
    callerApplicationIdLabel: CALLER_TRACE.applicationIdLabel,
    managedIdentityClientId: values.managedIdentityClientId ?? null,
    backendPoolId: values.backendPoolId,
    metricNamespace,
    dimensionApiId: dimensions.includes('apiId'),
    dimensionSubscriptionId: dimensions.includes('subscriptionId'),
    dimensionProductId: dimensions.includes('productId'),
    dimensionClientIp: dimensions.includes('clientIp'),
    dimensionDeployment: dimensions.includes('deployment'),
    dimensionBackendId: dimensions.includes('backendId'),
    retryCount: values.retryCount,
    retryIntervalSeconds: values.retryIntervalSeconds,
    backendTimeoutSeconds,
    retryAfterSeconds,
    removedResponseHeaders: removedHeaders.map((name) => ({ name })),
  };
  return render(template, scope, context);
}

/** Renders the product-level policy of one access tier. */
export function renderTierPolicy(values: TierPolicyValues, context: PolicyRenderContext): string {
  const template = TIER_POLICY_TEMPLATE;
  const tier = `tier "${values.tierName}": `;
  const estimatePromptTokens = values.estimatePromptTokens ?? true;
  const remainingTokensHeaderName = values.remainingTokensHeaderName ?? TOKEN_LIMIT_HEADERS.remainingTokens;
  const remainingQuotaTokensHeaderName = values.remainingQuotaTokensHeaderName ?? TOKEN_LIMIT_HEADERS.remainingQuotaTokens;
  const tokensConsumedHeaderName = values.tokensConsumedHeaderName ?? TOKEN_LIMIT_HEADERS.tokensConsumed;

  assertLiteralValues(template, tier, values);
  const v = new Validator(template);
  v.check(values.tierName.trim().length > 0, 'tierName is empty; name the tier');
  validateEntra(v, tier, values.entra);
  const claim = values.requiredClaim;
  v.check(
    claim.values.length > 0,
    `${tier}requiredClaim.values is empty; list the app role values or group object ids that grant the tier`,
  );
  claim.values.forEach((value, index) =>
    v.check(
      claim.name === 'groups' ? GUID.test(value) || isNamedValue(value) : ROLE_VALUE.test(value),
      claim.name === 'groups'
        ? `${tier}requiredClaim.values[${index}] must be a group object id (GUID) or a {{named value}}, got "${value}"`
        : `${tier}requiredClaim.values[${index}] must be an app role value without spaces or quotes, got "${value}"`,
    ),
  );
  v.unique(`${tier}requiredClaim.values`, claim.values);
  v.check(values.allowedDeployments.length > 0, `${tier}allowedDeployments is empty; list the deployments the tier may call`);
  values.allowedDeployments.forEach((deployment, index) =>
    v.check(
      DEPLOYMENT_NAME.test(deployment),
      `${tier}allowedDeployments[${index}] must be an Azure OpenAI deployment name (letters, digits, '.', '_', '-', up to 64), got "${deployment}"`,
    ),
  );
  v.unique(`${tier}allowedDeployments`, values.allowedDeployments, (deployment) => deployment.toLowerCase());
  v.check(
    values.tokensPerMinute !== undefined || values.tokenQuota !== undefined,
    `${tier}set tokensPerMinute, tokenQuota or both; a tier without a token limit is not allowed`,
  );
  if (values.tokensPerMinute !== undefined) {
    v.integer(`${tier}tokensPerMinute`, values.tokensPerMinute, 1, Number.MAX_SAFE_INTEGER);
  }
  if (values.tokenQuota !== undefined) {
    v.integer(`${tier}tokenQuota.tokens`, values.tokenQuota.tokens, 1, Number.MAX_SAFE_INTEGER);
    v.check(
      (TOKEN_QUOTA_PERIODS as readonly string[]).includes(values.tokenQuota.period),
      `${tier}tokenQuota.period must be one of ${TOKEN_QUOTA_PERIODS.join(', ')}, got "${values.tokenQuota.period}"`,
    );
  }
  const headers: ReadonlyArray<readonly [string, string]> = [
    ['remainingTokensHeaderName', remainingTokensHeaderName],
    ['remainingQuotaTokensHeaderName', remainingQuotaTokensHeaderName],
    ['tokensConsumedHeaderName', tokensConsumedHeaderName],
  ];
  for (const [field, header] of headers) {
    v.check(HEADER_NAME.test(header), `${tier}${field} is not a header name, got "${header}"`);
    v.check(
      !DEFAULT_REMOVED_RESPONSE_HEADERS.includes(header.toLowerCase()) && !GATEWAY_RESPONSE_HEADERS.includes(header.toLowerCase()),
      `${tier}${field} "${header}" collides with a header the API policy sets or removes; use an x-gateway-... name`,
    );
  }
  v.done();

  const scope: TemplateScope = {
    tenantId: values.entra.tenantId,
    audiences: valueRecords(values.entra.audiences),
    clientApplicationIds: valueRecords(values.entra.clientApplicationIds ?? []),
    claimName: claim.name,
    claimValues: valueRecords(claim.values),
    allowedDeployments: `,${values.allowedDeployments.map((deployment) => deployment.toLowerCase()).join(',')},`,
    tokensPerMinute: values.tokensPerMinute ?? null,
    tokenQuota: values.tokenQuota?.tokens ?? null,
    tokenQuotaPeriod: values.tokenQuota?.period ?? null,
    estimatePromptTokens,
    remainingTokensHeaderName: values.tokensPerMinute !== undefined ? remainingTokensHeaderName : null,
    remainingQuotaTokensHeaderName: values.tokenQuota !== undefined ? remainingQuotaTokensHeaderName : null,
    tokensConsumedHeaderName,
    listDeploymentsOperationId: LIST_DEPLOYMENTS_OPERATION_ID,
  };
  return render(template, scope, context);
}
