import { type ITerraformDependable, type TerraformProvider, type TerraformResourceLifecycle, Token } from 'cdktf';
import { Construct } from 'constructs';

import { TOKEN_LIMIT_HEADERS } from '../../lib/policy/render';
import { AzapiResource, type AzapiRetry } from './resource';

/**
 * ARM API version for API diagnostics. `largeLanguageModel` (LLM message logging) and `metrics` are in this
 * version's DiagnosticContractProperties. Spec: specification/apimanagement/resource-manager/Microsoft.ApiManagement/
 * preview/2024-06-01-preview/definitions.json in https://github.com/Azure/azure-rest-api-specs
 */
export const APIM_DIAGNOSTIC_API_VERSION = '2024-06-01-preview';

/** Diagnostic (and logger) name of the built-in Azure Monitor logger, which API Management creates itself. */
export const AZURE_MONITOR_DIAGNOSTIC = 'azuremonitor';
/** Diagnostic name for the Application Insights logger. */
export const APPLICATION_INSIGHTS_DIAGNOSTIC = 'applicationinsights';

/** BodyDiagnosticSettings.bytes maximum. */
export const MAX_LOGGED_BODY_BYTES = 8192;
/** LLMMessageDiagnosticSettings.maxSizeInBytes maximum; messages above 32 KB are logged in 32 KB chunks. */
export const MAX_LLM_MESSAGE_BYTES = 262144;

// Body types are type aliases (not interfaces) so they are assignable to the generic azapi body type.

export type ApimDataMaskingMode = 'Mask' | 'Hide';

export type ApimDataMaskingEntity = {
  readonly value: string;
  readonly mode: ApimDataMaskingMode;
};

export type ApimHttpMessageDiagnostic = {
  readonly headers?: readonly string[];
  readonly body?: { readonly bytes: number };
  readonly dataMasking?: {
    readonly headers?: readonly ApimDataMaskingEntity[];
    readonly queryParams?: readonly ApimDataMaskingEntity[];
  };
};

export type ApimPipelineDiagnostic = {
  readonly request?: ApimHttpMessageDiagnostic;
  readonly response?: ApimHttpMessageDiagnostic;
};

export type ApimLlmMessageDiagnostic = {
  readonly messages: 'all';
  readonly maxSizeInBytes: number;
};

export type ApimLlmDiagnostic = {
  readonly logs: 'enabled' | 'disabled';
  readonly requests?: ApimLlmMessageDiagnostic;
  readonly responses?: ApimLlmMessageDiagnostic;
};

/** `properties` of Microsoft.ApiManagement/service/apis/diagnostics. */
export type ApimDiagnosticProperties = {
  readonly loggerId: string;
  readonly alwaysLog?: 'allErrors';
  readonly sampling?: { readonly samplingType: 'fixed'; readonly percentage: number };
  readonly frontend?: ApimPipelineDiagnostic;
  readonly backend?: ApimPipelineDiagnostic;
  readonly largeLanguageModel?: ApimLlmDiagnostic;
  readonly logClientIp?: boolean;
  readonly httpCorrelationProtocol?: 'None' | 'Legacy' | 'W3C';
  readonly verbosity?: 'verbose' | 'information' | 'error';
  readonly operationNameFormat?: 'Name' | 'Url';
  /** Emit custom metrics (the token metric policy) to Application Insights; without it they are dropped. */
  readonly metrics?: boolean;
};

export type ApimDiagnosticName = typeof AZURE_MONITOR_DIAGNOSTIC | typeof APPLICATION_INSIGHTS_DIAGNOSTIC;

interface ApimDiagnosticPlacement {
  /** ARM id of the API Management instance. */
  readonly apiManagementId: string;
  /**
   * Name of the API (not the azurerm id, which may carry a `;rev=` suffix); the diagnostic's parent is
   * `<apiManagementId>/apis/<apiName>`.
   */
  readonly apiName: string;
  /** @default the stack's default azapi provider */
  readonly provider?: TerraformProvider;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
  /** @default none */
  readonly lifecycle?: TerraformResourceLifecycle;
  /** Retries for calls made while a new API Management instance is still activating. @default none */
  readonly retry?: AzapiRetry;
}

