import { SAMPLE_APIS, SAMPLE_PRODUCTS } from '../../constructs/apim/sample-content';
import { type Attributes, resourcesOf, SHIPPED_ENVIRONMENTS, stackOf, synthShipped } from '../helpers/synth';

const synth = synthShipped();

function actions(env: string): Attributes[] {
  return Object.values(resourcesOf(stackOf(synth, `${env}-gateway`), 'azapi_resource_action'));
}

function apimReference(env: string): string {
  const names = Object.keys(resourcesOf(stackOf(synth, `${env}-gateway`), 'azurerm_api_management'));
  return `\${azurerm_api_management.${names[0]}.id}`;
}

describe('only the access tiers are visible in the developer portal', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: the sample products (with their subscriptions) and the Echo API are deleted', (env) => {
    const deletes = actions(env).filter((a) => a.method === 'DELETE');
    const targets = deletes.map((a) => String(a.resource_id)).sort();
    expect(targets).toEqual(
      [
        ...SAMPLE_PRODUCTS.map((p) => `${apimReference(env)}/products/${p}`),
        ...SAMPLE_APIS.map((a) => `${apimReference(env)}/apis/${a}`),
      ].sort(),
    );
    for (const request of deletes) {
      expect(request.headers).toEqual({ 'If-Match': '*' });
      expect(String(request.type)).toMatch(/^Microsoft\.ApiManagement\/service\/(products|apis)@\d{4}-\d{2}-\d{2}$/);
      // Only once the instance has activated: children created earlier fail with 409 or 503.
      expect((request.depends_on as string[]).some((d) => d.startsWith('time_sleep.'))).toBe(true);
    }
    const products = deletes.filter((a) => String(a.resource_id).includes('/products/'));
    expect(products.every((a) => JSON.stringify(a.query_parameters) === '{"deleteSubscriptions":["true"]}')).toBe(true);
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: username and password sign-in is off and the portal requires sign-in', (env) => {
    const config = actions(env).find((a) => String(a.resource_id).endsWith('/portalconfigs/default'))!;
    expect(config).toMatchObject({
      resource_id: `${apimReference(env)}/portalconfigs/default`,
      method: 'PATCH',
      headers: { 'If-Match': '*' },
      body: { properties: { enableBasicAuth: false, signin: { require: true } } },
    });
    // Entra ID sign-in exists before the other way in is closed.
    const provider = Object.keys(resourcesOf(stackOf(synth, `${env}-gateway`), 'azurerm_api_management_identity_provider_aad'))[0];
    expect(config.depends_on).toContain(`azurerm_api_management_identity_provider_aad.${provider}`);
  });
});
