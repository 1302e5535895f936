import type { GroupWithoutMembers } from '@cdktf/provider-azuread/lib/group-without-members';
import { Construct } from 'constructs';

import type { WorkspaceReader } from '../../lib/azure/workspace-access';
import { ownedSecurityGroup, ownerProblems } from './owners';

export interface WorkspaceReaderGroupsProps {
  /** Display name of each group. */
  readonly displayNames: Readonly<Record<WorkspaceReader, string>>;
  /** The environment, for the groups' descriptions. */
  readonly environment: string;
  /**
   * Object ids of the groups' owners: they add and remove members without a deployment. Include the identity that
   * applies the stack (azuread drops the caller from a group whose owners are set).
   */
  readonly owners: readonly string[];
}

const PURPOSE: Readonly<Record<WorkspaceReader, string>> = {
  logs: 'read every table of the gateway workspace except prompts and completions',
  prompts: 'read every table of the gateway workspace, prompts and completions included',
};

/**
 * The two groups that decide who reads the gateway's logs: log readers (operators, on call, finance) and prompt
 * readers (the few allowed to see what callers sent). Terraform manages the groups, never their members; the
 * insights layer grants them the workspace's tables.
 */
export class WorkspaceReaderGroups extends Construct {
  readonly groups: Readonly<Record<WorkspaceReader, GroupWithoutMembers>>;

  constructor(scope: Construct, id: string, props: WorkspaceReaderGroupsProps) {
    super(scope, id);
    const problems = ownerProblems(props.owners);
    if (problems.length > 0) {
      throw new Error(`WorkspaceReaderGroups "${id}": ${problems.join('; ')}`);
    }
    const group = (reader: WorkspaceReader) =>
      ownedSecurityGroup(this, reader, {
        displayName: props.displayNames[reader],
        description: `Members may ${PURPOSE[reader]} (${props.environment}).`,
        owners: props.owners,
      });
    this.groups = { logs: group('logs'), prompts: group('prompts') };
  }

  /** Object id of a reader group. */
  objectId(reader: WorkspaceReader): string {
    return this.groups[reader].objectId;
  }
}