export interface ApimApiDiagnosticProps extends ApimDiagnosticPlacement {
  readonly name: ApimDiagnosticName;
  readonly properties: ApimDiagnosticProperties;
}

/** Headers that carry credentials: hidden wherever they could be logged. */
export const CREDENTIAL_HEADERS: readonly string[] = ['Authorization', 'api-key', 'Ocp-Apim-Subscription-Key'];
/** Query parameters API Management accepts a subscription key in (this API reads it from `api-key`). */
export const CREDENTIAL_QUERY_PARAMETERS: readonly string[] = ['api-key', 'subscription-key'];

/** Non-secret headers worth keeping in gateway logs, per direction. */
export const DEFAULT_LOGGED_HEADERS = {
  frontendRequest: ['Content-Type', 'User-Agent', 'X-Forwarded-For', 'x-ms-client-request-id'],
  frontendResponse: [
    'Content-Type',
    'Retry-After',
    'x-gateway-request-id',
    TOKEN_LIMIT_HEADERS.remainingTokens,
    // The quota left in the period: the last value per subscription is what a quota alert and query read.
    TOKEN_LIMIT_HEADERS.remainingQuotaTokens,
    TOKEN_LIMIT_HEADERS.tokensConsumed,
    'x-ms-region',
  ],
  backendRequest: ['Content-Type'],
  backendResponse: [
    'Content-Type',
    'Retry-After',
    'apim-request-id',
    'x-ms-region',
    'x-ratelimit-remaining-requests',
    'x-ratelimit-remaining-tokens',
  ],
} as const;

export interface GatewayDiagnosticOptions {
  /** @default 100: the gateway's logs are its audit trail and chargeback source */
  readonly samplingPercentage?: number;
  /**
   * Body bytes logged per request and response, 0 to 8192. Body logging makes API Management buffer responses,
   * which breaks streamed completions (https://learn.microsoft.com/azure/api-management/how-to-server-sent-events);
   * prompts and completions are recorded by the LLM log instead.
   * @default 0
   */
  readonly bodyBytes?: number;
}

export interface AzureMonitorDiagnosticOptions extends GatewayDiagnosticOptions {
  /** Largest prompt and completion logged to ApiManagementGatewayLlmLog, 1 to 262144 bytes. @default 262144 */
  readonly llmMessageMaxBytes?: number;
}

function masking(withQuery: boolean): ApimHttpMessageDiagnostic['dataMasking'] {
  const hide = (value: string): ApimDataMaskingEntity => ({ value, mode: 'Hide' });
  return {
    headers: CREDENTIAL_HEADERS.map(hide),
    ...(withQuery ? { queryParams: CREDENTIAL_QUERY_PARAMETERS.map(hide) } : {}),
  };
}

function pipelines(bodyBytes: number): Pick<ApimDiagnosticProperties, 'frontend' | 'backend'> {
  const message = (headers: readonly string[], withQuery: boolean): ApimHttpMessageDiagnostic => ({
    headers,
    body: { bytes: bodyBytes },
    dataMasking: masking(withQuery),
  });
  return {
    frontend: {
      request: message(DEFAULT_LOGGED_HEADERS.frontendRequest, true),
      response: message(DEFAULT_LOGGED_HEADERS.frontendResponse, false),
    },
    backend: {
      request: message(DEFAULT_LOGGED_HEADERS.backendRequest, true),
      response: message(DEFAULT_LOGGED_HEADERS.backendResponse, false),
    },
  };
}

/**
 * The `azuremonitor` API diagnostic: every request to the resource-specific gateway tables, caller IP, masked
 * credentials, and LLM logging (token counts, prompts and completions, streamed or not) to ApiManagementGatewayLlmLog.
 * API Management creates the `azuremonitor` logger itself, so the logger id is derived from the instance id.
 */
