import { TerraformStack, Testing } from 'cdktf';

import { backendUrl, circuitBreakerRule, OpenAiBackends } from '../../constructs/apim/openai-backends';
import { OPENAI_API_OPERATIONS } from '../../lib/policy/openai-api';
import { listBackendIds, listNamedValueReferences } from '../../lib/policy/render';
import type { XmlElement } from '../../lib/policy/template';
import {
  type Attributes,
  onlyResource,
  rawEnvironment,
  resourcesOf,
  SHIPPED_ENVIRONMENTS,
  shippedConfig,
  stackOf,
  synthesizeConfigs,
  synthShipped,
  validate,
} from '../helpers/synth';
import { addressOf, apiPolicy, attr, azapiProperties, elementsNamed, onlyElement, productPolicies, sectionOf, textOf } from './helpers';

const synth = synthShipped();
const gateway = (env: string) => stackOf(synth, `${env}-gateway`);
const ENVIRONMENTS = SHIPPED_ENVIRONMENTS;

describe('the Azure OpenAI API', () => {
  it('is served at /openai with the subscription key where SDKs send their key', () => {
    const api = onlyResource(gateway('dev'), 'azurerm_api_management_api');
    expect(api).toMatchObject({
      name: 'azure-openai',
      path: 'openai',
      protocols: ['https'],
      subscription_required: true,
      subscription_key_parameter_names: { header: 'api-key', query: 'subscription-key' },
    });
  });

  it('has exactly the typed operations: chat completions, completions, embeddings, deployment list and get', () => {
    const operations = Object.values(resourcesOf(gateway('dev'), 'azurerm_api_management_api_operation'));
    expect(operations.map((o) => `${o.method} ${o.url_template}`).sort()).toEqual(
      [
        'POST /deployments/{deployment-id}/chat/completions',
        'POST /deployments/{deployment-id}/completions',
        'POST /deployments/{deployment-id}/embeddings',
        'GET /deployments',
        'GET /deployments/{deployment-id}',
      ].sort(),
    );
    expect(operations.map((o) => o.operation_id).sort()).toEqual(OPENAI_API_OPERATIONS.map((o) => o.operationId).sort());
  });

  it('every operation requires api-version as Azure OpenAI does, and names its deployment route parameter', () => {
    for (const operation of Object.values(resourcesOf(gateway('dev'), 'azurerm_api_management_api_operation'))) {
      const query = (operation.request as { query_parameter: Attributes[] }).query_parameter;
      expect(query).toEqual([expect.objectContaining({ name: 'api-version', required: true, type: 'string' })]);
      const templated = String(operation.url_template).includes('{deployment-id}');
      expect((operation.template_parameter as Attributes[] | undefined)?.map((p) => p.name) ?? []).toEqual(
        templated ? ['deployment-id'] : [],
      );
    }
  });

  it('completion operations declare streamed responses (text/event-stream)', () => {
    const chat = Object.values(resourcesOf(gateway('dev'), 'azurerm_api_management_api_operation')).find(
      (o) => o.operation_id === 'chat-completions-create',
    )!;
    const types = ((chat.response as Attributes[])[0]!.representation as Attributes[]).map((r) => r.content_type);
    expect(types).toEqual(['application/json', 'text/event-stream']);
  });
});

