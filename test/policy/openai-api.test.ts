import {
  API_VERSION_PARAMETER,
  DEPLOYMENT_ID_PARAMETER,
  OPENAI_API_OPERATIONS,
  OPENAI_API_SETTINGS,
  routeParameters,
  toOpenApiDocument,
} from '../../lib/policy/openai-api';

interface OpenApiParameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
}

interface OpenApiOperation {
  readonly operationId: string;
  readonly parameters: readonly OpenApiParameter[];
  readonly requestBody?: unknown;
  readonly responses: { readonly '200': { readonly content: Record<string, unknown> } };
}

function openApiOperation(document: ReturnType<typeof toOpenApiDocument>, path: string, method: string): OpenApiOperation {
  const paths: unknown = document.paths;
  const operation = (paths as Record<string, Record<string, OpenApiOperation> | undefined>)[path]?.[method];
  if (operation === undefined) {
    throw new Error(`no ${method} ${path} in the document`);
  }
  return operation;
}

describe('Azure OpenAI API definition', () => {
  it('exposes the data-plane operations SDKs call, under /openai', () => {
    expect(OPENAI_API_SETTINGS.path).toBe('openai');
    expect(OPENAI_API_OPERATIONS.map((operation) => `${operation.method} /${OPENAI_API_SETTINGS.path}${operation.urlTemplate}`)).toEqual([
      'POST /openai/deployments/{deployment-id}/chat/completions',
      'POST /openai/deployments/{deployment-id}/completions',
      'POST /openai/deployments/{deployment-id}/embeddings',
      'GET /openai/deployments',
      'GET /openai/deployments/{deployment-id}',
    ]);
  });

  it('reads the subscription key from api-key, where SDKs send their key', () => {
    expect(OPENAI_API_SETTINGS.subscriptionRequired).toBe(true);
    expect(OPENAI_API_SETTINGS.subscriptionKeyParameterNames).toEqual({ header: 'api-key', query: 'subscription-key' });
  });

  it('has unique operation ids and display names within API Management limits', () => {
    const ids = OPENAI_API_OPERATIONS.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of OPENAI_API_OPERATIONS) {
      expect(operation.operationId).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(operation.displayName.length).toBeGreaterThan(0);
      expect(operation.displayName.length).toBeLessThanOrEqual(300);
    }
  });

  it.each(OPENAI_API_OPERATIONS.map((operation) => [operation.operationId, operation] as const))(
    '%s declares every route parameter and a required api-version',
    (_id, operation) => {
      expect(operation.templateParameters.map((parameter) => parameter.name)).toEqual(routeParameters(operation.urlTemplate));
      expect(operation.templateParameters.every((parameter) => parameter.required)).toBe(true);
      expect(operation.queryParameters).toEqual([expect.objectContaining({ name: API_VERSION_PARAMETER, required: true, type: 'string' })]);
    },
  );

  it('names the deployment route parameter the way the tier policies read it', () => {
    const withDeployment = OPENAI_API_OPERATIONS.filter((operation) => operation.urlTemplate.includes('{'));
    expect(withDeployment.map((operation) => routeParameters(operation.urlTemplate))).toEqual(
      withDeployment.map(() => [DEPLOYMENT_ID_PARAMETER]),
    );
  });

  it('marks the completion operations as able to stream', () => {
    const streaming = OPENAI_API_OPERATIONS.filter((operation) => operation.responseContentTypes.includes('text/event-stream')).map(
      (operation) => operation.operationId,
    );
    expect(streaming).toEqual(['chat-completions-create', 'completions-create']);
  });
});

describe('toOpenApiDocument', () => {
  const document = toOpenApiDocument({ gatewayUrl: 'https://gateway.contoso.com/' });

  it('describes every operation relative to the /openai server URL', () => {
    expect(document.openapi).toBe('3.0.1');
    expect(document.servers).toEqual([{ url: 'https://gateway.contoso.com/openai' }]);
    for (const operation of OPENAI_API_OPERATIONS) {
      expect(openApiOperation(document, operation.urlTemplate, operation.method.toLowerCase()).operationId).toBe(operation.operationId);
    }
  });

  it('puts the deployment in the path and the API version in the query', () => {
    const chat = openApiOperation(document, '/deployments/{deployment-id}/chat/completions', 'post');
    expect(chat.parameters.map((parameter) => [parameter.name, parameter.in, parameter.required])).toEqual([
      ['deployment-id', 'path', true],
      ['api-version', 'query', true],
    ]);
    expect(chat.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { type: 'object' } } } });
    expect(Object.keys(chat.responses['200'].content)).toEqual(['application/json', 'text/event-stream']);
    expect(openApiOperation(document, '/deployments', 'get').requestBody).toBeUndefined();
  });

  it('declares the api-key header and an Entra bearer token as required together', () => {
    expect(document.components).toEqual({
      securitySchemes: {
        subscriptionKey: { type: 'apiKey', in: 'header', name: 'api-key' },
        entraToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
    });
    expect(document.security).toEqual([{ subscriptionKey: [], entraToken: [] }]);
  });

  it('uses a server variable when no gateway URL is given', () => {
    expect(toOpenApiDocument().servers).toEqual([
      { url: 'https://{gateway}/openai', variables: { gateway: { default: 'gateway.example.com' } } },
    ]);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(toOpenApiDocument({ gatewayUrl: 'https://gateway.contoso.com/' }))).toBe(JSON.stringify(document));
  });
});
