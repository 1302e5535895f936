/**
 * Who reads what in an environment's Log Analytics workspace. Prompts and completions are the most sensitive data
 * the gateway keeps, so they are readable table by table, by the method Microsoft documents for table-level read
 * access (https://learn.microsoft.com/azure/azure-monitor/logs/manage-table-access, "Set table-level read access"):
 *
 * - at the workspace, a custom role that reads the workspace and runs queries but reads no table
 *   (`Microsoft.OperationalInsights/workspaces/read` and `.../query/read`, never the shared keys);
 * - at each table (scope `<workspace id>/tables/<table>`), the built-in Reader role, which opens that table.
 *
 * The workspace also refuses resource-context access (`allow_resource_only_permissions = false`), or anyone who can
 * read the API Management instance could read its prompts through it.
 *
 * Roles that include every read action (`*` then `/read`) at the workspace or above (Reader, Contributor, Owner, Log Analytics Reader) still
 * read every table: table-level grants only add access. Microsoft now recommends granular RBAC (a data-read role
 * with a table-name condition, or protected tables) over this method; it is still documented and supported, and
 * moving to it changes this module and the construct that grants it, nothing else.
 */
import { stableGuid } from '../kql/guid';

/** The built-in Reader role: at a table's scope it opens that table and nothing else. */
export const TABLE_READER_ROLE = 'Reader';

/** The custom role that lets a group query the workspace without reading any table. */
export const WORKSPACE_QUERY_ROLE = {
  name: 'aoai-gateway workspace query (no table data)',
  description:
    'Reads a Log Analytics workspace and runs queries in it, without read access to any table: tables are opened one by one with Reader at the table scope.',
  actions: ['Microsoft.OperationalInsights/workspaces/read', 'Microsoft.OperationalInsights/workspaces/query/read'],
  notActions: ['Microsoft.OperationalInsights/workspaces/sharedKeys/read'],
} as const;

const ROLE_NAMESPACE = '5f0c6f1e-1d7b-4a55-9a43-6c1f3f1a9d21';

/**
 * The role definition's id (a GUID), fixed per subscription, so the bootstrap can create it under a known id and
 * the stacks can assign it without looking it up. One definition serves every environment of a subscription.
 */
export function workspaceQueryRoleId(subscriptionId: string): string {
  return stableGuid(ROLE_NAMESPACE, `${subscriptionId.toLowerCase()}/${WORKSPACE_QUERY_ROLE.name}`);
}

/** The role definition's resource id, as role assignments name it. */
export function workspaceQueryRoleDefinitionId(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${workspaceQueryRoleId(subscriptionId)}`;
}

/** Custom role names are unique in a tenant, and environments may live in several subscriptions of one tenant. */
export function workspaceQueryRoleName(subscriptionId: string): string {
  return `${WORKSPACE_QUERY_ROLE.name}, subscription ${subscriptionId}`;
}

/** How the role is named where no subscription is at hand (the pipeline's list of roles it may assign). */
export const WORKSPACE_QUERY_ROLE_PATTERN = workspaceQueryRoleName('<subscription id>');

/**
 * The request body that creates the role definition (`PUT .../roleDefinitions/<id>`, api-version 2022-04-01,
 * https://learn.microsoft.com/rest/api/authorization/role-definitions/create-or-update). The pipeline may assign
 * the role but not define it: an identity that can write role definitions can widen a role it may assign.
 */
export function workspaceQueryRoleDefinition(subscriptionId: string): Record<string, unknown> {
  return {
    properties: {
      roleName: workspaceQueryRoleName(subscriptionId),
      description: WORKSPACE_QUERY_ROLE.description,
      type: 'CustomRole',
      assignableScopes: [`/subscriptions/${subscriptionId}`],
      permissions: [
        {
          actions: [...WORKSPACE_QUERY_ROLE.actions],
          notActions: [...WORKSPACE_QUERY_ROLE.notActions],
          dataActions: [],
          notDataActions: [],
        },
      ],
    },
  };
}

/** What a table holds: operations data, message content, or content only when request or response bodies are logged. */
export type TableContent = 'operations' | 'content' | 'content-when-bodies-logged';

/**
 * Every table the environment's resources write to the workspace, by what it holds. A table not listed here is
 * readable by nobody but the workspace's owners, so a new diagnostic destination fails closed.
 */
export const WORKSPACE_TABLES = {
  // API Management (resource-specific): the LLM log holds every prompt and completion; the request log holds
  // request bodies (prompts) when apiManagement.logging.requestBodyBytes (or responseBodyBytes) is above 0.
  ApiManagementGatewayLlmLog: 'content',
  ApiManagementGatewayLogs: 'content-when-bodies-logged',
  ApiManagementWebSocketConnectionLogs: 'operations',
  APIMDevPortalAuditDiagnosticLog: 'operations',
  // Application Gateway (resource-specific).
  AGWAccessLogs: 'operations',
  AGWFirewallLogs: 'operations',
  AGWPerformanceLogs: 'operations',
  // Workspace-based Application Insights: requests, dependencies, error traces and token metrics, never bodies.
  AppAvailabilityResults: 'operations',
  AppDependencies: 'operations',
  AppEvents: 'operations',
  AppExceptions: 'operations',
  AppMetrics: 'operations',
  AppRequests: 'operations',
  AppTraces: 'operations',
  // Azure OpenAI's audit and request logs (no message content), Key Vault, network security groups, public IPs.
  AzureDiagnostics: 'operations',
  AzureMetrics: 'operations',
  AzureActivity: 'operations',
  StorageBlobLogs: 'operations',
  // Traffic analytics of the virtual network flow logs (constructs/network/flow-log.ts).
  NTAIpDetails: 'operations',
  NTANetAnalytics: 'operations',
  // Who queried the workspace, prompts included: auditors read it, so it is an operations table.
  LAQueryLogs: 'operations',
  LASummaryLogs: 'operations',
} as const satisfies Record<string, TableContent>;

export type WorkspaceTable = keyof typeof WORKSPACE_TABLES;

/** The two kinds of reader: everyone who operates the gateway, and the few who may read what callers sent. */
export type WorkspaceReader = 'logs' | 'prompts';

/** How much of each body the request log keeps (apiManagement.logging). */
export interface LoggedBodyBytes {
  readonly requestBodyBytes: number;
  readonly responseBodyBytes: number;
}

/** Tables a reader may open, in the list's order. Prompt readers read everything; log readers no content. */
export function readableTables(reader: WorkspaceReader, bodies: LoggedBodyBytes): WorkspaceTable[] {
  const bodiesLogged = bodies.requestBodyBytes > 0 || bodies.responseBodyBytes > 0;
  return (Object.entries(WORKSPACE_TABLES) as [WorkspaceTable, TableContent][])
    .filter(([, holds]) => reader === 'prompts' || holds === 'operations' || (holds === 'content-when-bodies-logged' && !bodiesLogged))
    .map(([table]) => table);
}
