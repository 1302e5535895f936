import { gatewayAzureMonitorProperties } from '../../constructs/apim/gateway-logging';
import type { TableSchema } from '../../lib/kql/schema';
import { ApiManagementGatewayLlmLog, ApiManagementGatewayLogs } from '../../lib/kql/schemas';
import { TOKEN_LIMIT_HEADERS } from '../../lib/policy/render';
import { readSavedQuery, savedQuery } from '../../policies/kql/catalog';
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
import { addressOf, apiPolicy, attr, azapiProperties, elementsNamed, onlyElement } from './helpers';

const synth = synthShipped();
const gateway = (env: string) => stackOf(synth, `${env}-gateway`);
const DIAGNOSTICS = 'Microsoft.ApiManagement/service/apis/diagnostics';
const azureMonitor = (env: string) => azapiProperties(gateway(env), DIAGNOSTICS, 'azuremonitor');
const appInsights = (env: string) => azapiProperties(gateway(env), DIAGNOSTICS, 'applicationinsights');

type Message = { headers?: string[]; body?: { bytes: number }; dataMasking?: { headers?: Attributes[]; queryParams?: Attributes[] } };
type Pipeline = { request: Message; response: Message };

function apimDiagnosticSetting(env: string): Attributes {
  const stack = gateway(env);
  return Object.values(resourcesOf(stack, 'azurerm_monitor_diagnostic_setting')).find(
    (s) => s.target_resource_id === `\${${addressOf(stack, 'azurerm_api_management')}.id}`,
  )!;
}

function loggedCategories(env: string): string[] {
  return (apimDiagnosticSetting(env).enabled_log as Attributes[]).map((l) => String(l.category));
}

function tokenMetric(env: string) {
  return onlyElement(apiPolicy(gateway(env)), 'azure-openai-emit-token-metric');
}

/** The Azure Monitor log pipeline every gateway row relies on: resource-specific tables, every request kept. */
function expectGatewayLogsPipeline(env: string): void {
  expect(apimDiagnosticSetting(env).log_analytics_destination_type).toBe('Dedicated');
  expect(loggedCategories(env)).toContain('GatewayLogs');
  expect(azureMonitor(env).sampling).toEqual({ samplingType: 'fixed', percentage: 100 });
}

/** The LLM log pipeline: GatewayLlmLogs category and LLM logging on the API's azuremonitor diagnostic. */
function expectLlmLogPipeline(env: string): void {
  expect(apimDiagnosticSetting(env).log_analytics_destination_type).toBe('Dedicated');
  expect(loggedCategories(env)).toContain('GatewayLlmLogs');
  expect((azureMonitor(env).largeLanguageModel as Attributes).logs).toBe('enabled');
}

/** Token metrics reach Application Insights: the policy emits them and the diagnostic forwards custom metrics. */
function expectTokenMetrics(env: string): void {
  expect(attr(tokenMetric(env), 'namespace')).toBe('aoai-gateway');
  expect(appInsights(env).metrics).toBe(true);
}

/** Where a row is recorded: a table column (checked against the documented schema) or a metric name. */
type RecordedIn =
  | { readonly table: TableSchema; readonly column: string }
  | { readonly metric: string; readonly source: 'API Management platform metric' | 'Application Insights custom metric' };

interface MetricRow {
  readonly row: string;
  readonly recordedIn: readonly RecordedIn[];
  /** Asserts the configuration that makes the row recorded. */
  readonly configured: (env: string) => void;
}

const LLM = ApiManagementGatewayLlmLog;
const GATEWAY = ApiManagementGatewayLogs;

