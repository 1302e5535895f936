import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { WORKLOAD_SUBSCRIPTION_PREFIX } from '../../lib/naming';
import { DEPLOYMENT_ID_PARAMETER, LIST_DEPLOYMENTS_OPERATION_ID } from '../../lib/policy/openai-api';
import {
  CALLER_TRACE,
  DEFAULT_TEMPLATE_DIR,
  listNamedValueReferences,
  type OpenAiApiPolicyValues,
  type PolicyRenderContext,
  renderOpenAiApiPolicy,
  renderTierPolicy,
  type TierPolicyValues,
} from '../../lib/policy/render';
import { allElements, attr, children, elementsNamed, only, sectionOrder, text } from './xml';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const GATEWAY_APP = '11111111-2222-3333-4444-555555555555';
const GROUP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

const apiValues: OpenAiApiPolicyValues = {
  entra: { tenantId: TENANT, audiences: [GATEWAY_APP, 'api://aoai-gateway'] },
  backendPoolId: 'aoai-pool',
  retryCount: 2,
  retryIntervalSeconds: 1,
};

const context: PolicyRenderContext = { namedValues: [], backendIds: ['aoai-pool', 'aoai-eastus'] };

const tierValues: TierPolicyValues = {
  tierName: 'gold',
  entra: { tenantId: TENANT, audiences: [GATEWAY_APP] },
  requiredClaim: { name: 'roles', values: ['Gateway.Gold', 'Gateway.Admin'] },
  allowedDeployments: ['GPT-4o', 'text-embedding-3-large'],
  tokensPerMinute: 100000,
};

