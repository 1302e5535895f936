import { compliant, defineRule, nonCompliant } from '../model';
import { isRecord, literalString } from '../values';

export const rule = defineRule({
  id: 'AOAI-APIM-013',
  title: 'The developer portal signs in with Microsoft Entra ID only',
  severity: 'high',
  rationale:
    'The new developer portal keeps username and password sign-up and sign-in until its configuration turns them ' +
    'off; anyone who reaches it could then create an account outside Entra ID and the tier groups.',
  remediation:
    'PATCH <service>/portalconfigs/default with properties.enableBasicAuth = false and signin.require = true ' +
    '(azapi_resource_action, If-Match: *), after the Entra ID identity provider exists.',
  references: { mcsb: ['IM-1', 'IM-6'] },
  resourceTypes: ['azurerm_api_management'],
  evaluate(resource, context) {
    const configured = context.graph.ofType('azapi_resource_action').some((action) => {
      const id = String(action.values['resource_id'] ?? '');
      const body = action.values['body'];
      const properties = isRecord(body) && isRecord(body['properties']) ? body['properties'] : {};
      const signin = isRecord(properties['signin']) ? properties['signin'] : {};
      return (
        id.endsWith('/portalconfigs/default') &&
        ['PATCH', 'PUT'].includes(literalString(action.values['method']) ?? '') &&
        properties['enableBasicAuth'] === false &&
        signin['require'] === true &&
        context.graph.refersTo(action, id, resource)
      );
    });
    return configured
      ? compliant()
      : nonCompliant('no azapi_resource_action sets portalconfigs/default enableBasicAuth = false and signin.require = true');
  },
});