describe('API policy', () => {
  it.each(ENVIRONMENTS)('%s: validates the Entra token for the gateway app (client id and identifier URI) in inbound', (env) => {
    const xml = apiPolicy(gateway(env));
    const config = shippedConfig(env);
    const token = onlyElement(xml, 'validate-azure-ad-token');
    expect(attr(token, 'tenant-id')).toBe(config.azure.tenantId);
    expect(elementsNamed(xml, 'audience').map(textOf)).toEqual([
      '{{gateway-client-id}}',
      `api://${config.azure.tenantId}/app-aoaigw-${env}-gateway`,
    ]);
    expect(sectionOf(xml, 'validate-azure-ad-token')).toBe('inbound');
  });

  it('authenticates to Azure OpenAI with the managed identity and never forwards a key', () => {
    const xml = apiPolicy(gateway('prod'));
    expect(attr(onlyElement(xml, 'authentication-managed-identity'), 'resource')).toBe('https://cognitiveservices.azure.com');
    expect(attr(onlyElement(xml, 'authentication-managed-identity'), 'client-id')).toBeUndefined();
    const deleted = elementsNamed(xml, 'set-header')
      .filter((h) => attr(h, 'exists-action') === 'delete')
      .map((h) => attr(h, 'name'));
    expect(deleted).toEqual(expect.arrayContaining(['api-key', 'Ocp-Apim-Subscription-Key']));
    expect(elementsNamed(xml, 'set-query-parameter').map((q) => attr(q, 'name'))).toEqual(
      expect.arrayContaining(['api-key', 'subscription-key']),
    );
  });

  it('routes to the backend pool, and retries throttled or failed calls from the backend section', () => {
    const config = shippedConfig('prod').apiManagement;
    const xml = apiPolicy(gateway('prod'));
    expect(attr(onlyElement(xml, 'set-backend-service'), 'backend-id')).toBe('openai-pool');
    const retry = onlyElement(xml, 'retry');
    expect(sectionOf(xml, 'retry')).toBe('backend');
    expect(attr(retry, 'interval')).toBe(String(config.retry.intervalSeconds));
    expect(attr(retry, 'condition')).toContain('StatusCode == 429');
    expect(attr(retry, 'condition')).toContain('StatusCode >= 500');
  });

  it.each([
    ['dev', 1],
    ['test', 1],
    ['prod', 2],
  ] as const)('%s: retries one less than the pool has members (at least once), so a request can reach every member', (env, retries) => {
    expect(shippedConfig(env).openai.instances.length - 1).toBeLessThanOrEqual(retries);
    expect(attr(onlyElement(apiPolicy(gateway(env)), 'retry'), 'count')).toBe(String(retries));
  });

  it('a configured retry count wins, and a four-member pool retries three times', () => {
    const raw = rawEnvironment('prod') as { openai: { instances: Attributes[] }; apiManagement: Attributes; access: unknown };
    const instances = raw.openai.instances;
    const fourth = { ...structuredClone(instances[2]!), name: 'gwc2' };
    const four = { ...raw, openai: { ...raw.openai, instances: [...instances, fourth] } };
    const configured = { ...raw, apiManagement: { ...raw.apiManagement, retry: { count: 5, intervalSeconds: 1 } } };
    const both = synthesizeConfigs([validate({ ...four, name: 'pfour', tags: {} }), validate({ ...configured, name: 'pset', tags: {} })]);
    const [derived, explicit] = ['pfour', 'pset'].map((name) =>
      attr(onlyElement(apiPolicy(stackOf(both, `${name}-gateway`)), 'retry'), 'count'),
    );
    expect(derived).toBe('3');
    expect(explicit).toBe('5');
  });

  it('streams: forward-request does not buffer the response, and waits as long as long completions need', () => {
    const xml = apiPolicy(gateway('prod'));
    const forward = onlyElement(xml, 'forward-request');
    expect(attr(forward, 'buffer-response')).toBe('false');
    expect(attr(forward, 'timeout')).toBe(String(shippedConfig('prod').apiManagement.backendTimeoutSeconds));
  });

  it('turns a backend 429 into 503 with Retry-After equal to the circuit breaker trip duration', () => {
    const xml = apiPolicy(gateway('prod'));
    const retryAfter = elementsNamed(xml, 'set-header').filter((h) => attr(h, 'name') === 'Retry-After');
    expect(retryAfter.length).toBeGreaterThan(0);
    for (const header of retryAfter) {
      expect(textOf(header)).toBe(String(shippedConfig('prod').apiManagement.circuitBreaker.tripDurationSeconds));
    }
    expect(elementsNamed(xml, 'set-status').map((s) => attr(s, 'code'))).toContain('503');
  });

  it('outbound answers 503 with Retry-After and the JSON error when the backend stage ended in 429 or the pool had no member left', () => {
    const outbound = onlyElement(apiPolicy(gateway('prod')), 'outbound');
    const choose = outbound.children.find((c): c is XmlElement => c.kind === 'element' && c.name === 'choose')!;
    const when = choose.children.find((c): c is XmlElement => c.kind === 'element' && c.name === 'when')!;
    const condition = attr(when, 'condition') ?? '';
    expect(condition).toContain('GetValueOrDefault<int>("gatewayBackendStatus", 0) == 429');
    expect(condition).toContain('GetValueOrDefault<int>("gatewayBackendStatus", 0) == 503');
    const policies = when.children.filter((c): c is XmlElement => c.kind === 'element');
    expect(policies.map((p) => p.name)).toEqual(['set-status', 'set-header', 'set-header', 'set-body']);
    expect(attr(policies[0]!, 'code')).toBe('503');
    expect(attr(policies[1]!, 'name')).toBe('Retry-After');
    expect(textOf(policies[3]!)).toContain('"ServiceUnavailable"');
  });

  it('emits token metrics with at most the allowed custom dimensions', () => {
    const xml = apiPolicy(gateway('dev'));
    const dimensions = elementsNamed(xml, 'dimension').map((d) => attr(d, 'name'));
    expect(dimensions).toEqual(['Subscription ID', 'Product ID', 'Client IP', 'Deployment', 'Backend ID']);
  });
});

