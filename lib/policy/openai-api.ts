/**
 * The Azure OpenAI API as the gateway exposes it: the same paths, parameters and key header as the Azure OpenAI
 * data plane, so existing SDK clients only change their endpoint.
 *
 * The operations are typed data: the API Management construct creates one `azurerm_api_management_api_operation`
 * per entry, and `toOpenApiDocument` derives an OpenAPI 3 document from the same entries for tools that import one.
 * Only the operations the gateway governs are listed; anything else is refused by API Management as unknown.
 */

/** API path suffix: SDKs call `<endpoint>/openai/deployments/...`. */
export const OPENAI_API_PATH = 'openai';

/** Route parameter naming the deployment; the tier policies read it by this name. */
export const DEPLOYMENT_ID_PARAMETER = 'deployment-id';

/** Query parameter every Azure OpenAI data-plane call carries. */
export const API_VERSION_PARAMETER = 'api-version';

/**
 * Where API Management reads the subscription key: the `api-key` header, where SDKs already put their Azure OpenAI
 * key, or the `subscription-key` query parameter. The API policy deletes both before the call reaches Azure OpenAI.
 */
export const SUBSCRIPTION_KEY_PARAMETER_NAMES = { header: 'api-key', query: 'subscription-key' } as const;

export type HttpMethod = 'GET' | 'POST';

export interface OpenAiApiParameter {
  readonly name: string;
  readonly type: 'string';
  readonly required: boolean;
  readonly description: string;
}

export interface OpenAiApiOperation {
  /** API Management operation id; a construct id derived from it must stay stable. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Relative to the API path, with `{name}` route parameters. */
  readonly urlTemplate: string;
  readonly displayName: string;
  readonly description: string;
  readonly templateParameters: readonly OpenAiApiParameter[];
  readonly queryParameters: readonly OpenAiApiParameter[];
  /** Content type of the request body, when the operation takes one. */
  readonly requestContentType?: 'application/json';
  /** Content types of a successful response; `text/event-stream` when the caller asks for `stream: true`. */
  readonly responseContentTypes: readonly string[];
  /** Whether the call reaches a model (and so writes LLM log rows), rather than reading deployment metadata. */
  readonly callsModel: boolean;
}

const deploymentId: OpenAiApiParameter = {
  name: DEPLOYMENT_ID_PARAMETER,
  type: 'string',
  required: true,
  description: 'Name of the model deployment.',
};

const apiVersion: OpenAiApiParameter = {
  name: API_VERSION_PARAMETER,
  type: 'string',
  required: true,
  description: 'Azure OpenAI API version, for example 2024-10-21.',
};

/** The operation that lists deployments; tier policies filter its answer to the tier's own deployments. */
export const LIST_DEPLOYMENTS_OPERATION_ID = 'deployments-list';

export const OPENAI_API_OPERATIONS: readonly OpenAiApiOperation[] = [
  {
    operationId: 'chat-completions-create',
    callsModel: true,
    method: 'POST',
    urlTemplate: `/deployments/{${DEPLOYMENT_ID_PARAMETER}}/chat/completions`,
    displayName: 'Create chat completion',
    description: 'Creates a completion for a chat conversation; streams server-sent events when stream is true.',
    templateParameters: [deploymentId],
    queryParameters: [apiVersion],
    requestContentType: 'application/json',
    responseContentTypes: ['application/json', 'text/event-stream'],
  },
  {
    operationId: 'completions-create',
    callsModel: true,
    method: 'POST',
    urlTemplate: `/deployments/{${DEPLOYMENT_ID_PARAMETER}}/completions`,
    displayName: 'Create completion',
    description: 'Creates a completion for a prompt; streams server-sent events when stream is true.',
    templateParameters: [deploymentId],
    queryParameters: [apiVersion],
    requestContentType: 'application/json',
    responseContentTypes: ['application/json', 'text/event-stream'],
  },
  {
    operationId: 'embeddings-create',
    callsModel: true,
    method: 'POST',
    urlTemplate: `/deployments/{${DEPLOYMENT_ID_PARAMETER}}/embeddings`,
    displayName: 'Create embeddings',
    description: 'Creates an embedding vector for the input.',
    templateParameters: [deploymentId],
    queryParameters: [apiVersion],
    requestContentType: 'application/json',
    responseContentTypes: ['application/json'],
  },
  {
    operationId: LIST_DEPLOYMENTS_OPERATION_ID,
    callsModel: false,
    method: 'GET',
    urlTemplate: '/deployments',
    displayName: 'List deployments',
    description: 'Lists the model deployments.',
    templateParameters: [],
    queryParameters: [apiVersion],
    responseContentTypes: ['application/json'],
  },
  {
    operationId: 'deployments-get',
    callsModel: false,
    method: 'GET',
    urlTemplate: `/deployments/{${DEPLOYMENT_ID_PARAMETER}}`,
    displayName: 'Get deployment',
    description: 'Gets one model deployment.',
    templateParameters: [deploymentId],
    queryParameters: [apiVersion],
    responseContentTypes: ['application/json'],
  },
];

