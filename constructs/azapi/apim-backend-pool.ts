import { type ITerraformDependable, type TerraformProvider, type TerraformResourceLifecycle, Token } from 'cdktf';
import { Construct } from 'constructs';

import { type AzapiBody, AzapiResource, type AzapiRetry } from './resource';

/**
 * ARM API version for API Management backends. Pools with per-member priority and weight, and circuit breakers
 * that honour Retry-After, are in this version's schema (BackendPoolItem.priority and .weight: 0 to 100).
 * Spec: specification/apimanagement/resource-manager/Microsoft.ApiManagement/preview/2024-06-01-preview in
 * https://github.com/Azure/azure-rest-api-specs
 */
export const APIM_BACKEND_API_VERSION = '2024-06-01-preview';

const PRIORITY_RANGE = [0, 100] as const;
const WEIGHT_RANGE = [0, 100] as const;
const BACKEND_NAME = /^[^*#&+:<>?]{1,80}$/;

export interface ApimBackendPoolMember {
  /** ARM id of an existing single backend (for example an `azurerm_api_management_backend` id). */
  readonly backendId: string;
  /**
   * Priority group, 0 to 100; lower values take traffic first (1 = primary, 2 = fallback in Microsoft's samples).
   * A lower group is used only while every member of the groups above is unavailable (circuit breaker tripped).
   * @default unset
   */
  readonly priority?: number;
  /** Share of traffic among members of the same priority. 0 to 100. @default unset (equal shares) */
  readonly weight?: number;
}

export interface ApimBackendPoolProps {
  /** ARM id of the API Management instance. */
  readonly apiManagementId: string;
  /** Backend name; `set-backend-service backend-id` refers to it. */
  readonly name: string;
  /** Members of the pool. Each member should carry its own circuit breaker so that tripped members are skipped. */
  readonly members: readonly ApimBackendPoolMember[];
  /** @default none */
  readonly description?: string;
  /** @default the stack's default azapi provider */
  readonly provider?: TerraformProvider;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
  /** @default none */
  readonly lifecycle?: TerraformResourceLifecycle;
  /** Retries for calls made while a new API Management instance is still activating. @default none */
  readonly retry?: AzapiRetry;
}

function checkRange(problems: string[], field: string, value: number | undefined, [min, max]: readonly [number, number]): void {
  if (value !== undefined && !Token.isUnresolved(value) && !(Number.isInteger(value) && value >= min && value <= max)) {
    problems.push(`${field} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** Validates pool props; returns the problems found (empty when valid). */
export function backendPoolProblems(props: ApimBackendPoolProps): string[] {
  const problems: string[] = [];
  if (!Token.isUnresolved(props.name) && !BACKEND_NAME.test(props.name)) {
    problems.push(`name must be 1 to 80 characters without * # & + : < > ?, got "${props.name}"`);
  }
  if (props.members.length === 0) {
    problems.push('members is empty; a pool needs at least one backend');
  }
  const seen = new Set<string>();
  props.members.forEach((member, index) => {
    if (!Token.isUnresolved(member.backendId)) {
      if (!/\/backends\/[^/]+$/i.test(member.backendId)) {
        problems.push(
          `members[${index}].backendId must be the ARM id of an API Management backend (".../backends/<name>"), got "${member.backendId}"`,
        );
      }
      if (seen.has(member.backendId.toLowerCase())) {
        problems.push(`members[${index}].backendId "${member.backendId}" is listed twice`);
      }
      seen.add(member.backendId.toLowerCase());
    }
    checkRange(problems, `members[${index}].priority`, member.priority, PRIORITY_RANGE);
    checkRange(problems, `members[${index}].weight`, member.weight, WEIGHT_RANGE);
  });
  return problems;
}

/** The ARM body of a backend pool: type Pool and members only; a pool has no url or protocol of its own. */
export function backendPoolBody(props: ApimBackendPoolProps): AzapiBody {
  return {
    properties: {
      description: props.description,
      type: 'Pool',
      pool: {
        services: props.members.map((member) => ({ id: member.backendId, priority: member.priority, weight: member.weight })),
      },
    },
  };
}

/**
 * A load-balanced pool of API Management backends (`Microsoft.ApiManagement/service/backends` of type Pool), which
 * azurerm cannot express. Requests routed to the pool go to the highest-priority members, spread by weight, and
 * skip members whose circuit breaker has tripped.
 */
export class ApimBackendPool extends Construct {
  readonly resource: AzapiResource;
  /** ARM id of the pool. */
  readonly id: string;
  /** Backend name, for `set-backend-service backend-id`. */
  readonly backendName: string;

  constructor(scope: Construct, id: string, props: ApimBackendPoolProps) {
    super(scope, id);
    const problems = backendPoolProblems(props);
    if (problems.length > 0) {
      throw new Error(`ApimBackendPool "${id}": ${problems.join('; ')}`);
    }
    this.resource = new AzapiResource(this, 'resource', {
      type: `Microsoft.ApiManagement/service/backends@${APIM_BACKEND_API_VERSION}`,
      name: props.name,
      parentId: props.apiManagementId,
      body: backendPoolBody(props),
      // The published schema marks url and protocol as required on every backend, while the service refuses both
      // on a pool; validating against that schema would reject every valid pool at plan time.
      schemaValidationEnabled: false,
      provider: props.provider,
      dependsOn: props.dependsOn,
      lifecycle: props.lifecycle,
      retry: props.retry,
    });
    this.id = this.resource.id;
    this.backendName = props.name;
  }
}
