import { ARM_TYPES } from '../../../tools/check/arm-types';
import { armTypeOf, azapiBodyReport } from '../../../tools/check/azapi-bodies';
import { allResources, synthShipped } from '../../helpers/synth';

const APIM = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim';

function stackWith(type: 'azapi_resource' | 'azapi_update_resource' | 'azapi_resource_action', values: Record<string, unknown>) {
  return [{ name: 'dev-gateway', json: { resource: { [type]: { r: values } } } }];
}

const pool = (properties: Record<string, unknown>) =>
  stackWith('azapi_resource', {
    type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
    name: 'pool',
    parent_id: APIM,
    body: { properties },
  });

const diagnostic = (properties: Record<string, unknown>) =>
  stackWith('azapi_resource', {
    type: 'Microsoft.ApiManagement/service/apis/diagnostics@2024-06-01-preview',
    name: 'azuremonitor',
    parent_id: `${APIM}/apis/openai`,
    body: { properties: { loggerId: `${APIM}/loggers/azuremonitor`, ...properties } },
  });

describe('azapi bodies against the ARM type definitions', () => {
  const synth = synthShipped();
  const report = azapiBodyReport(Object.entries(synth.stacks).map(([name, json]) => ({ name, json: json as Record<string, unknown> })));

  it(`every shipped azapi body matches its type and API version (${report.checked} values checked)`, () => {
    expect(report.problems).toEqual([]);
    expect(report.checked).toBeGreaterThan(100);
  });

  it('has a definition for every type the shipped stacks send, and none it does not need', () => {
    const sent = new Set(
      allResources(synth)
        .filter((r) => ['azapi_resource', 'azapi_update_resource', 'azapi_resource_action'].includes(r.type))
        .map((r) => String(r.attributes.type)),
    );
    expect([...sent].sort()).toEqual(ARM_TYPES.map((entry) => entry.type).sort());
  });

  it('finds unknown properties, wrong casing, read-only ones and values outside the definition', () => {
    expect(
      azapiBodyReport(
        diagnostic({
          LogClientIp: true,
          provisioningState: 'x',
          sampling: { samplingType: 'Fixed', percentage: 150 },
          verbosity: 'debug',
          frontend: { request: { body: { bytes: 9000 } } },
          largeLanguageModel: { logs: 'enabled', requests: { messages: 'all', maxSizeInBytes: 0 } },
        }),
      ).problems,
    ).toEqual([
      'dev-gateway: azapi_resource.r: body.properties.LogClientIp: is spelt "logClientIp" in DiagnosticContractProperties',
      'dev-gateway: azapi_resource.r: body.properties.provisioningState: is not a property of DiagnosticContractProperties (https://github.com/Azure/terraform-provider-azapi/blob/v2.7.0/internal/azure/generated/apimanagement/microsoft.apimanagement/2024-06-01-preview/types.json#L2551)',
      'dev-gateway: azapi_resource.r: body.properties.sampling.samplingType: "Fixed" is spelt "fixed" in the definition',
      'dev-gateway: azapi_resource.r: body.properties.sampling.percentage: 150 is outside 0..100',
      'dev-gateway: azapi_resource.r: body.properties.verbosity: "debug" is not one of verbose, information, error',
      'dev-gateway: azapi_resource.r: body.properties.frontend.request.body.bytes: 9000 is outside -..8192',
      'dev-gateway: azapi_resource.r: body.properties.largeLanguageModel.requests.maxSizeInBytes: 0 is outside 1..262144',
    ]);
  });

  it('finds a missing required property on create, and name in the body', () => {
    expect(
      azapiBodyReport(
        stackWith('azapi_resource', {
          type: 'Microsoft.ApiManagement/service/apis/diagnostics@2024-06-01-preview',
          body: { name: 'azuremonitor', properties: { logClientIp: true } },
        }),
      ).problems,
    ).toEqual([
      "dev-gateway: azapi_resource.r: body.name: goes in the resource's name argument, not in the body",
      'dev-gateway: azapi_resource.r: body.properties.loggerId: is required by DiagnosticContractProperties',
    ]);
  });

  it('keeps the pool rule: members and no url or protocol, and a Single backend needs both', () => {
    expect(azapiBodyReport(pool({ type: 'Pool', url: 'https://x', pool: { services: [{ id: `${APIM}/backends/a` }] } })).problems).toEqual([
      'dev-gateway: azapi_resource.r: body.properties.url is set on a Pool backend; the service refuses it',
    ]);
    expect(azapiBodyReport(pool({ type: 'Pool', pool: { services: [] } })).problems).toEqual([
      'dev-gateway: azapi_resource.r: body.properties.pool.services: has 0 items, at least 1 expected',
    ]);
    expect(azapiBodyReport(pool({ type: 'Pool', pool: { services: [{ weight: 1 }] } })).problems).toEqual([
      'dev-gateway: azapi_resource.r: body.properties.pool.services[0].id: is required by BackendPoolItem',
    ]);
    expect(azapiBodyReport(pool({ type: 'Single', url: 'https://x' })).problems).toEqual([
      'dev-gateway: azapi_resource.r: body.properties.protocol is required on a Single backend',
    ]);
    expect(azapiBodyReport(pool({ type: 'Pool', pool: { services: [{ id: 'x' }] }, proxy: { url: 'http://proxy' } })).problems).toEqual([
      'dev-gateway: azapi_resource.r: body.properties.proxy: sets BackendProxyContract, which is not transcribed; add it from https://github.com/Azure/terraform-provider-azapi/blob/v2.7.0/internal/azure/generated/apimanagement/microsoft.apimanagement/2024-06-01-preview/types.json#L4804',
    ]);
  });

  it('checks a single backend with a circuit breaker that honours Retry-After', () => {
    const rule = (failureCondition: Record<string, unknown>) => ({
      name: 'throttled',
      tripDuration: 'PT10S',
      acceptRetryAfter: true,
      failureCondition,
    });
    const single = (failureCondition: Record<string, unknown>) =>
      azapiBodyReport(
        pool({
          type: 'Single',
          url: 'https://a.openai.azure.com/openai',
          protocol: 'http',
          circuitBreaker: { rules: [rule(failureCondition)] },
        }),
      ).problems;
    expect(single({ count: 1, interval: 'PT10S', statusCodeRanges: [{ min: 429, max: 429 }] })).toEqual([]);
    expect(single({ count: 1, interval: 'PT10S', statusCodeRanges: [{ min: 429, max: 700 }] })).toEqual([
      'dev-gateway: azapi_resource.r: body.properties.circuitBreaker.rules[0].failureCondition.statusCodeRanges[0].max: 700 is outside 200..599',
    ]);
  });

  it('accepts the documented exception on Application Insights, with its own values, and checks updates without required', () => {
    const update = (properties: Record<string, unknown>) =>
      azapiBodyReport(
        stackWith('azapi_update_resource', { type: 'Microsoft.Insights/components@2020-02-02', resource_id: APIM, body: { properties } }),
      ).problems;
    expect(update({ CustomMetricsOptedInType: 'WithDimensions' })).toEqual([]);
    expect(update({ CustomMetricsOptedInType: 'Dimensions' })).toEqual([
      'dev-gateway: azapi_update_resource.r: body.properties.CustomMetricsOptedInType: "Dimensions" is not one of WithDimensions, NoDimensions, NoMeasurements, Off',
    ]);
    expect(update({ InstrumentationKey: 'k' })).toEqual([
      'dev-gateway: azapi_update_resource.r: body.properties.InstrumentationKey: is read-only in ApplicationInsightsComponentProperties; Resource Manager returns it, never takes it',
    ]);
  });

  it('finds a type or API version without a definition', () => {
    expect(armTypeOf('microsoft.insights/Components@2020-02-02')?.type).toBe('Microsoft.Insights/components@2020-02-02');
    expect(
      azapiBodyReport(stackWith('azapi_resource', { type: 'Microsoft.ApiManagement/service/backends@2023-09-01-preview', body: {} }))
        .problems,
    ).toEqual([
      'dev-gateway: azapi_resource.r: no ARM definition of Microsoft.ApiManagement/service/backends@2023-09-01-preview in tools/check/arm-types.ts',
    ]);
  });

  it('checks the key-less flow log, the logger and the portal configuration PATCH; knows the types it only deletes', () => {
    const flowLog = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      azapiBodyReport(
        stackWith('azapi_resource', {
          type: 'Microsoft.Network/networkWatchers/flowLogs@2024-10-01',
          body: { properties, ...extra },
        }),
      ).problems;
    const target = { targetResourceId: '/x', storageId: '/y' };
    expect(flowLog({ ...target, format: { type: 'JSON', version: 2 } })).toEqual([]);
    expect(flowLog({ storageId: '/y', format: { type: 'json' } })).toEqual([
      'dev-gateway: azapi_resource.r: body.properties.format.type: "json" is spelt "JSON" in the definition',
      'dev-gateway: azapi_resource.r: body.properties.targetResourceId: is required by FlowLogPropertiesFormat',
    ]);
    expect(flowLog(target, { identity: { type: 'UserAssigned' } })).toEqual([
      "dev-gateway: azapi_resource.r: body.identity: goes in the resource's identity argument, not in the body",
    ]);
    const logger = (properties: Record<string, unknown>) =>
      azapiBodyReport(
        stackWith('azapi_resource', { type: 'Microsoft.ApiManagement/service/loggers@2024-06-01-preview', body: { properties } }),
      ).problems;
    expect(logger({ loggerType: 'applicationInsights', credentials: { identityClientId: 'systemAssigned' } })).toEqual([]);
    expect(logger({ loggerType: 'appInsights' })).toEqual([
      'dev-gateway: azapi_resource.r: body.properties.loggerType: "appInsights" is not one of azureEventHub, applicationInsights, azureMonitor',
    ]);
    const patch = (body: Record<string, unknown>) =>
      azapiBodyReport(
        stackWith('azapi_resource_action', { type: 'Microsoft.ApiManagement/service/portalconfigs@2024-05-01', method: 'PATCH', body }),
      ).problems;
    expect(patch({ properties: { enableBasicAuth: false } })).toEqual([]);
    expect(patch({ properties: { enableBasicAuthentication: false } })).toEqual([
      expect.stringMatching(
        /^dev-gateway: azapi_resource_action\.r: body\.properties\.enableBasicAuthentication: is not a property of PortalConfigProperties/,
      ),
    ]);
    const remove = (body: unknown) =>
      azapiBodyReport(
        stackWith('azapi_resource_action', { type: 'Microsoft.ApiManagement/service/products@2024-05-01', method: 'DELETE', body }),
      ).problems;
    expect(remove(null)).toEqual([]);
    expect(remove({ properties: {} })).toEqual([
      'dev-gateway: azapi_resource_action.r: sends a body to Microsoft.ApiManagement/service/products@2024-05-01, whose definition is not transcribed (the project only deletes it)',
    ]);
  });
});