const METRIC_TABLE: readonly MetricRow[] = [
  {
    row: 'request count',
    recordedIn: [
      { table: GATEWAY, column: 'CorrelationId' },
      { metric: 'Requests', source: 'API Management platform metric' },
    ],
    configured: (env) => {
      expectGatewayLogsPipeline(env);
      expect(apimDiagnosticSetting(env).enabled_metric).toEqual([{ category: 'AllMetrics' }]);
    },
  },
  {
    row: 'data in/out',
    recordedIn: [
      { table: GATEWAY, column: 'RequestSize' },
      { table: GATEWAY, column: 'ResponseSize' },
    ],
    configured: expectGatewayLogsPipeline,
  },
  {
    row: 'latency',
    recordedIn: [
      { table: GATEWAY, column: 'TotalTime' },
      { table: GATEWAY, column: 'BackendTime' },
      { metric: 'Duration', source: 'API Management platform metric' },
      { metric: 'BackendDuration', source: 'API Management platform metric' },
    ],
    configured: (env) => {
      expectGatewayLogsPipeline(env);
      expect(apimDiagnosticSetting(env).enabled_metric).toEqual([{ category: 'AllMetrics' }]);
    },
  },
  {
    row: 'token totals',
    recordedIn: [
      { table: LLM, column: 'TotalTokens' },
      { metric: 'Total Tokens', source: 'Application Insights custom metric' },
    ],
    configured: (env) => {
      expectLlmLogPipeline(env);
      expectTokenMetrics(env);
    },
  },
  {
    row: 'caller IP',
    // Behind Application Gateway, CallerIpAddress is the gateway's own address; the client is the last
    // X-Forwarded-For entry, which the diagnostic logs in RequestHeaders and the token metric takes as Client IP.
    recordedIn: [
      { table: GATEWAY, column: 'CallerIpAddress' },
      { table: GATEWAY, column: 'RequestHeaders' },
      { metric: 'Total Tokens by Client IP', source: 'Application Insights custom metric' },
    ],
    configured: (env) => {
      expectGatewayLogsPipeline(env);
      expect(azureMonitor(env).logClientIp).toBe(true);
      expect(appInsights(env).logClientIp).toBe(true);
      expect((azureMonitor(env).frontend as Pipeline).request.headers).toContain('X-Forwarded-For');
      const clientIp = elementsNamed(apiPolicy(gateway(env)), 'dimension').find((d) => attr(d, 'name') === 'Client IP')!;
      expect(attr(clientIp, 'value')).toContain('GetValueOrDefault("X-Forwarded-For", "")');
      expect(attr(clientIp, 'value')).toContain(': context.Request.IpAddress');
    },
  },
  {
    row: 'model utilization',
    recordedIn: [
      { table: LLM, column: 'ModelName' },
      { table: LLM, column: 'DeploymentName' },
    ],
    configured: (env) => {
      expectLlmLogPipeline(env);
      const deployment = elementsNamed(apiPolicy(gateway(env)), 'dimension').find((d) => attr(d, 'name') === 'Deployment')!;
      expect(attr(deployment, 'value')).toContain('deployment-id');
    },
  },
  {
    row: 'prompt and completion token use',
    recordedIn: [
      { table: LLM, column: 'PromptTokens' },
      { table: LLM, column: 'CompletionTokens' },
      { metric: 'Prompt Tokens', source: 'Application Insights custom metric' },
      { metric: 'Completion Tokens', source: 'Application Insights custom metric' },
    ],
    configured: (env) => {
      expectLlmLogPipeline(env);
      expectTokenMetrics(env);
      const dimensions = elementsNamed(apiPolicy(gateway(env)), 'dimension').map((d) => attr(d, 'name'));
      expect(dimensions).toEqual(expect.arrayContaining(['Subscription ID', 'Product ID']));
    },
  },
  {
    row: 'prompt detail',
    recordedIn: [
      { table: LLM, column: 'RequestMessages' },
      { table: GATEWAY, column: 'RequestBody' },
    ],
    configured: (env) => {
      expectLlmLogPipeline(env);
      const logging = shippedConfig(env as 'prod').apiManagement.logging;
      expect((azureMonitor(env).largeLanguageModel as Attributes).requests).toEqual({
        messages: 'all',
        maxSizeInBytes: logging.llmMessageBytes,
      });
      expect((azureMonitor(env).frontend as Pipeline).request.body).toEqual({ bytes: 8192 });
    },
  },
  {
    row: 'completion detail',
    recordedIn: [
      { table: LLM, column: 'ResponseMessages' },
      { table: LLM, column: 'IsStreamCompletion' },
    ],
    configured: (env) => {
      expectLlmLogPipeline(env);
      const logging = shippedConfig(env as 'prod').apiManagement.logging;
      expect((azureMonitor(env).largeLanguageModel as Attributes).responses).toEqual({
        messages: 'all',
        maxSizeInBytes: logging.llmMessageBytes,
      });
    },
  },
  {
    row: 'deployment operations',
    recordedIn: [{ table: GATEWAY, column: 'OperationId' }],
    configured: (env) => {
      expectGatewayLogsPipeline(env);
      const operations = Object.values(resourcesOf(gateway(env), 'azurerm_api_management_api_operation')).map((o) => o.operation_id);
      expect(operations).toEqual(expect.arrayContaining(['deployments-list', 'deployments-get']));
    },
  },
  {
    row: 'embedding operations',
    recordedIn: [
      { table: GATEWAY, column: 'OperationId' },
      // The token metric policy covers embeddings models (text-embedding-3-large and -small, ada-002).
      { metric: 'Prompt Tokens', source: 'Application Insights custom metric' },
    ],
    configured: (env) => {
      expectGatewayLogsPipeline(env);
      expectTokenMetrics(env);
      const operations = Object.values(resourcesOf(gateway(env), 'azurerm_api_management_api_operation')).map((o) => o.operation_id);
      expect(operations).toContain('embeddings-create');
    },
  },
];

