import { AzapiUpdateResource } from '../../constructs/azapi/update-resource';
import { stackWithProvider, synth } from './synth';

const COMPONENT_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Insights/components/appi';

describe('AzapiUpdateResource', () => {
  it('synthesizes type, resource id and the partial body as an object', () => {
    const stack = stackWithProvider();
    new AzapiUpdateResource(stack, 'update', {
      type: 'Microsoft.Insights/components@2020-02-02',
      resourceId: COMPONENT_ID,
      body: { properties: { CustomMetricsOptedInType: 'WithDimensions' } },
    });
    const resources = Object.values(synth(stack).resource?.['azapi_update_resource'] ?? {});
    expect(resources).toHaveLength(1);
    expect(resources[0]).toEqual({
      type: 'Microsoft.Insights/components@2020-02-02',
      resource_id: COMPONENT_ID,
      body: { properties: { CustomMetricsOptedInType: 'WithDimensions' } },
    });
  });

  it('rejects a resource id that is not an ARM id, and a type without an API version', () => {
    const stack = stackWithProvider();
    expect(
      () => new AzapiUpdateResource(stack, 'a', { type: 'Microsoft.Insights/components@2020-02-02', resourceId: 'appi', body: {} }),
    ).toThrow('AzapiUpdateResource: resourceId must be an ARM resource id starting with "/", got "appi"');
    expect(
      () => new AzapiUpdateResource(stack, 'b', { type: 'Microsoft.Insights/components', resourceId: COMPONENT_ID, body: {} }),
    ).toThrow('AzapiUpdateResource: type must end with "@<yyyy-mm-dd[-preview]>", got "Microsoft.Insights/components"');
  });
});