describe('cross references', () => {
  it.each(ENVIRONMENTS)('%s: every {{named value}} a policy reads is declared as a named value in the stack', (env) => {
    const stack = gateway(env);
    const declared = new Set(Object.values(resourcesOf(stack, 'azurerm_api_management_named_value')).map((v) => String(v.name)));
    const policies = [apiPolicy(stack), ...Object.values(productPolicies(stack))];
    const referenced = new Set(policies.flatMap(listNamedValueReferences));
    expect(referenced.size).toBeGreaterThan(0);
    for (const name of referenced) {
      expect({ name, declared: declared.has(name) }).toEqual({ name, declared: true });
    }
  });

  it.each(ENVIRONMENTS)('%s: every backend id a policy routes to is declared (single backend or pool)', (env) => {
    const stack = gateway(env);
    const declared = new Set([
      ...Object.values(resourcesOf(stack, 'azurerm_api_management_backend')).map((b) => String(b.name)),
      ...Object.values(resourcesOf(stack, 'azapi_resource'))
        .filter((r) => String(r.type).startsWith('Microsoft.ApiManagement/service/backends@'))
        .map((r) => String(r.name)),
    ]);
    const ids = listBackendIds('api', apiPolicy(stack));
    expect(ids).toEqual(['openai-pool']);
    expect(ids.every((id) => declared.has(id))).toBe(true);
  });

  it('the API and its policy wait for the pool and the named values they name', () => {
    const stack = gateway('dev');
    const api = onlyResource(stack, 'azurerm_api_management_api');
    const namedValue = addressOf(stack, 'azurerm_api_management_named_value');
    expect(api.depends_on).toEqual(expect.arrayContaining([namedValue, expect.stringMatching(/^azapi_resource\.backends_pool/)]));
    expect(onlyResource(stack, 'azurerm_api_management_api_policy').depends_on).toEqual(expect.arrayContaining([namedValue]));
  });
});

