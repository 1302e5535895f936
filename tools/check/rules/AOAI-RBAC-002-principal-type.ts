import { defineRule, fromProblems } from '../model';
import { describeSetting, stringSetting } from '../values';

const PRINCIPAL_TYPES = ['User', 'Group', 'ServicePrincipal'];

export const rule = defineRule({
  id: 'AOAI-RBAC-002',
  title: 'Role assignments state their principal type',
  severity: 'low',
  rationale:
    'With principal_type set, Azure does not look the principal up in Entra ID first, so assignments to identities ' +
    'created in the same run do not fail on replication delay, and reviewers see who receives access.',
  remediation: `Set principal_type to one of ${PRINCIPAL_TYPES.join(', ')}.`,
  references: { mcsb: ['PA-7'] },
  resourceTypes: ['azurerm_role_assignment'],
  evaluate(resource) {
    const type = stringSetting(resource.values['principal_type']);
    const ok = type.state === 'expression' || (type.state === 'literal' && PRINCIPAL_TYPES.includes(type.value));
    return fromProblems(ok ? [] : [`principal_type must be one of ${PRINCIPAL_TYPES.join(', ')}, found ${describeSetting(type)}`]);
  },
});
