import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';

import { TABLE_READER_ROLE, type WorkspaceTable } from '../../lib/azure/workspace-access';

export interface WorkspaceReaderGrant {
  /** Label used in construct ids (`logs`, `prompts`). */
  readonly name: string;
  /** Object id of the Entra group. */
  readonly principalId: string;
  /** Tables the group may read. */
  readonly tables: readonly WorkspaceTable[];
}

export interface WorkspaceTableAccessProps {
  readonly workspaceId: string;
  /** Resource id of the custom role that runs queries without reading any table. */
  readonly queryRoleDefinitionId: string;
  readonly readers: readonly WorkspaceReaderGrant[];
}

/**
 * Table-level read access to a workspace (https://learn.microsoft.com/azure/azure-monitor/logs/manage-table-access):
 * each group gets the query role at the workspace and Reader on each of its tables, so it sees those tables and
 * no other, in workspace and resource context alike.
 */
export class WorkspaceTableAccess extends Construct {
  /** By group name: the workspace assignment, then one per table. */
  readonly assignments: Readonly<
    Record<string, { readonly query: RoleAssignment; readonly tables: Readonly<Record<string, RoleAssignment>> }>
  >;

  constructor(scope: Construct, id: string, props: WorkspaceTableAccessProps) {
    super(scope, id);
    const assignments: Record<string, { query: RoleAssignment; tables: Record<string, RoleAssignment> }> = {};
    for (const reader of props.readers) {
      const query = new RoleAssignment(this, `${reader.name}-query`, {
        scope: props.workspaceId,
        roleDefinitionId: props.queryRoleDefinitionId,
        principalId: reader.principalId,
        principalType: 'Group',
        description: `${reader.name} readers run queries in the workspace; tables are opened one by one`,
      });
      const tables: Record<string, RoleAssignment> = {};
      for (const table of reader.tables) {
        tables[table] = new RoleAssignment(this, `${reader.name}-${table}`, {
          scope: `${props.workspaceId}/tables/${table}`,
          roleDefinitionName: TABLE_READER_ROLE,
          principalId: reader.principalId,
          principalType: 'Group',
          description: `${reader.name} readers read ${table}`,
        });
      }
      assignments[reader.name] = { query, tables };
    }
    this.assignments = assignments;
  }
}