describe('renderOpenAiApiPolicy', () => {
  const xml = renderOpenAiApiPolicy(apiValues, context);

  it('validates the Entra token before inheriting product policies', () => {
    expect(sectionOrder(xml, 'inbound').slice(0, 8)).toEqual([
      'validate-azure-ad-token',
      'choose',
      'set-variable',
      'choose',
      'set-variable',
      'set-variable',
      'trace',
      'base',
    ]);
    const validation = elementsNamed(xml, 'validate-azure-ad-token')[0];
    expect(validation && attr(validation, 'tenant-id')).toBe(TENANT);
    expect(validation && attr(validation, 'failed-validation-httpcode')).toBe('401');
    expect(elementsNamed(xml, 'audience').map(text)).toEqual([GATEWAY_APP, 'api://aoai-gateway']);
    expect(elementsNamed(xml, 'client-application-ids')).toHaveLength(0);
  });

  it('records the caller on every request with a valid token, before any product policy can refuse it', () => {
    const trace = elementsNamed(xml, 'trace').find((t) => attr(t, 'source') === CALLER_TRACE.source)!;
    // information: the azuremonitor diagnostic logs traces at that verbosity, the Application Insights one does not.
    expect(attr(trace, 'severity')).toBe('information');
    const labels = Object.fromEntries(
      elementsNamed(xml, 'set-variable')
        .filter((v) => /^caller.*Label$/.test(attr(v, 'name') ?? ''))
        .map((v) => [attr(v, 'name'), attr(v, 'value')]),
    );
    expect(labels).toEqual({ callerObjectIdLabel: CALLER_TRACE.objectIdLabel, callerApplicationIdLabel: CALLER_TRACE.applicationIdLabel });
    const message = text(children(trace, 'message')[0]!);
    expect(message).toContain('(string)context.Variables["callerObjectIdLabel"] + "=" + caller.Claims.GetValueOrDefault("oid", "")');
    expect(message).toContain('(string)context.Variables["callerApplicationIdLabel"] + "=" + caller.Claims.GetValueOrDefault("azp", "")');
  });

  it('refuses subscriptions outside a product, which would skip every tier limit', () => {
    const guard = elementsNamed(xml, 'choose')[0]!;
    const when = children(guard, 'when')[0]!;
    expect(attr(when, 'condition')).toBe('@(context.Product == null)');
    const response = children(when, 'return-response')[0]!;
    expect(attr(children(response, 'set-status')[0]!, 'code')).toBe('403');
    expect(text(children(response, 'set-body')[0]!)).toContain('ProductSubscriptionRequired');
  });

  it('binds a workload subscription to the workload: its identifier must end with the token caller object id', () => {
    const validation = elementsNamed(xml, 'validate-azure-ad-token')[0]!;
    expect(attr(validation, 'output-token-variable-name')).toBe('gatewayToken');
    const prefix = elementsNamed(xml, 'set-variable').find((v) => attr(v, 'name') === 'workloadSubscriptionPrefix')!;
    expect(attr(prefix, 'value')).toBe(WORKLOAD_SUBSCRIPTION_PREFIX);
    const when = children(elementsNamed(xml, 'choose')[1]!, 'when')[0]!;
    const condition = attr(when, 'condition')!;
    expect(condition).toContain('context.Subscription.Id');
    expect(condition).toContain('StartsWith((string)context.Variables["workloadSubscriptionPrefix"])');
    expect(condition).toContain('((Jwt)context.Variables["gatewayToken"]).Claims.GetValueOrDefault("oid", "")');
    expect(condition).toContain('!subscription.EndsWith("-" + caller)');
    const response = children(when, 'return-response')[0]!;
    expect(attr(children(response, 'set-status')[0]!, 'code')).toBe('403');
    expect(text(children(response, 'set-body')[0]!)).toContain('SubscriptionNotForCaller');
  });

  it('lists client application ids when they are given', () => {
    const client = '99999999-8888-7777-6666-555555555555';
    const withClients = renderOpenAiApiPolicy({ ...apiValues, entra: { ...apiValues.entra, clientApplicationIds: [client] } }, context);
    expect(elementsNamed(withClients, 'application-id').map(text)).toEqual([client]);
  });

  it('drops incoming keys and calls Azure OpenAI with the managed identity', () => {
    const deleted = elementsNamed(xml, 'set-header')
      .filter((header) => attr(header, 'exists-action') === 'delete')
      .map((header) => attr(header, 'name'));
    expect(deleted).toEqual(expect.arrayContaining(['api-key', 'Ocp-Apim-Subscription-Key']));
    const deletedQuery = elementsNamed(xml, 'set-query-parameter')
      .filter((parameter) => attr(parameter, 'exists-action') === 'delete')
      .map((parameter) => attr(parameter, 'name'));
    expect(deletedQuery).toEqual(['api-key', 'subscription-key']);
    const identity = only(xml, 'authentication-managed-identity');
    expect(attr(identity, 'resource')).toBe('https://cognitiveservices.azure.com');
    expect(attr(identity, 'client-id')).toBeUndefined();
    const inbound = sectionOrder(xml, 'inbound');
    expect(inbound.indexOf('set-header')).toBeLessThan(inbound.indexOf('authentication-managed-identity'));
  });

  it('uses a user-assigned identity when its client id is given', () => {
    const clientId = '12345678-1234-1234-1234-123456789012';
    const rendered = renderOpenAiApiPolicy({ ...apiValues, managedIdentityClientId: clientId }, context);
    expect(attr(only(rendered, 'authentication-managed-identity'), 'client-id')).toBe(clientId);
  });

  it('routes to the backend pool', () => {
    expect(attr(only(xml, 'set-backend-service'), 'backend-id')).toBe('aoai-pool');
  });

  it('emits token metrics with the default five dimensions', () => {
    const metric = only(xml, 'azure-openai-emit-token-metric');
    expect(attr(metric, 'namespace')).toBe('aoai-gateway');
    const dimensions = children(metric, 'dimension');
    expect(dimensions.map((dimension) => attr(dimension, 'name'))).toEqual([
      'Subscription ID',
      'Product ID',
      'Client IP',
      'Deployment',
      'Backend ID',
    ]);
    // The client is the last X-Forwarded-For entry (appended by Application Gateway), without its port.
    const clientIp = attr(dimensions[2] ?? metric, 'value') ?? '';
    expect(clientIp).toContain('Headers.GetValueOrDefault("X-Forwarded-For", "")');
    expect(clientIp).toContain(".Split(',').Last()");
    expect(clientIp).toContain('Substring(0, colon)');
    expect(clientIp).toContain(': context.Request.IpAddress');
    expect(attr(dimensions[3] ?? metric, 'value')).toContain(`MatchedParameters["${DEPLOYMENT_ID_PARAMETER}"]`);
  });

  it('emits only the chosen dimensions', () => {
    const rendered = renderOpenAiApiPolicy(
      { ...apiValues, metricNamespace: 'chargeback', metricDimensions: ['subscriptionId', 'backendId'] },
      context,
    );
    const metric = only(rendered, 'azure-openai-emit-token-metric');
    expect(attr(metric, 'namespace')).toBe('chargeback');
    expect(children(metric, 'dimension').map((dimension) => attr(dimension, 'name'))).toEqual(['Subscription ID', 'Backend ID']);
  });

  it('retries throttled and failing pool members without buffering the response', () => {
    const retry = only(xml, 'retry');
    expect(attr(retry, 'count')).toBe('2');
    expect(attr(retry, 'interval')).toBe('1');
    expect(attr(retry, 'first-fast-retry')).toBe('true');
    expect(attr(retry, 'condition')).toContain('context.Response.StatusCode == 429');
    expect(attr(retry, 'condition')).toContain('context.Response.StatusCode >= 500');
    expect(children(retry).map((child) => child.name)).toEqual(['forward-request']);
    const forward = only(xml, 'forward-request');
    expect(attr(forward, 'buffer-response')).toBe('false');
    expect(attr(forward, 'buffer-request-body')).toBe('true');
    expect(attr(forward, 'timeout')).toBe('240');
  });

  it('never reads a response body, which would buffer streamed completions', () => {
    const expressions = allElements(xml).flatMap((element) => [...element.attributes.map(([, value]) => value), text(element)]);
    expect(expressions.filter((value) => value.includes('Response.Body'))).toEqual([]);
  });

  it('turns a backend 429 into a 503 with Retry-After', () => {
    const when = children(only(xml, 'outbound'), 'choose').flatMap((choose) => children(choose, 'when'));
    expect(when).toHaveLength(1);
    const branch = when[0];
    expect(branch && attr(branch, 'condition')).toContain('"gatewayBackendStatus", 0) == 429');
    const status = branch && children(branch, 'set-status')[0];
    expect(status && attr(status, 'code')).toBe('503');
    const retryAfter = branch && children(branch, 'set-header').find((header) => attr(header, 'name') === 'Retry-After');
    expect(retryAfter && attr(retryAfter, 'exists-action')).toBe('skip');
    expect(retryAfter && text(retryAfter)).toBe('10');
  });

  it('adds tracing headers and removes internal ones', () => {
    const outboundHeaders = children(only(xml, 'outbound'), 'set-header');
    expect(outboundHeaders.filter((header) => attr(header, 'exists-action') === 'override').map((header) => attr(header, 'name'))).toEqual([
      'x-gateway-request-id',
      'x-gateway-region',
    ]);
    expect(outboundHeaders.filter((header) => attr(header, 'exists-action') === 'delete').map((header) => attr(header, 'name'))).toEqual([
      'azureml-model-session',
      'x-aspnet-version',
      'x-powered-by',
      'x-ratelimit-remaining-requests',
      'x-ratelimit-remaining-tokens',
    ]);
  });

  describe('on-error', () => {
    const onError = only(xml, 'on-error');
    const branches = children(only(xml, 'on-error'), 'choose').flatMap((choose) => [
      ...children(choose, 'when'),
      ...children(choose, 'otherwise'),
    ]);
    const statusOf = (code: string) =>
      branches.find((branch) =>
        children(branch, 'set-variable').some(
          (variable) => attr(variable, 'name') === 'gatewayErrorCode' && attr(variable, 'value') === code,
        ),
      );

    it('keeps a tier token limit 429 with its Retry-After', () => {
      const branch = statusOf('TokenRateLimitExceeded');
      expect(branch && attr(branch, 'condition')).toContain('context.LastError.Section == "inbound"');
      expect(branch && attr(children(branch, 'set-status')[0] ?? branch, 'code')).toBe('429');
      const retryAfter = branch && children(branch, 'set-header')[0];
      expect(retryAfter && [attr(retryAfter, 'name'), attr(retryAfter, 'exists-action')]).toEqual(['Retry-After', 'skip']);
    });

    it('answers 503 with Retry-After for backend throttling and an exhausted pool', () => {
      const branch = statusOf('ServiceUnavailable');
      expect(branch && attr(branch, 'condition')).toContain('StatusCode == 429 || context.Response.StatusCode == 503');
      expect(branch && attr(children(branch, 'set-status')[0] ?? branch, 'code')).toBe('503');
      expect(branch && children(branch, 'set-header').map((header) => attr(header, 'name'))).toEqual(['Retry-After']);
    });

    it.each([
      ['GatewayTimeout', '504'],
      ['BadGateway', '502'],
      ['Unauthorized', '401'],
      ['Forbidden', '403'],
      ['NotFound', '404'],
    ])('maps %s to %s', (code, status) => {
      const branch = statusOf(code);
      expect(branch && attr(children(branch, 'set-status')[0] ?? branch, 'code')).toBe(status);
    });

    it('keeps the original status of other failures and gives errors without one a 500', () => {
      expect(children(statusOf('RequestRejected') ?? onError, 'set-status')).toHaveLength(0);
      const otherwise = branches.find((branch) => branch.name === 'otherwise');
      expect(otherwise && attr(children(otherwise, 'set-status')[0] ?? otherwise, 'code')).toBe('500');
    });

    it('answers every error with the same JSON body and logs it', () => {
      const body = children(onError, 'set-body')[0];
      expect(body && text(body)).toContain(
        'new JProperty("error", new JObject(new JProperty("code", (string)context.Variables["gatewayErrorCode"])',
      );
      expect(body && text(body)).toContain('new JProperty("message", (string)context.Variables["gatewayErrorMessage"])');
      expect(body && text(body)).toContain('new JProperty("requestId", context.RequestId.ToString())');
      const contentType = children(onError, 'set-header').find((header) => attr(header, 'name') === 'Content-Type');
      expect(contentType && text(contentType)).toBe('application/json');
      const onErrorTrace = elementsNamed(xml, 'trace').filter((trace) => attr(trace, 'source') !== CALLER_TRACE.source);
      expect(onErrorTrace.map((trace) => attr(trace, 'severity'))).toEqual(['error']);
    });
  });

  it('renders the same values to the same document', () => {
    expect(renderOpenAiApiPolicy(apiValues, context)).toBe(xml);
  });

  it('accepts named value references and lists them', () => {
    const rendered = renderOpenAiApiPolicy(
      { ...apiValues, entra: { tenantId: '{{entra-tenant-id}}', audiences: ['{{gateway-app-id}}'] } },
      { ...context, namedValues: ['entra-tenant-id', 'gateway-app-id'] },
    );
    expect(listNamedValueReferences(rendered)).toEqual(['entra-tenant-id', 'gateway-app-id']);
  });

  it('fails on a named value the instance does not define', () => {
    expect(() => renderOpenAiApiPolicy({ ...apiValues, entra: { ...apiValues.entra, tenantId: '{{entra-tenant-id}}' } }, context)).toThrow(
      'Policy template "openai-api.xml": named values referenced but not provided: {{entra-tenant-id}}',
    );
  });

  it('fails on a backend pool the instance does not define', () => {
    expect(() => renderOpenAiApiPolicy({ ...apiValues, backendPoolId: 'missing-pool' }, context)).toThrow(
      'Policy template "openai-api.xml": backend ids referenced but not provided: missing-pool',
    );
  });

  it.each<[string, Partial<OpenAiApiPolicyValues>, string]>([
    [
      'too many dimensions',
      { metricDimensions: ['apiId', 'subscriptionId', 'productId', 'clientIp', 'deployment', 'backendId'] },
      'metricDimensions has 6 entries (apiId, subscriptionId, productId, clientIp, deployment, backendId); the token metric policy allows at most 5, remove 1',
    ],
    [
      'duplicate dimensions',
      { metricDimensions: ['clientIp', 'clientIp'] },
      'metricDimensions lists "clientIp" twice; list each value once',
    ],
    ['no dimension', { metricDimensions: [] }, 'metricDimensions is empty; keep at least subscriptionId for chargeback'],
    ['a retry count of zero', { retryCount: 0 }, 'retryCount must be an integer from 1 to 50, got 0'],
    ['a fractional retry interval', { retryIntervalSeconds: 1.5 }, 'retryIntervalSeconds must be an integer from 0 to 300, got 1.5'],
    ['a timeout above 240 seconds', { backendTimeoutSeconds: 300 }, 'backendTimeoutSeconds must be an integer from 1 to 240, got 300'],
    [
      'a bad tenant',
      { entra: { tenantId: 'not a tenant', audiences: [GATEWAY_APP] } },
      'entra.tenantId must be a tenant GUID, a verified domain or a {{named value}}, got "not a tenant"',
    ],
    [
      'no audience',
      { entra: { tenantId: TENANT, audiences: [] } },
      "entra.audiences is empty; add the gateway app registration's client id or application id URI",
    ],
    [
      'a bad backend pool id',
      { backendPoolId: 'pool id' },
      `backendPoolId must be an API Management backend id (letters, digits, '.', '_', '-'), got "pool id"`,
    ],
    [
      'a bad identity client id',
      { managedIdentityClientId: 'me' },
      'managedIdentityClientId must be the client id (GUID) of a user-assigned identity, got "me"',
    ],
    [
      'removing a gateway header',
      { removedResponseHeaders: ['X-Gateway-Request-Id'] },
      'removedResponseHeaders[0] "X-Gateway-Request-Id" is set by the gateway itself; remove it from the list',
    ],
  ])('refuses %s', (_name, change, problem) => {
    expect(() => renderOpenAiApiPolicy({ ...apiValues, ...change }, context)).toThrow(`Policy template "openai-api.xml": ${problem}`);
  });

  it('refuses Terraform references, which belong in named values', () => {
    expect(() => renderOpenAiApiPolicy({ ...apiValues, managedIdentityClientId: '${TfToken[TOKEN.12]}' }, context)).toThrow(
      'Policy template "openai-api.xml": managedIdentityClientId is a Terraform reference ("${TfToken[TOKEN.12]}"); store it in an API Management named value and pass "{{name}}"',
    );
    expect(() =>
      renderTierPolicy({ ...tierValues, entra: { ...tierValues.entra, audiences: ['${azuread_application.gateway.client_id}'] } }, context),
    ).toThrow(
      'Policy template "product-tier.xml": tier "gold": entra.audiences[0] is a Terraform reference ("${azuread_application.gateway.client_id}"); store it in an API Management named value and pass "{{name}}"',
    );
  });

  it('reports every problem at once', () => {
    expect(() => renderOpenAiApiPolicy({ ...apiValues, retryCount: 0, backendTimeoutSeconds: 0 }, context)).toThrow(
      'Policy template "openai-api.xml": 2 problems:\n- retryCount must be an integer from 1 to 50, got 0\n- backendTimeoutSeconds must be an integer from 1 to 240, got 0',
    );
  });

  it('reads templates from another directory when asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-templates-'));
    const original = readFileSync(join(DEFAULT_TEMPLATE_DIR, 'openai-api.xml'), 'utf8');
    writeFileSync(
      join(dir, 'openai-api.xml'),
      original.replace('backend-id="${backendPoolId}"', 'backend-id="${backendPoolId}" sf-listener-name="custom"'),
    );
    const rendered = renderOpenAiApiPolicy(apiValues, { ...context, templateDir: dir });
    expect(attr(only(rendered, 'set-backend-service'), 'sf-listener-name')).toBe('custom');
  });
});

