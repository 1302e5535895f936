import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

import { GUID_ANY_CASE as GUID } from '../../lib/guid';

/**
 * Azure OpenAI's data-plane roles, least privilege first. User: call deployed models (what a gateway needs).
 * Contributor: also upload training data, run fine-tuning and manage deployments. Neither role can read keys.
 */
export const OPENAI_ROLES = ['Cognitive Services OpenAI User', 'Cognitive Services OpenAI Contributor'] as const;
export type OpenAiRole = (typeof OPENAI_ROLES)[number];

/**
 * What kind of principal receives a role. Azure looks the principal up only when this is absent, and a managed
 * identity created moments earlier may not have replicated yet: stating the type avoids that failure.
 */
export type PrincipalType = 'User' | 'Group' | 'ServicePrincipal';

const ACCOUNT_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+$/i;

export interface OpenAiRoleAssignmentProps {
  /** Resource id of the Azure OpenAI account: the assignment's scope, so it grants nothing elsewhere. */
  readonly accountId: string;
  readonly role: OpenAiRole;
  /** Object id of the user, group or service principal (a managed identity's `principal_id`). */
  readonly principalId: string;
  readonly principalType: PrincipalType;
  /**
   * Shown in the portal's access control list.
   * @default none
   */
  readonly description?: string;
}

/**
 * Grants one Azure OpenAI role, by its built-in name, on one account. The gateway layer uses it to let API
 * Management's managed identity call the models once API Management exists.
 */
export class OpenAiRoleAssignment extends Construct {
  readonly assignment: RoleAssignment;

  constructor(scope: Construct, id: string, props: OpenAiRoleAssignmentProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.accountId) && !ACCOUNT_ID.test(props.accountId)) {
      throw new Error(
        `OpenAI role assignment: accountId must be an Azure OpenAI account id (/subscriptions/.../providers/Microsoft.CognitiveServices/accounts/<name>), got "${props.accountId}"`,
      );
    }
    if (!Token.isUnresolved(props.principalId) && !GUID.test(props.principalId)) {
      throw new Error(`OpenAI role assignment: principalId must be an object id (GUID), got "${props.principalId}"`);
    }
    this.assignment = new RoleAssignment(this, 'assignment', {
      scope: props.accountId,
      roleDefinitionName: props.role,
      principalId: props.principalId,
      principalType: props.principalType,
      description: props.description,
    });
  }
}

/** What an access grant needs to know of each instance. */
export interface OpenAiAccountRef {
  /** Instance name; names the assignment's construct, so keep it stable. */
  readonly name: string;
  readonly account: { readonly id: string };
}

export interface OpenAiAccessProps {
  /** Every account the principal may use; one assignment each. */
  readonly instances: readonly OpenAiAccountRef[];
  readonly role: OpenAiRole;
  readonly principalId: string;
  readonly principalType: PrincipalType;
  /**
   * Shown in the portal's access control list.
   * @default none
   */
  readonly description?: string;
}

/** Grants one role to one principal on every account of the fleet, each assignment scoped to its account. */
export class OpenAiAccess extends Construct {
  /** By instance name. */
  readonly assignments: Readonly<Record<string, OpenAiRoleAssignment>>;

  constructor(scope: Construct, id: string, props: OpenAiAccessProps) {
    super(scope, id);
    if (props.instances.length === 0) {
      throw new Error('OpenAI access: instances must list at least one account, got none');
    }
    const assignments: Record<string, OpenAiRoleAssignment> = {};
    for (const instance of props.instances) {
      if (assignments[instance.name]) {
        throw new Error(`OpenAI access: instance names must be unique, got "${instance.name}" twice`);
      }
      assignments[instance.name] = new OpenAiRoleAssignment(this, instance.name, {
        accountId: instance.account.id,
        role: props.role,
        principalId: props.principalId,
        principalType: props.principalType,
        description: props.description,
      });
    }
    this.assignments = assignments;
  }
}
