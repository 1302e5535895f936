import { SAMPLE_APIS, SAMPLE_PRODUCTS } from '../../../constructs/apim/sample-content';
import { defineRule, fromProblems, type Resource, type RuleContext } from '../model';
import { literalString } from '../values';

/** The DELETE requests of azapi_resource_action that target `<this service>/<suffix>`. */
function deletes(service: Resource, context: RuleContext, suffix: string): boolean {
  return context.graph.ofType('azapi_resource_action').some((action) => {
    const id = String(action.values['resource_id'] ?? '');
    return literalString(action.values['method']) === 'DELETE' && id.endsWith(`/${suffix}`) && context.graph.refersTo(action, id, service);
  });
}

export const rule = defineRule({
  id: 'AOAI-APIM-012',
  title: "API Management's sample products and API are removed",
  severity: 'medium',
  rationale:
    'A new instance publishes the Starter product (no approval), the Unlimited product and the Echo API to every ' +
    'signed-in developer: subscriptions outside the access tiers, and more visible than the gateway promises.',
  remediation:
    'Add azapi_resource_action DELETE requests for products/starter and products/unlimited (deleteSubscriptions=true) ' +
    'and apis/echo-api, after the instance is active (constructs/apim/sample-content.ts).',
  references: { mcsb: ['PA-7', 'AM-2'] },
  resourceTypes: ['azurerm_api_management'],
  evaluate(resource, context) {
    const missing = [...SAMPLE_PRODUCTS.map((product) => `products/${product}`), ...SAMPLE_APIS.map((api) => `apis/${api}`)].filter(
      (suffix) => !deletes(resource, context, suffix),
    );
    return fromProblems(missing.map((suffix) => `no azapi_resource_action deletes ${suffix}`));
  },
});