describe('backends', () => {
  it.each(ENVIRONMENTS)('%s: one backend per Azure OpenAI instance at <endpoint>openai, protocol http, certificate checked', (env) => {
    const config = shippedConfig(env);
    const backends = Object.values(resourcesOf(gateway(env), 'azurerm_api_management_backend'));
    expect(backends.map((b) => b.name).sort()).toEqual(config.openai.instances.map((i) => `openai-${i.name}`).sort());
    for (const backend of backends) {
      expect(backend.protocol).toBe('http');
      expect(String(backend.url)).toMatch(/^https:\/\/oai-aoaigw-[a-z0-9-]+\.openai\.azure\.com\/openai$/);
      expect(backend.tls).toEqual({ validate_certificate_chain: true, validate_certificate_name: true });
    }
  });

  it.each(ENVIRONMENTS)('%s: each backend leaves rotation on its first 429 for the Retry-After it sent, or on a 5xx', (env) => {
    const breaker = shippedConfig(env).apiManagement.circuitBreaker;
    for (const backend of Object.values(resourcesOf(gateway(env), 'azurerm_api_management_backend'))) {
      expect(backend.circuit_breaker_rule).toEqual({
        name: 'openai-throttling-and-errors',
        trip_duration: `PT${breaker.tripDurationSeconds}S`,
        accept_retry_after_enabled: true,
        failure_condition: {
          count: 1,
          interval_duration: `PT${breaker.intervalSeconds}S`,
          status_code_range: [
            { min: 429, max: 429 },
            { min: 500, max: 599 },
          ],
        },
      });
    }
  });

  it('the pool is an azapi backend of type Pool, without url or protocol, with every instance at its priority and weight', () => {
    const stack = gateway('prod');
    const pool = azapiProperties(stack, 'Microsoft.ApiManagement/service/backends', 'openai-pool');
    expect(pool.type).toBe('Pool');
    expect(pool.url).toBeUndefined();
    expect(pool.protocol).toBeUndefined();
    const backendNames = Object.fromEntries(
      Object.entries(resourcesOf(stack, 'azurerm_api_management_backend')).map(([tf, b]) => [
        `\${azurerm_api_management_backend.${tf}.id}`,
        String(b.name),
      ]),
    );
    const members = ((pool.pool as Attributes).services as Attributes[]).map((s) => ({
      backend: backendNames[String(s.id)],
      priority: s.priority,
      weight: s.weight,
    }));
    expect(members).toEqual(
      shippedConfig('prod').openai.instances.map((i) => ({ backend: `openai-${i.name}`, priority: i.priority, weight: i.weight })),
    );
  });

  it('pure helpers: backend URL and breaker durations', () => {
    expect(backendUrl('https://oai-x.openai.azure.com/')).toBe('https://oai-x.openai.azure.com/openai');
    expect(circuitBreakerRule({ intervalSeconds: 60, tripDurationSeconds: 30 })).toMatchObject({
      tripDuration: 'PT30S',
      failureCondition: { count: 1, intervalDuration: 'PT60S' },
    });
  });

  it('refuses a pool member outside the pool schema range, and duplicate backend names', () => {
    const target = {
      instance: 'a',
      backendName: 'openai-a',
      endpoint: 'https://oai-a.openai.azure.com/',
      accountId: 'id',
      priority: 1,
      weight: 1,
    };
    const make = (targets: (typeof target)[]) => () =>
      new OpenAiBackends(new TerraformStack(Testing.app(), 's'), 'backends', {
        apiManagementName: 'apim',
        apiManagementId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.ApiManagement/service/apim',
        resourceGroupName: 'rg',
        poolName: 'openai-pool',
        targets,
        circuitBreaker: { intervalSeconds: 10, tripDurationSeconds: 10 },
        dependsOn: [],
      });
    expect(make([{ ...target, weight: 200 }])).toThrow(
      /targets\[0\]\.weight must be an integer from 0 to 100 \(the backend pool's range\), got 200/,
    );
    expect(make([target, { ...target, instance: 'b' }])).toThrow(/targets\[1\]\.backendName "openai-a" is used twice/);
    expect(make([{ ...target, endpoint: 'https://example.com/' }])).toThrow(/endpoint must be https:\/\/<subdomain>\.openai\.azure\.com\//);
    expect(make([])).toThrow(/targets is empty/);
  });
});

describe('keyless access', () => {
  it.each(ENVIRONMENTS)(
    '%s: the instance identity holds Cognitive Services OpenAI User on every account, and nothing else there',
    (env) => {
      const stack = gateway(env);
      const all = Object.values(resourcesOf(stack, 'azurerm_role_assignment'));
      // The one other grant lets the logger publish telemetry to Application Insights (see logging tests).
      expect(all.filter((a) => a.role_definition_name !== 'Cognitive Services OpenAI User').map((a) => a.role_definition_name)).toEqual([
        'Monitoring Metrics Publisher',
      ]);
      const assignments = all.filter((a) => a.role_definition_name === 'Cognitive Services OpenAI User');
      expect(assignments).toHaveLength(shippedConfig(env).openai.instances.length);
      for (const assignment of assignments) {
        expect(assignment).toMatchObject({
          role_definition_name: 'Cognitive Services OpenAI User',
          principal_type: 'ServicePrincipal',
          principal_id: `\${${addressOf(stack, 'azurerm_api_management')}.identity[0].principal_id}`,
        });
        expect(String(assignment.scope)).toMatch(/openai\.outputs\..*cognitive_account.*id\}$/);
      }
    },
  );
});

describe('backends as Azure accepts them', () => {
  it.each(ENVIRONMENTS)('%s: each backend names its account by management URL, and the pool skips schema validation', (env) => {
    const stack = gateway(env);
    const backends = Object.values(resourcesOf(stack, 'azurerm_api_management_backend'));
    expect(backends.length).toBe(shippedConfig(env).openai.instances.length);
    for (const backend of backends) {
      expect(String(backend.resource_id)).toMatch(/^https:\/\/management\.azure\.com\$\{/);
    }
    const pool = Object.values(resourcesOf(stack, 'azapi_resource')).find((r) =>
      String(r.type).startsWith('Microsoft.ApiManagement/service/backends@'),
    )!;
    expect(pool.schema_validation_enabled).toBe(false);
  });
});