function describeRecord(record: RecordedIn): string {
  return 'table' in record ? `${record.table.name}.${record.column}` : `metric "${record.metric}"`;
}

describe('the metric table: each row, where it is recorded, and the configuration that records it', () => {
  it('covers every row of the reference architecture table', () => {
    expect(METRIC_TABLE.map((r) => r.row)).toEqual([
      'request count',
      'data in/out',
      'latency',
      'token totals',
      'caller IP',
      'model utilization',
      'prompt and completion token use',
      'prompt detail',
      'completion detail',
      'deployment operations',
      'embedding operations',
    ]);
  });

  it.each(METRIC_TABLE.map((row) => [row.row, row.recordedIn.map(describeRecord).join(', '), row] as const))(
    '%s: %s',
    (_row, _where, row) => {
      for (const record of row.recordedIn) {
        if ('table' in record) {
          expect(record.table.columns.map((c) => c.name)).toContain(record.column);
        }
      }
      for (const env of ['dev', 'test', 'prod']) {
        row.configured(env);
      }
    },
  );
});

describe('streaming and body logging', () => {
  it.each(['dev', 'test', 'prod'])('%s: no diagnostic logs a response body, so streamed completions are never buffered', (env) => {
    for (const properties of [azureMonitor(env), appInsights(env)]) {
      expect((properties.frontend as Pipeline).response.body).toEqual({ bytes: 0 });
      expect((properties.backend as Pipeline).response.body).toEqual({ bytes: 0 });
    }
    expect(attr(onlyElement(apiPolicy(gateway(env)), 'forward-request'), 'buffer-response')).toBe('false');
  });

  it('request bodies (prompts) go to Log Analytics only, never to Application Insights', () => {
    expect((azureMonitor('prod').frontend as Pipeline).request.body).toEqual({ bytes: 8192 });
    expect((azureMonitor('prod').backend as Pipeline).request.body).toEqual({ bytes: 8192 });
    expect((appInsights('prod').frontend as Pipeline).request.body).toEqual({ bytes: 0 });
  });

  it('a configuration that accepts buffered responses gets response bodies logged', () => {
    const raw = rawEnvironment('dev') as { apiManagement: Attributes };
    raw.apiManagement.logging = { responseBodyBytes: 4096 };
    const stack = stackOf(synthesizeConfigs([validate(raw)]), 'dev-gateway');
    const properties = azapiProperties(stack, DIAGNOSTICS, 'azuremonitor');
    expect((properties.backend as Pipeline).response.body).toEqual({ bytes: 4096 });
    expect((properties.frontend as Pipeline).request.body).toEqual({ bytes: 8192 });
  });

  it('the properties builder keeps request and response sizes apart', () => {
    const properties = gatewayAzureMonitorProperties('/subscriptions/s/resourceGroups/r/providers/Microsoft.ApiManagement/service/a', {
      requestBodyBytes: 100,
      responseBodyBytes: 0,
      llmMessageBytes: 2048,
    });
    expect(properties.frontend?.request?.body).toEqual({ bytes: 100 });
    expect(properties.frontend?.response?.body).toEqual({ bytes: 0 });
    expect(properties.loggerId).toBe('/subscriptions/s/resourceGroups/r/providers/Microsoft.ApiManagement/service/a/loggers/azuremonitor');
    expect(properties.largeLanguageModel?.requests?.maxSizeInBytes).toBe(2048);
  });
});

