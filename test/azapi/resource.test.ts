import { Testing } from 'cdktf';

import { AzapiResource, type AzapiResourceProps } from '../../constructs/azapi/resource';
import { APIM_ID, onlyAzapiResource, record, stackWithProvider, synth, synthesizedValue } from './synth';

const base: AzapiResourceProps = {
  type: 'Microsoft.ApiManagement/service/namedValues@2024-06-01-preview',
  name: 'entra-tenant-id',
  parentId: APIM_ID,
  body: { properties: { displayName: 'entra-tenant-id', value: 'contoso.onmicrosoft.com', secret: false } },
};

describe('AzapiResource', () => {
  it('synthesizes type, name, parent and the body as an object with its ARM property names', () => {
    const stack = stackWithProvider();
    new AzapiResource(stack, 'named-value', base);
    const resource = onlyAzapiResource(synth(stack));
    expect(resource['type']).toBe('Microsoft.ApiManagement/service/namedValues@2024-06-01-preview');
    expect(resource['name']).toBe('entra-tenant-id');
    expect(resource['parent_id']).toBe(APIM_ID);
    expect(resource['body']).toEqual({ properties: { displayName: 'entra-tenant-id', value: 'contoso.onmicrosoft.com', secret: false } });
  });

  it('drops undefined body members and keeps explicit nulls', () => {
    const stack = stackWithProvider();
    new AzapiResource(stack, 'r', { ...base, body: { properties: { description: undefined, tags: null, list: [1, 'x'] } } });
    expect(record(onlyAzapiResource(synth(stack))['body'])).toEqual({ properties: { tags: null, list: [1, 'x'] } });
  });

  it('writes the optional arguments in snake case', () => {
    const stack = stackWithProvider();
    new AzapiResource(stack, 'r', {
      ...base,
      location: 'westeurope',
      tags: { costCenter: 'ai' },
      schemaValidationEnabled: false,
      responseExportValues: ['properties.value'],
      ignoreMissingProperty: false,
      ignoreCasing: true,
      locks: [APIM_ID],
      retry: { errorMessageRegex: ['ActivationInProgress', 'Conflict'], intervalSeconds: 20, maxIntervalSeconds: 120 },
      timeouts: { create: '45m', delete: '30m' },
    });
    const resource = onlyAzapiResource(synth(stack));
    expect(resource).toMatchObject({
      location: 'westeurope',
      tags: { costCenter: 'ai' },
      schema_validation_enabled: false,
      response_export_values: ['properties.value'],
      ignore_missing_property: false,
      ignore_casing: true,
      locks: [APIM_ID],
      retry: { error_message_regex: ['ActivationInProgress', 'Conflict'], interval_seconds: 20, max_interval_seconds: 120 },
      timeouts: { create: '45m', delete: '30m' },
    });
  });

  it('accepts response export values as a map of JMESPath queries', () => {
    const stack = stackWithProvider();
    new AzapiResource(stack, 'r', { ...base, responseExportValues: { gatewayUrl: 'properties.gatewayUrl' } });
    expect(onlyAzapiResource(synth(stack))['response_export_values']).toEqual({ gatewayUrl: 'properties.gatewayUrl' });
  });

  it('leaves provider defaults alone when optional arguments are not set', () => {
    const stack = stackWithProvider();
    new AzapiResource(stack, 'r', base);
    expect(Object.keys(onlyAzapiResource(synth(stack))).sort()).toEqual(['body', 'name', 'parent_id', 'type']);
  });

  it('passes lifecycle and depends_on through', () => {
    const stack = stackWithProvider();
    const first = new AzapiResource(stack, 'first', base);
    new AzapiResource(stack, 'second', {
      ...base,
      name: 'second',
      dependsOn: [first],
      lifecycle: { ignoreChanges: ['body.properties.value'], preventDestroy: true },
    });
    const second = record(synth(stack).resource?.['azapi_resource']?.['second']);
    expect(second['depends_on']).toEqual(['azapi_resource.first']);
    expect(second['lifecycle']).toEqual({ ignore_changes: ['body.properties.value'], prevent_destroy: true });
  });

  it('exposes id and output as references, and references resolve inside another body', () => {
    const stack = stackWithProvider();
    const first = new AzapiResource(stack, 'first', base);
    new AzapiResource(stack, 'second', {
      ...base,
      name: 'second',
      parentId: first.id,
      body: { properties: { source: first.id, url: first.outputString('properties.gatewayUrl') } },
    });
    const second = record(synth(stack).resource?.['azapi_resource']?.['second']);
    expect(second['parent_id']).toBe('${azapi_resource.first.id}');
    expect(second['body']).toEqual({
      properties: { source: '${azapi_resource.first.id}', url: '${azapi_resource.first.output.properties.gatewayUrl}' },
    });
    expect(synthesizedValue(stack, first.output)).toBe('${azapi_resource.first.output}');
    expect([first.armType, first.apiVersion]).toEqual(['Microsoft.ApiManagement/service/namedValues', '2024-06-01-preview']);
  });

  it('renders the body as an HCL object and timeouts as a block', () => {
    const stack = stackWithProvider();
    new AzapiResource(stack, 'r', { ...base, timeouts: { create: '45m' } });
    const hcl = String(Testing.synthHcl(stack, true));
    expect(hcl).toMatch(/body = \{\s*properties = \{/);
    expect(hcl).not.toContain('jsonencode');
    expect(hcl).toMatch(/timeouts \{\s*create = "45m"/);
  });

  it.each<[string, Partial<AzapiResourceProps>, RegExp]>([
    [
      'a type without an API version',
      { type: 'Microsoft.ApiManagement/service/backends' },
      /type must read "<Namespace\/resourceType>@<yyyy-mm-dd\[-preview\]>"/,
    ],
    ['a malformed API version', { type: 'Microsoft.ApiManagement/service/backends@2024-6-1' }, /type must read/],
    [
      'a relative parent id',
      { parentId: 'resourceGroups/rg' },
      /parentId must be an ARM resource id starting with "\/", got "resourceGroups\/rg"/,
    ],
    ['an empty name', { name: ' ' }, /name is empty/],
    ['a retry without expressions', { retry: { errorMessageRegex: [] } }, /retry\.errorMessageRegex is empty/],
    [
      'a retry interval above 120',
      { retry: { errorMessageRegex: ['x'], intervalSeconds: 121 } },
      /retry\.intervalSeconds must be an integer from 1 to 120, got 121/,
    ],
    ['a timeout that is not a duration', { timeouts: { create: '45 minutes' } }, /timeouts\.create must be a duration/],
  ])('refuses %s', (_name, change, problem) => {
    expect(() => new AzapiResource(stackWithProvider(), 'r', { ...base, ...change })).toThrow(problem);
  });

  it('does not validate values that are unresolved references', () => {
    const stack = stackWithProvider();
    const first = new AzapiResource(stack, 'first', base);
    expect(() => new AzapiResource(stack, 'second', { ...base, name: first.outputString('name'), parentId: first.id })).not.toThrow();
  });
});