export function azureMonitorDiagnosticProperties(
  apiManagementId: string,
  options: AzureMonitorDiagnosticOptions = {},
): ApimDiagnosticProperties {
  const llmMessageMaxBytes = options.llmMessageMaxBytes ?? MAX_LLM_MESSAGE_BYTES;
  return {
    loggerId: `${apiManagementId}/loggers/${AZURE_MONITOR_DIAGNOSTIC}`,
    alwaysLog: 'allErrors',
    sampling: { samplingType: 'fixed', percentage: options.samplingPercentage ?? 100 },
    ...pipelines(options.bodyBytes ?? 0),
    largeLanguageModel: {
      logs: 'enabled',
      requests: { messages: 'all', maxSizeInBytes: llmMessageMaxBytes },
      responses: { messages: 'all', maxSizeInBytes: llmMessageMaxBytes },
    },
    logClientIp: true,
    // The caller trace (severity information) lands in the request's TraceRecords.
    verbosity: 'information',
  };
}

/**
 * The `applicationinsights` API diagnostic, with `metrics: true` so the token metric policy's samples reach
 * Application Insights (they are dropped silently otherwise).
 */
export function applicationInsightsDiagnosticProperties(
  loggerId: string,
  options: GatewayDiagnosticOptions = {},
): ApimDiagnosticProperties {
  return {
    loggerId,
    alwaysLog: 'allErrors',
    sampling: { samplingType: 'fixed', percentage: options.samplingPercentage ?? 100 },
    ...pipelines(options.bodyBytes ?? 0),
    logClientIp: true,
    httpCorrelationProtocol: 'W3C',
    // Only the on-error traces: the caller trace every request writes (severity information) belongs in the
    // request's row in the workspace, not in a second Application Insights record per request.
    verbosity: 'error',
    operationNameFormat: 'Name',
    metrics: true,
  };
}

function isKnownNumber(value: number | undefined): value is number {
  return value !== undefined && !Token.isUnresolved(value);
}