describe('credentials never reach the logs', () => {
  it.each(['azuremonitor', 'applicationinsights'])(
    '%s: api-key and Authorization are hidden in every direction, subscription keys in query strings too',
    (name) => {
      const properties = azapiProperties(gateway('prod'), DIAGNOSTICS, name);
      for (const side of ['frontend', 'backend'] as const) {
        for (const direction of ['request', 'response'] as const) {
          const message = (properties[side] as Pipeline)[direction];
          const hidden = (message.dataMasking?.headers ?? []).filter((h) => h.mode === 'Hide').map((h) => h.value);
          expect(hidden).toEqual(expect.arrayContaining(['api-key', 'Authorization']));
        }
        const query = ((properties[side] as Pipeline).request.dataMasking?.queryParams ?? []).map((q) => q.value);
        expect(query).toEqual(expect.arrayContaining(['subscription-key', 'api-key']));
      }
    },
  );
});

describe('loggers', () => {
  it.each(['dev', 'test', 'prod'])(
    '%s: the Application Insights logger sends with the managed identity, which may publish to that component and nothing else',
    (env) => {
      const stack = gateway(env);
      expect(resourcesOf(stack, 'azurerm_api_management_logger')).toEqual({});
      const logger = azapiProperties(stack, 'Microsoft.ApiManagement/service/loggers', 'application-insights');
      expect(logger.loggerType).toBe('applicationInsights');
      expect(String(logger.resourceId)).toMatch(/monitoring\.outputs\..*application_insights.*id\}$/);
      const credentials = logger.credentials as Attributes;
      expect(Object.keys(credentials).sort()).toEqual(['connectionString', 'identityClientId']);
      expect(credentials.identityClientId).toBe('SystemAssigned');
      expect(String(credentials.connectionString)).toMatch(/monitoring\.outputs\..*connection_string\}$/);

      const loggers = Object.entries(resourcesOf(stack, 'azapi_resource')).filter(([, r]) => String(r.type).includes('/loggers@'));
      expect(appInsights(env).loggerId).toBe(`\${azapi_resource.${loggers[0]![0]}.id}`);

      const publishers = Object.entries(resourcesOf(stack, 'azurerm_role_assignment')).filter(
        ([, r]) => r.role_definition_name === 'Monitoring Metrics Publisher',
      );
      expect(publishers).toHaveLength(1);
      const [address, publisher] = publishers[0]!;
      expect(publisher).toMatchObject({
        scope: logger.resourceId,
        principal_id: `\${${addressOf(stack, 'azurerm_api_management')}.identity[0].principal_id}`,
        principal_type: 'ServicePrincipal',
      });
      expect(loggers[0]![1].depends_on).toEqual(expect.arrayContaining([`azurerm_role_assignment.${address}`]));
    },
  );

  it.each(['dev', 'test', 'prod'])('%s: Application Insights refuses instrumentation-key ingestion', (env) => {
    expect(onlyResource(stackOf(synth, `${env}-monitoring`), 'azurerm_application_insights').local_authentication_disabled).toBe(true);
  });

  it('the azuremonitor diagnostic uses the built-in logger API Management creates itself', () => {
    expect(azureMonitor('dev').loggerId).toBe(`\${${addressOf(gateway('dev'), 'azurerm_api_management')}.id}/loggers/azuremonitor`);
  });

  it('both API diagnostics belong to the Azure OpenAI API and wait for it', () => {
    const stack = gateway('dev');
    const diagnostics = Object.values(resourcesOf(stack, 'azapi_resource')).filter((r) => String(r.type).startsWith(`${DIAGNOSTICS}@`));
    expect(diagnostics.map((d) => d.name).sort()).toEqual(['applicationinsights', 'azuremonitor']);
    for (const diagnostic of diagnostics) {
      expect(diagnostic.parent_id).toBe(`\${${addressOf(stack, 'azurerm_api_management')}.id}/apis/azure-openai`);
      expect(diagnostic.depends_on).toContain(addressOf(stack, 'azurerm_api_management_api'));
    }
  });
});

describe('token quota left, per subscription', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: the request log keeps the header the token limit sets, and the saved query reads it', (env) => {
    const response = (azureMonitor(env).frontend as Pipeline).response.headers ?? [];
    expect(response).toContain(TOKEN_LIMIT_HEADERS.remainingQuotaTokens);
    const query = readSavedQuery(savedQuery('token-quota-remaining'));
    expect(query).toContain(`ResponseHeaders["${TOKEN_LIMIT_HEADERS.remainingQuotaTokens}"]`);
    expect(query).toContain('LastErrorSource == "azure-openai-token-limit"');
  });
});