describe('renderTierPolicy', () => {
  const xml = renderTierPolicy(tierValues, context);

  it('requires the tier claim and answers 403 without it', () => {
    const validation = only(xml, 'validate-azure-ad-token');
    expect(attr(validation, 'failed-validation-httpcode')).toBe('403');
    expect(attr(validation, 'tenant-id')).toBe(TENANT);
    expect(elementsNamed(xml, 'audience').map(text)).toEqual([GATEWAY_APP]);
    const claim = only(xml, 'claim');
    expect([attr(claim, 'name'), attr(claim, 'match')]).toEqual(['roles', 'any']);
    expect(children(claim, 'value').map(text)).toEqual(['Gateway.Gold', 'Gateway.Admin']);
  });

  it('accepts group object ids', () => {
    const rendered = renderTierPolicy({ ...tierValues, requiredClaim: { name: 'groups', values: [GROUP] } }, context);
    const claim = only(rendered, 'claim');
    expect(attr(claim, 'name')).toBe('groups');
    expect(children(claim, 'value').map(text)).toEqual([GROUP]);
  });

  it('refuses deployments outside the tier with a 403 JSON error', () => {
    const allowed = elementsNamed(xml, 'set-variable').find((variable) => attr(variable, 'name') === 'tierAllowedDeployments');
    expect(allowed && attr(allowed, 'value')).toBe(',gpt-4o,text-embedding-3-large,');
    const when = elementsNamed(xml, 'when')[0]!;
    expect(attr(when, 'condition')).toContain(`MatchedParameters["${DEPLOYMENT_ID_PARAMETER}"].ToLowerInvariant()`);
    expect(attr(when, 'condition')).toContain('(string)context.Variables["tierAllowedDeployments"]');
    const response = only(xml, 'return-response');
    expect(attr(children(response, 'set-status')[0] ?? response, 'code')).toBe('403');
    expect(text(children(response, 'set-body')[0] ?? response)).toContain('new JProperty("code", "DeploymentNotAllowed")');
  });

  it("filters the deployment list to the tier's own deployments", () => {
    const operation = elementsNamed(xml, 'set-variable').find((variable) => attr(variable, 'name') === 'tierListDeploymentsOperation');
    expect(operation && attr(operation, 'value')).toBe(LIST_DEPLOYMENTS_OPERATION_ID);
    const filter = elementsNamed(xml, 'when').find((when) => attr(when, 'condition')?.includes('tierListDeploymentsOperation'));
    expect(attr(filter!, 'condition')).toContain('context.Operation.Id == (string)context.Variables["tierListDeploymentsOperation"]');
    const body = text(children(filter!, 'set-body')[0]!);
    expect(body).toContain('(string)context.Variables["tierAllowedDeployments"]');
    expect(body).toContain('body["data"] = new JArray(listed.Where(');
    expect(body).toContain('allowed.Contains("," + ((string)d["id"] ?? "").ToLowerInvariant() + ",")');
  });

  it('limits tokens per subscription per minute', () => {
    const limit = only(xml, 'azure-openai-token-limit');
    expect(Object.fromEntries(limit.attributes)).toEqual({
      'counter-key': '@(context.Subscription.Id)',
      'tokens-per-minute': '100000',
      'estimate-prompt-tokens': 'true',
      'retry-after-header-name': 'Retry-After',
      'remaining-tokens-header-name': 'x-gateway-remaining-tokens',
      'tokens-consumed-header-name': 'x-gateway-tokens-consumed',
    });
  });

  it('renders a quota without a per-minute limit', () => {
    const { tokensPerMinute: _unused, ...rest } = tierValues;
    const rendered = renderTierPolicy(
      { ...rest, tokenQuota: { tokens: 5000000, period: 'Monthly' }, estimatePromptTokens: false },
      context,
    );
    const limit = only(rendered, 'azure-openai-token-limit');
    expect(attr(limit, 'tokens-per-minute')).toBeUndefined();
    expect(attr(limit, 'remaining-tokens-header-name')).toBeUndefined();
    expect(attr(limit, 'token-quota')).toBe('5000000');
    expect(attr(limit, 'token-quota-period')).toBe('Monthly');
    expect(attr(limit, 'remaining-quota-tokens-header-name')).toBe('x-gateway-remaining-quota-tokens');
    expect(attr(limit, 'estimate-prompt-tokens')).toBe('false');
  });

  it('runs the token limit after the deployment check, inside inbound', () => {
    expect(sectionOrder(xml, 'inbound')).toEqual(['base', 'validate-azure-ad-token', 'set-variable', 'choose', 'azure-openai-token-limit']);
  });

  it.each<[string, Partial<TierPolicyValues>, string]>([
    [
      'a tier without any token limit',
      { tokensPerMinute: undefined },
      'tier "gold": set tokensPerMinute, tokenQuota or both; a tier without a token limit is not allowed',
    ],
    [
      'a zero per-minute limit',
      { tokensPerMinute: 0 },
      `tier "gold": tokensPerMinute must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}, got 0`,
    ],
    [
      'an unknown quota period',
      { tokenQuota: { tokens: 10, period: 'Fortnightly' as 'Daily' } },
      'tier "gold": tokenQuota.period must be one of Hourly, Daily, Weekly, Monthly, Yearly, got "Fortnightly"',
    ],
    ['no deployment', { allowedDeployments: [] }, 'tier "gold": allowedDeployments is empty; list the deployments the tier may call'],
    [
      'a bad deployment name',
      { allowedDeployments: ['gpt 4o'] },
      `tier "gold": allowedDeployments[0] must be an Azure OpenAI deployment name (letters, digits, '.', '_', '-', up to 64), got "gpt 4o"`,
    ],
    [
      'the same deployment twice',
      { allowedDeployments: ['gpt-4o', 'GPT-4O'] },
      'tier "gold": allowedDeployments lists "GPT-4O" twice; list each value once',
    ],
    [
      'a group that is not an object id',
      { requiredClaim: { name: 'groups', values: ['Gold Users'] } },
      'tier "gold": requiredClaim.values[0] must be a group object id (GUID) or a {{named value}}, got "Gold Users"',
    ],
    [
      'a role with a space',
      { requiredClaim: { name: 'roles', values: ['Gold User'] } },
      'tier "gold": requiredClaim.values[0] must be an app role value without spaces or quotes, got "Gold User"',
    ],
    [
      'no claim value',
      { requiredClaim: { name: 'roles', values: [] } },
      'tier "gold": requiredClaim.values is empty; list the app role values or group object ids that grant the tier',
    ],
    [
      'a header Azure OpenAI already uses',
      { remainingTokensHeaderName: 'x-ratelimit-remaining-tokens' },
      'tier "gold": remainingTokensHeaderName "x-ratelimit-remaining-tokens" collides with a header the API policy sets or removes; use an x-gateway-... name',
    ],
  ])('refuses %s', (_name, change, problem) => {
    expect(() => renderTierPolicy({ ...tierValues, ...change }, context)).toThrow(`Policy template "product-tier.xml": ${problem}`);
  });

  it('renders the same values to the same document', () => {
    expect(renderTierPolicy(tierValues, context)).toBe(xml);
  });
});
