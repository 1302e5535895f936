import { expressionBodies } from '../graph';
import { defineRule, fromProblems, notApplicable, type Resource, type RuleContext } from '../model';
import { literalString } from '../values';

/** Built-in roles that can change anything, or grant themselves anything, within their scope. */
export const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'Role Based Access Control Administrator',
};

function roleName(resource: Resource): string | undefined {
  const name = literalString(resource.values['role_definition_name']);
  if (name !== undefined) {
    return Object.values(PRIVILEGED_ROLES).find((r) => r.toLowerCase() === name.toLowerCase());
  }
  const id = literalString(resource.values['role_definition_id'])?.toLowerCase();
  const guid = id?.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)?.[0];
  return guid === undefined ? undefined : PRIVILEGED_ROLES[guid];
}

/** Subscription, management group or root scope, literal or as `data.azurerm_subscription.<x>.id`. */
function broadScope(resource: Resource, context: RuleContext): string | undefined {
  const scope = resource.values['scope'];
  if (typeof scope !== 'string') {
    return undefined;
  }
  const literal = literalString(scope);
  if (literal !== undefined) {
    const trimmed = literal.replace(/\/+$/, '');
    if (
      trimmed === '' ||
      /^\/subscriptions\/[^/]+$/i.test(trimmed) ||
      /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(trimmed)
    ) {
      return literal;
    }
    return undefined;
  }
  const bodies = expressionBodies(scope);
  const whole = scope.startsWith('${') && scope.endsWith('}') && bodies.length === 1;
  if (whole && /\.id$/.test(bodies[0]!.trim())) {
    const target = context.graph.referencedBy(resource, scope)[0];
    if (target?.type === 'azurerm_subscription' || target?.type === 'azurerm_management_group') {
      return scope;
    }
  }
  return undefined;
}

export const rule = defineRule({
  id: 'AOAI-RBAC-001',
  title: 'No Owner, Contributor or access-administration role at subscription scope',
  severity: 'critical',
  rationale:
    'The gateway needs narrow, resource-scoped roles (OpenAI User on each account, Key Vault Secrets User on the ' +
    'vault). A subscription-wide Owner or Contributor assignment made by this code outlives its purpose and ' +
    'reaches every other workload in the subscription.',
  remediation: 'Scope the assignment to the resource or resource group, and use the least-privileged built-in role that works.',
  references: { mcsb: ['PA-1', 'PA-7'], cis: ['5.3.3'] },
  resourceTypes: ['azurerm_role_assignment'],
  evaluate(resource, context) {
    const role = roleName(resource);
    if (role === undefined) {
      return notApplicable();
    }
    const scope = broadScope(resource, context);
    return fromProblems(scope === undefined ? [] : [`assigns ${role} at the broad scope ${scope}`]);
  },
});
