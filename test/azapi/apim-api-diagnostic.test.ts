import {
  APIM_DIAGNOSTIC_API_VERSION,
  ApimApiDiagnostic,
  type ApimApiDiagnosticProps,
  ApimApplicationInsightsApiDiagnostic,
  ApimAzureMonitorApiDiagnostic,
  applicationInsightsDiagnosticProperties,
  azureMonitorDiagnosticProperties,
} from '../../constructs/azapi/apim-api-diagnostic';
import { APIM_ID, onlyAzapiResource, record, stackWithProvider, synth } from './synth';

const LOGGER = `${APIM_ID}/loggers/appinsights`;

function properties(json: ReturnType<typeof synth>): Record<string, unknown> {
  return record(record(onlyAzapiResource(json)['body'])['properties']);
}

function directions(props: Record<string, unknown>): Array<[string, Record<string, unknown>]> {
  return ['frontend', 'backend'].flatMap((side) =>
    ['request', 'response'].map((kind): [string, Record<string, unknown>] => [`${side}.${kind}`, record(record(props[side])[kind])]),
  );
}

describe('ApimAzureMonitorApiDiagnostic', () => {
  const stack = stackWithProvider();
  new ApimAzureMonitorApiDiagnostic(stack, 'azure-monitor', { apiManagementId: APIM_ID, apiName: 'azure-openai' });
  const json = synth(stack);
  const body = properties(json);

  it('is the azuremonitor diagnostic of the API, on the built-in azuremonitor logger', () => {
    const resource = onlyAzapiResource(json);
    expect(resource['type']).toBe(`Microsoft.ApiManagement/service/apis/diagnostics@${APIM_DIAGNOSTIC_API_VERSION}`);
    expect(APIM_DIAGNOSTIC_API_VERSION).toBe('2024-06-01-preview');
    expect(resource['name']).toBe('azuremonitor');
    expect(resource['parent_id']).toBe(`${APIM_ID}/apis/azure-openai`);
    expect(body['loggerId']).toBe(`${APIM_ID}/loggers/azuremonitor`);
  });

  it('logs every request with the caller IP and every error', () => {
    expect(body['sampling']).toEqual({ samplingType: 'fixed', percentage: 100 });
    expect(body['logClientIp']).toBe(true);
    expect(body['alwaysLog']).toBe('allErrors');
  });

  it("keeps information traces, where the API policy records each request's caller", () => {
    expect(body['verbosity']).toBe('information');
  });

  it('logs prompts and completions through the LLM log, up to the largest size allowed', () => {
    expect(body['largeLanguageModel']).toEqual({
      logs: 'enabled',
      requests: { messages: 'all', maxSizeInBytes: 262144 },
      responses: { messages: 'all', maxSizeInBytes: 262144 },
    });
    expect(body).not.toHaveProperty('metrics');
  });

  it('logs no bodies by default, so streamed responses are not buffered', () => {
    for (const [, message] of directions(body)) {
      expect(message['body']).toEqual({ bytes: 0 });
    }
  });

  it('hides credential headers everywhere and subscription keys in request URLs', () => {
    for (const [name, message] of directions(body)) {
      const masking = record(message['dataMasking']);
      expect(masking['headers']).toEqual([
        { value: 'Authorization', mode: 'Hide' },
        { value: 'api-key', mode: 'Hide' },
        { value: 'Ocp-Apim-Subscription-Key', mode: 'Hide' },
      ]);
      const expectedQuery = name.endsWith('request')
        ? [
            { value: 'api-key', mode: 'Hide' },
            { value: 'subscription-key', mode: 'Hide' },
          ]
        : undefined;
      expect(masking['queryParams']).toEqual(expectedQuery);
      const headers = message['headers'] as string[];
      expect(headers.map((header) => header.toLowerCase())).not.toEqual(expect.arrayContaining(['authorization']));
    }
  });

  it('logs up to 8192 body bytes when asked', () => {
    const withBodies = azureMonitorDiagnosticProperties(APIM_ID, { bodyBytes: 8192, llmMessageMaxBytes: 32768, samplingPercentage: 50 });
    expect(withBodies.frontend?.request?.body).toEqual({ bytes: 8192 });
    expect(withBodies.backend?.response?.body).toEqual({ bytes: 8192 });
    expect(withBodies.largeLanguageModel?.requests?.maxSizeInBytes).toBe(32768);
    expect(withBodies.sampling?.percentage).toBe(50);
  });

  it.each<[string, Parameters<typeof azureMonitorDiagnosticProperties>[1], string]>([
    ['more than 8192 body bytes', { bodyBytes: 8193 }, 'frontend.request.body.bytes must be an integer from 0 to 8192, got 8193'],
    [
      'an LLM message limit above 256 KB',
      { llmMessageMaxBytes: 262145 },
      'largeLanguageModel.requests.maxSizeInBytes must be an integer from 1 to 262144, got 262145',
    ],
    [
      'an LLM message limit of zero',
      { llmMessageMaxBytes: 0 },
      'largeLanguageModel.requests.maxSizeInBytes must be an integer from 1 to 262144, got 0',
    ],
    ['a sampling above 100%', { samplingPercentage: 120 }, 'sampling.percentage must be from 0 to 100, got 120'],
  ])('refuses %s', (_name, options, problem) => {
    expect(
      () =>
        new ApimAzureMonitorApiDiagnostic(stackWithProvider(), 'azure-monitor', {
          apiManagementId: APIM_ID,
          apiName: 'azure-openai',
          ...options,
        }),
    ).toThrow(`ApimApiDiagnostic "azure-monitor": ${problem}`);
  });
});