/** Validates diagnostic props; returns the problems found (empty when valid). */
export function diagnosticProblems(props: ApimApiDiagnosticProps): string[] {
  const problems: string[] = [];
  const { name, properties } = props;
  if (!Token.isUnresolved(props.apiName) && !/^[^*#&+:<>?/;]{1,256}$/.test(props.apiName)) {
    problems.push(`apiName must be the API's name (no "/" or ";rev=" suffix), got "${props.apiName}"`);
  }
  const percentage = properties.sampling?.percentage;
  if (isKnownNumber(percentage) && !(percentage >= 0 && percentage <= 100)) {
    problems.push(`sampling.percentage must be from 0 to 100, got ${percentage}`);
  }
  const directions = [
    ['frontend.request', properties.frontend?.request],
    ['frontend.response', properties.frontend?.response],
    ['backend.request', properties.backend?.request],
    ['backend.response', properties.backend?.response],
  ] as const;
  for (const [direction, message] of directions) {
    const bytes = message?.body?.bytes;
    if (isKnownNumber(bytes) && !(Number.isInteger(bytes) && bytes >= 0 && bytes <= MAX_LOGGED_BODY_BYTES)) {
      problems.push(`${direction}.body.bytes must be an integer from 0 to ${MAX_LOGGED_BODY_BYTES}, got ${bytes}`);
    }
    const masked = new Set((message?.dataMasking?.headers ?? []).map((entity) => entity.value.toLowerCase()));
    for (const header of message?.headers ?? []) {
      if (CREDENTIAL_HEADERS.some((credential) => credential.toLowerCase() === header.toLowerCase()) && !masked.has(header.toLowerCase())) {
        problems.push(`${direction} logs the credential header "${header}" without masking it`);
      }
    }
  }
  const llm = properties.largeLanguageModel;
  if (llm !== undefined && name !== AZURE_MONITOR_DIAGNOSTIC) {
    problems.push(`largeLanguageModel belongs on the ${AZURE_MONITOR_DIAGNOSTIC} diagnostic (ApiManagementGatewayLlmLog), not on ${name}`);
  }
  for (const [side, message] of [
    ['requests', llm?.requests],
    ['responses', llm?.responses],
  ] as const) {
    const size = message?.maxSizeInBytes;
    if (isKnownNumber(size) && !(Number.isInteger(size) && size >= 1 && size <= MAX_LLM_MESSAGE_BYTES)) {
      problems.push(`largeLanguageModel.${side}.maxSizeInBytes must be an integer from 1 to ${MAX_LLM_MESSAGE_BYTES}, got ${size}`);
    }
  }
  if (properties.metrics !== undefined && name !== APPLICATION_INSIGHTS_DIAGNOSTIC) {
    problems.push(`metrics applies only to the ${APPLICATION_INSIGHTS_DIAGNOSTIC} diagnostic, not to ${name}`);
  }
  if (
    name === AZURE_MONITOR_DIAGNOSTIC &&
    !Token.isUnresolved(properties.loggerId) &&
    !properties.loggerId.endsWith(`/loggers/${AZURE_MONITOR_DIAGNOSTIC}`)
  ) {
    problems.push(
      `the ${AZURE_MONITOR_DIAGNOSTIC} diagnostic must use the built-in logger "<apim id>/loggers/${AZURE_MONITOR_DIAGNOSTIC}", got "${properties.loggerId}"`,
    );
  }
  return problems;
}

/** An API-scope diagnostic of API Management (`Microsoft.ApiManagement/service/apis/diagnostics`) with a typed body. */
export class ApimApiDiagnostic extends Construct {
  readonly resource: AzapiResource;
  /** ARM id of the diagnostic. */
  readonly id: string;

  constructor(scope: Construct, id: string, props: ApimApiDiagnosticProps) {
    super(scope, id);
    const problems = diagnosticProblems(props);
    if (problems.length > 0) {
      throw new Error(`ApimApiDiagnostic "${id}": ${problems.join('; ')}`);
    }
    this.resource = new AzapiResource(this, 'resource', {
      type: `Microsoft.ApiManagement/service/apis/diagnostics@${APIM_DIAGNOSTIC_API_VERSION}`,
      name: props.name,
      parentId: `${props.apiManagementId}/apis/${props.apiName}`,
      body: { properties: props.properties },
      provider: props.provider,
      dependsOn: props.dependsOn,
      lifecycle: props.lifecycle,
      retry: props.retry,
    });
    this.id = this.resource.id;
  }
}

export interface ApimAzureMonitorApiDiagnosticProps extends ApimDiagnosticPlacement, AzureMonitorDiagnosticOptions {}

/** The `azuremonitor` diagnostic of one API, with LLM logging; see `azureMonitorDiagnosticProperties`. */
export class ApimAzureMonitorApiDiagnostic extends ApimApiDiagnostic {
  constructor(scope: Construct, id: string, props: ApimAzureMonitorApiDiagnosticProps) {
    super(scope, id, {
      ...placement(props),
      name: AZURE_MONITOR_DIAGNOSTIC,
      properties: azureMonitorDiagnosticProperties(props.apiManagementId, props),
    });
  }
}

export interface ApimApplicationInsightsApiDiagnosticProps extends ApimDiagnosticPlacement, GatewayDiagnosticOptions {
  /** ARM id of the API Management logger that writes to Application Insights. */
  readonly loggerId: string;
}

/** The `applicationinsights` diagnostic of one API, with custom metrics on; see `applicationInsightsDiagnosticProperties`. */
export class ApimApplicationInsightsApiDiagnostic extends ApimApiDiagnostic {
  constructor(scope: Construct, id: string, props: ApimApplicationInsightsApiDiagnosticProps) {
    super(scope, id, {
      ...placement(props),
      name: APPLICATION_INSIGHTS_DIAGNOSTIC,
      properties: applicationInsightsDiagnosticProperties(props.loggerId, props),
    });
  }
}

function placement(props: ApimDiagnosticPlacement): ApimDiagnosticPlacement {
  return {
    apiManagementId: props.apiManagementId,
    apiName: props.apiName,
    provider: props.provider,
    dependsOn: props.dependsOn,
    lifecycle: props.lifecycle,
    retry: props.retry,
  };
}
