import { ApiManagementNamedValue } from '@cdktf/provider-azurerm/lib/api-management-named-value';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';

import { GUID_ANY_CASE as GUID } from '../../lib/guid';

/** A value a policy may read as `{{name}}`: either plain (never secret) or a reference to a Key Vault secret. */
export type NamedValueSpec =
  | {
      readonly name: string;
      /** Non-secret text, such as a client id. Secrets cannot be declared plain: use `keyVaultSecretId`. */
      readonly value: string;
      readonly keyVaultSecretId?: never;
    }
  | {
      readonly name: string;
      /** Versionless secret id (`https://<vault>.vault.azure.net/secrets/<name>`), so rotations are picked up. */
      readonly keyVaultSecretId: string;
      readonly value?: never;
    };

export interface NamedValuesProps {
  readonly apiManagementName: string;
  readonly resourceGroupName: string;
  readonly values: readonly NamedValueSpec[];
  /** Principal id of the instance's system-assigned identity, which reads Key Vault-backed values. */
  readonly principalId: string;
  /**
   * Resource id of the Key Vault (RBAC mode) that Key Vault-backed values live in; required when there are any.
   * @default none
   */
  readonly keyVaultId?: string;
  /** Waits for the instance to finish activating. */
  readonly dependsOn: ITerraformDependable[];
}

const NAME = /^[A-Za-z0-9._-]{1,80}$/;
const SECRET_ID = /^https:\/\/[a-z0-9-]+\.vault\.azure\.net\/secrets\/[A-Za-z0-9-]+\/?$/;
/** Long unbroken runs of key material (base64, hex): a secret pasted as plain text. */
const KEY_MATERIAL = /^[A-Za-z0-9+/=_~.-]{32,}$/;

/** Checks named values; returns the problems found (empty when valid). */
export function namedValueProblems(props: Pick<NamedValuesProps, 'values' | 'keyVaultId'>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  props.values.forEach((spec, index) => {
    if (!NAME.test(spec.name)) {
      problems.push(`values[${index}].name must be 1-80 letters, digits, ".", "_" or "-", got "${spec.name}"`);
    }
    if (seen.has(spec.name.toLowerCase())) {
      problems.push(`values[${index}].name "${spec.name}" is used twice`);
    }
    seen.add(spec.name.toLowerCase());
    if (spec.keyVaultSecretId !== undefined) {
      if (!Token.isUnresolved(spec.keyVaultSecretId) && !SECRET_ID.test(spec.keyVaultSecretId)) {
        problems.push(
          `values[${index}].keyVaultSecretId must be a versionless secret id (https://<vault>.vault.azure.net/secrets/<name>), got "${spec.keyVaultSecretId}"`,
        );
      }
    } else if (!Token.isUnresolved(spec.value) && !GUID.test(spec.value) && KEY_MATERIAL.test(spec.value)) {
      problems.push(`values[${index}] ("${spec.name}") looks like key material; store it in Key Vault and give keyVaultSecretId instead`);
    }
  });
  if (props.values.some((spec) => spec.keyVaultSecretId !== undefined) && props.keyVaultId === undefined) {
    problems.push('keyVaultId is required when a value comes from Key Vault: the instance needs a role on that vault');
  }
  return problems;
}

/**
 * The named values the gateway's policies read. Plain values carry only non-secret text; secrets are Key Vault
 * references resolved by the instance's managed identity, which then holds "Key Vault Secrets User" on the vault
 * (read secret values, nothing else). https://learn.microsoft.com/azure/api-management/api-management-howto-properties
 */
export class NamedValues extends Construct {
  /** By name. */
  readonly values: Readonly<Record<string, ApiManagementNamedValue>>;
  /** Present when any value comes from Key Vault. */
  readonly keyVaultAccess?: RoleAssignment;

  constructor(scope: Construct, id: string, props: NamedValuesProps) {
    super(scope, id);
    const problems = namedValueProblems(props);
    if (problems.length > 0) {
      throw new Error(`NamedValues "${id}": ${problems.join('; ')}`);
    }
    const dependsOn: ITerraformDependable[] = [...props.dependsOn];
    if (props.keyVaultId !== undefined && props.values.some((spec) => spec.keyVaultSecretId !== undefined)) {
      this.keyVaultAccess = new RoleAssignment(this, 'key-vault-secrets-user', {
        scope: props.keyVaultId,
        roleDefinitionName: 'Key Vault Secrets User',
        principalId: props.principalId,
        principalType: 'ServicePrincipal',
        description: 'API Management reads the secrets behind its named values',
      });
      dependsOn.push(this.keyVaultAccess);
    }
    const values: Record<string, ApiManagementNamedValue> = {};
    for (const spec of props.values) {
      values[spec.name] = new ApiManagementNamedValue(this, spec.name, {
        name: spec.name,
        displayName: spec.name,
        apiManagementName: props.apiManagementName,
        resourceGroupName: props.resourceGroupName,
        ...(spec.keyVaultSecretId !== undefined
          ? { secret: true, valueFromKeyVault: { secretId: spec.keyVaultSecretId } }
          : { secret: false, value: spec.value }),
        dependsOn,
      });
    }
    this.values = values;
  }

  /** Names a policy may reference. */
  get names(): string[] {
    return Object.keys(this.values).sort();
  }
}
