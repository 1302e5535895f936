import { APIM_BACKEND_API_VERSION, ApimBackendPool, type ApimBackendPoolProps } from '../../constructs/azapi/apim-backend-pool';
import { AzapiResource } from '../../constructs/azapi/resource';
import { APIM_ID, onlyAzapiResource, record, stackWithProvider, synth, synthesizedValue } from './synth';

const EAST = `${APIM_ID}/backends/aoai-eastus`;
const WEST = `${APIM_ID}/backends/aoai-westeurope`;

const props: ApimBackendPoolProps = {
  apiManagementId: APIM_ID,
  name: 'aoai-pool',
  description: 'Azure OpenAI accounts',
  members: [
    { backendId: EAST, priority: 1, weight: 70 },
    { backendId: WEST, priority: 1, weight: 30 },
  ],
};

describe('ApimBackendPool', () => {
  it('declares a Pool backend on the API Management instance', () => {
    const stack = stackWithProvider();
    const pool = new ApimBackendPool(stack, 'pool', props);
    const resource = onlyAzapiResource(synth(stack));
    expect(resource['type']).toBe('Microsoft.ApiManagement/service/backends@2024-06-01-preview');
    expect(APIM_BACKEND_API_VERSION).toBe('2024-06-01-preview');
    expect(resource['name']).toBe('aoai-pool');
    expect(resource['parent_id']).toBe(APIM_ID);
    expect(pool.backendName).toBe('aoai-pool');
    expect(synthesizedValue(stack, pool.id)).toBe('${azapi_resource.pool_resource_EBC00651.id}');
  });

  it('lists members with their priority and weight', () => {
    const stack = stackWithProvider();
    new ApimBackendPool(stack, 'pool', props);
    const properties = record(record(onlyAzapiResource(synth(stack))['body'])['properties']);
    expect(properties).toEqual({
      description: 'Azure OpenAI accounts',
      type: 'Pool',
      pool: {
        services: [
          { id: EAST, priority: 1, weight: 70 },
          { id: WEST, priority: 1, weight: 30 },
        ],
      },
    });
  });

  it('sets neither url nor protocol, which a pool must not have', () => {
    const stack = stackWithProvider();
    new ApimBackendPool(stack, 'pool', props);
    const properties = record(record(onlyAzapiResource(synth(stack))['body'])['properties']);
    expect(properties).not.toHaveProperty('url');
    expect(properties).not.toHaveProperty('protocol');
  });

  it('omits priority and weight that are not set', () => {
    const stack = stackWithProvider();
    new ApimBackendPool(stack, 'pool', { ...props, description: undefined, members: [{ backendId: EAST }] });
    const properties = record(record(onlyAzapiResource(synth(stack))['body'])['properties']);
    expect(properties).toEqual({ type: 'Pool', pool: { services: [{ id: EAST }] } });
  });

  it('accepts members given as references to backends', () => {
    const stack = stackWithProvider();
    const backend = new AzapiResource(stack, 'backend', {
      type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
      name: 'aoai-eastus',
      parentId: APIM_ID,
      body: {},
    });
    new ApimBackendPool(stack, 'pool', { ...props, members: [{ backendId: backend.id, priority: 0, weight: 100 }] });
    const pool = record(synth(stack).resource?.['azapi_resource']?.['pool_resource_EBC00651']);
    expect(record(record(pool['body'])['properties'])['pool']).toEqual({
      services: [{ id: '${azapi_resource.backend.id}', priority: 0, weight: 100 }],
    });
  });

  it('passes retries for the activation phase through', () => {
    const stack = stackWithProvider();
    new ApimBackendPool(stack, 'pool', { ...props, retry: { errorMessageRegex: ['ActivationInProgress'] } });
    expect(onlyAzapiResource(synth(stack))['retry']).toEqual({ error_message_regex: ['ActivationInProgress'] });
  });

  it.each<[string, Partial<ApimBackendPoolProps>, string]>([
    ['an empty pool', { members: [] }, 'members is empty; a pool needs at least one backend'],
    [
      'a priority above 100',
      { members: [{ backendId: EAST, priority: 101 }] },
      'members[0].priority must be an integer from 0 to 100, got 101',
    ],
    [
      'a negative priority',
      { members: [{ backendId: EAST, priority: -1 }] },
      'members[0].priority must be an integer from 0 to 100, got -1',
    ],
    ['a weight above 100', { members: [{ backendId: EAST, weight: 150 }] }, 'members[0].weight must be an integer from 0 to 100, got 150'],
    ['a fractional weight', { members: [{ backendId: EAST, weight: 0.5 }] }, 'members[0].weight must be an integer from 0 to 100, got 0.5'],
    [
      'a member that is not a backend id',
      { members: [{ backendId: 'https://aoai.openai.azure.com' }] },
      'members[0].backendId must be the ARM id of an API Management backend (".../backends/<name>"), got "https://aoai.openai.azure.com"',
    ],
    [
      'the same member twice',
      { members: [{ backendId: EAST }, { backendId: EAST.toUpperCase() }] },
      `members[1].backendId "${EAST.toUpperCase()}" is listed twice`,
    ],
    ['a name with a forbidden character', { name: 'pool?' }, 'name must be 1 to 80 characters without * # & + : < > ?, got "pool?"'],
  ])('refuses %s', (_name, change, problem) => {
    expect(() => new ApimBackendPool(stackWithProvider(), 'pool', { ...props, ...change })).toThrow(`ApimBackendPool "pool": ${problem}`);
  });
});