describe('ApimApplicationInsightsApiDiagnostic', () => {
  const stack = stackWithProvider();
  new ApimApplicationInsightsApiDiagnostic(stack, 'app-insights', { apiManagementId: APIM_ID, apiName: 'azure-openai', loggerId: LOGGER });
  const json = synth(stack);
  const body = properties(json);

  it('is the applicationinsights diagnostic with custom metrics on', () => {
    expect(onlyAzapiResource(json)['name']).toBe('applicationinsights');
    expect(body['loggerId']).toBe(LOGGER);
    expect(body['metrics']).toBe(true);
    expect(body['sampling']).toEqual({ samplingType: 'fixed', percentage: 100 });
    expect(body['httpCorrelationProtocol']).toBe('W3C');
    expect(body).not.toHaveProperty('largeLanguageModel');
  });

  it('sends only error traces: the per-request caller trace stays in the workspace row, not a second record', () => {
    expect(body['verbosity']).toBe('error');
  });

  it('logs no bodies by default', () => {
    for (const [, message] of directions(body)) {
      expect(message['body']).toEqual({ bytes: 0 });
    }
  });
});

describe('ApimApiDiagnostic', () => {
  const valid: ApimApiDiagnosticProps = {
    apiManagementId: APIM_ID,
    apiName: 'azure-openai',
    name: 'applicationinsights',
    properties: applicationInsightsDiagnosticProperties(LOGGER),
  };

  it.each<[string, Partial<ApimApiDiagnosticProps>, string]>([
    [
      'LLM logging on the Application Insights diagnostic',
      { properties: { ...applicationInsightsDiagnosticProperties(LOGGER), largeLanguageModel: { logs: 'enabled' } } },
      'largeLanguageModel belongs on the azuremonitor diagnostic (ApiManagementGatewayLlmLog), not on applicationinsights',
    ],
    [
      'metrics on the Azure Monitor diagnostic',
      { name: 'azuremonitor', properties: { ...azureMonitorDiagnosticProperties(APIM_ID), metrics: true } },
      'metrics applies only to the applicationinsights diagnostic, not to azuremonitor',
    ],
    [
      'the azuremonitor diagnostic on another logger',
      { name: 'azuremonitor', properties: { ...azureMonitorDiagnosticProperties(APIM_ID), loggerId: LOGGER } },
      `the azuremonitor diagnostic must use the built-in logger "<apim id>/loggers/azuremonitor", got "${LOGGER}"`,
    ],
    [
      'a logged credential header without masking',
      { properties: { loggerId: LOGGER, frontend: { request: { headers: ['Authorization'] } } } },
      'frontend.request logs the credential header "Authorization" without masking it',
    ],
    [
      'an API id with a revision suffix',
      { apiName: 'azure-openai;rev=1' },
      'apiName must be the API\'s name (no "/" or ";rev=" suffix), got "azure-openai;rev=1"',
    ],
  ])('refuses %s', (_name, change, problem) => {
    expect(() => new ApimApiDiagnostic(stackWithProvider(), 'diagnostic', { ...valid, ...change })).toThrow(
      `ApimApiDiagnostic "diagnostic": ${problem}`,
    );
  });

  it('writes a typed body as given', () => {
    const stack = stackWithProvider();
    new ApimApiDiagnostic(stack, 'diagnostic', {
      ...valid,
      properties: { loggerId: LOGGER, verbosity: 'error', operationNameFormat: 'Url' },
    });
    expect(properties(synth(stack))).toEqual({ loggerId: LOGGER, verbosity: 'error', operationNameFormat: 'Url' });
  });
});
