/**
 * The federated identities the deployment pipeline signs in with, one per trust boundary, and what each may do.
 * The workflows read the client ids from the variables named here, the README's table is generated from this
 * list, and a test keeps both in step. Nothing here is a secret: OIDC federation needs no client secret.
 *
 * The identity identity's Microsoft Graph application roles come from the identity layer's permission table
 * (constructs/identity/graph-permissions.ts, each with its source). Azure roles are built-in roles:
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
 */
import { IDENTITY_LAYER_GRAPH_PERMISSIONS } from '../../constructs/identity/graph-permissions';
import { TABLE_READER_ROLE, WORKSPACE_QUERY_ROLE_PATTERN } from '../../lib/azure/workspace-access';
import { type Layer, LAYER_ORDER } from '../../lib/layers';

export interface AzureRole {
  readonly role: string;
  readonly scope: string;
  /** Attribute-based condition that narrows the role, in words. */
  readonly condition?: string;
}

export interface PipelineIdentity {
  /** Short name, used in the federated credential's GitHub environment and in the README. */
  readonly name: 'plan' | 'identity' | 'network' | 'workload';
  /** GitHub environment variable holding the client id (application id) of the identity. */
  readonly variable: string;
  readonly purpose: string;
  /** Layers this identity applies; the plan identity plans every layer and applies none. */
  readonly applies: readonly Layer[];
  readonly azureRoles: readonly AzureRole[];
  readonly graphAppRoles: readonly string[];
}

const STATE_ROLE: AzureRole = {
  role: 'Storage Blob Data Contributor',
  scope: 'state container',
  condition: 'plan and apply lease the state blob to lock it',
};

/** Roles the workload layers assign to their managed identities and groups (constructs/*, stacks/*). */
export const ASSIGNABLE_ROLES: readonly string[] = [
  'Cognitive Services OpenAI Contributor',
  'Cognitive Services OpenAI User',
  'Key Vault Certificates Officer',
  'Key Vault Secrets Officer',
  'Key Vault Secrets User',
  'Monitoring Metrics Publisher',
  // Table-level read access to the workspace: Reader at each table's scope, the query role at the workspace.
  TABLE_READER_ROLE,
  WORKSPACE_QUERY_ROLE_PATTERN,
  // The virtual network flow log's identity writes flow records to the audit storage account.
  'Storage Blob Data Contributor',
  'Storage Blob Data Reader',
];

export const PIPELINE_IDENTITIES: readonly PipelineIdentity[] = [
  {
    name: 'plan',
    variable: 'AZURE_CLIENT_ID_PLAN',
    purpose: 'plans every layer (reads Azure, Entra ID and state); applies nothing',
    applies: [],
    azureRoles: [{ role: 'Reader', scope: 'subscription' }, { role: 'Key Vault Reader', scope: 'subscription' }, STATE_ROLE],
    graphAppRoles: ['Application.Read.All', 'Group.Read.All', 'Directory.Read.All'],
  },
  {
    name: 'identity',
    variable: 'AZURE_CLIENT_ID_IDENTITY',
    purpose: 'applies the Entra ID layer: groups, app registrations, service principals, consent',
    applies: ['identity'],
    azureRoles: [STATE_ROLE],
    // The identity layer's own table, with the reason and source of each permission.
    graphAppRoles: IDENTITY_LAYER_GRAPH_PERMISSIONS.map((p) => p.permission),
  },
  {
    name: 'network',
    variable: 'AZURE_CLIENT_ID_NETWORK',
    purpose: 'applies the network layer: virtual network, subnets, NSGs, private DNS zones, DDoS plan',
    applies: ['network'],
    azureRoles: [{ role: 'Contributor', scope: 'subscription' }, STATE_ROLE],
    graphAppRoles: [],
  },
  {
    name: 'workload',
    variable: 'AZURE_CLIENT_ID_WORKLOAD',
    purpose: 'applies every other layer; may assign only the roles the stacks grant',
    applies: LAYER_ORDER.filter((l) => l !== 'identity' && l !== 'network'),
    azureRoles: [
      { role: 'Contributor', scope: 'subscription' },
      {
        role: 'Role Based Access Control Administrator',
        scope: 'subscription',
        condition: `may assign only: ${ASSIGNABLE_ROLES.join(', ')}`,
      },
      STATE_ROLE,
    ],
    graphAppRoles: [],
  },
];

/** The identity that applies a layer. */
export function identityForLayer(layer: Layer): PipelineIdentity {
  const found = PIPELINE_IDENTITIES.find((i) => i.applies.includes(layer));
  if (!found) {
    throw new Error(`no pipeline identity applies the ${layer} layer`);
  }
  return found;
}

/** The README table, generated: one row per identity. */
export function identitiesTable(): string {
  const rows = PIPELINE_IDENTITIES.map((i) => {
    const roles = i.azureRoles.map((r) => `${r.role} (${r.scope}${r.condition ? `; ${r.condition}` : ''})`).join('<br>');
    const graph = i.graphAppRoles.length > 0 ? i.graphAppRoles.join(', ') : 'none';
    const layers = i.applies.length > 0 ? i.applies.join(', ') : 'none (plans all)';
    return `| \`${i.name}\` | \`${i.variable}\` | ${layers} | ${roles} | ${graph} |`;
  });
  return [
    '| identity | variable | applies | Azure roles | Microsoft Graph application roles |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