/** Settings of the API itself (not of its operations). */
/** Operations that reach a model: the calls the LLM log must record. */
export const MODEL_OPERATION_IDS: readonly string[] = OPENAI_API_OPERATIONS.filter((operation) => operation.callsModel).map(
  (operation) => operation.operationId,
);

export const OPENAI_API_SETTINGS = {
  name: 'azure-openai',
  displayName: 'Azure OpenAI',
  path: OPENAI_API_PATH,
  protocols: ['https'],
  subscriptionRequired: true,
  subscriptionKeyParameterNames: SUBSCRIPTION_KEY_PARAMETER_NAMES,
} as const;

/** Route parameter names in a URL template, in order. */
export function routeParameters(urlTemplate: string): string[] {
  return [...urlTemplate.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] as string);
}

type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface OpenApiDocumentOptions {
  /** Gateway base URL without the API path. @default 'https://{gateway}' with a server variable */
  readonly gatewayUrl?: string;
  /** @default '1.0.0' */
  readonly version?: string;
}

function parameterObject(parameter: OpenAiApiParameter, location: 'path' | 'query'): JsonValue {
  return {
    name: parameter.name,
    in: location,
    required: location === 'path' ? true : parameter.required,
    description: parameter.description,
    schema: { type: parameter.type },
  };
}

function operationObject(operation: OpenAiApiOperation): JsonValue {
  const successContent = Object.fromEntries(
    operation.responseContentTypes.map((type) => [type, { schema: { type: type === 'application/json' ? 'object' : 'string' } }]),
  );
  const result: { [key: string]: JsonValue } = {
    operationId: operation.operationId,
    summary: operation.displayName,
    description: operation.description,
    parameters: [
      ...operation.templateParameters.map((parameter) => parameterObject(parameter, 'path')),
      ...operation.queryParameters.map((parameter) => parameterObject(parameter, 'query')),
    ],
    responses: {
      '200': { description: 'Success', content: successContent },
      default: {
        description: 'Error: { "error": { "code", "message" } }',
        content: { 'application/json': { schema: { type: 'object' } } },
      },
    },
  };
  if (operation.requestContentType !== undefined) {
    result.requestBody = { required: true, content: { [operation.requestContentType]: { schema: { type: 'object' } } } };
  }
  return result;
}

/**
 * An OpenAPI 3.0 document of the same operations, for importing into API Management or client generators. Paths are
 * relative to the API path (`openai`), which is part of the server URL.
 */
export function toOpenApiDocument(options: OpenApiDocumentOptions = {}): { readonly [key: string]: JsonValue } {
  const paths: { [path: string]: { [method: string]: JsonValue } } = {};
  for (const operation of OPENAI_API_OPERATIONS) {
    const entry = paths[operation.urlTemplate] ?? {};
    entry[operation.method.toLowerCase()] = operationObject(operation);
    paths[operation.urlTemplate] = entry;
  }
  const server: JsonValue =
    options.gatewayUrl !== undefined
      ? { url: `${options.gatewayUrl.replace(/\/+$/, '')}/${OPENAI_API_PATH}` }
      : { url: `https://{gateway}/${OPENAI_API_PATH}`, variables: { gateway: { default: 'gateway.example.com' } } };
  return {
    openapi: '3.0.1',
    info: { title: OPENAI_API_SETTINGS.displayName, version: options.version ?? '1.0.0' },
    servers: [server],
    paths,
    components: {
      securitySchemes: {
        subscriptionKey: { type: 'apiKey', in: 'header', name: SUBSCRIPTION_KEY_PARAMETER_NAMES.header },
        entraToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
    },
    security: [{ subscriptionKey: [], entraToken: [] }],
  };
}
