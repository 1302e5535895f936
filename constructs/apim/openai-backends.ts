import { ApiManagementBackend } from '@cdktf/provider-azurerm/lib/api-management-backend';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';

import { ApimBackendPool } from '../azapi/apim-backend-pool';

/** Pool members' priority and weight are 0 to 100 in the backend pool schema. */
const POOL_RANGE = { min: 0, max: 100 } as const;

/** One Azure OpenAI account as a pool member. */
export interface OpenAiBackendTarget {
  /** Instance name; names the backend and its construct, so keep it stable. */
  readonly instance: string;
  /** Backend name inside API Management. */
  readonly backendName: string;
  /** `https://<subdomain>.openai.azure.com/`. */
  readonly endpoint: string;
  /** ARM id of the account, recorded on the backend for traceability. */
  readonly accountId: string;
  readonly priority: number;
  readonly weight: number;
}

/** Timing of a backend's circuit breaker. */
export interface CircuitBreakerTiming {
  /** Window in which the first failure trips the breaker. */
  readonly intervalSeconds: number;
  /** How long a tripped backend is skipped when it sends no Retry-After. */
  readonly tripDurationSeconds: number;
}

export interface OpenAiBackendsProps {
  readonly apiManagementName: string;
  readonly apiManagementId: string;
  readonly resourceGroupName: string;
  /** Name of the load-balanced pool the API policy routes to. */
  readonly poolName: string;
  readonly targets: readonly OpenAiBackendTarget[];
  /** How each member's circuit breaker counts failures and how long it stays open. */
  readonly circuitBreaker: CircuitBreakerTiming;
  /** Waits for the instance to finish activating. */
  readonly dependsOn: ITerraformDependable[];
}

/** Status codes that trip a backend: throttling, and server errors. */
export const TRIPPING_STATUS_CODES = [
  { min: 429, max: 429 },
  { min: 500, max: 599 },
] as const;

/**
 * The circuit breaker each backend carries. It trips on the first 429 or 5xx within the interval and honours the
 * Retry-After the account sent, so a throttled member leaves the pool for exactly as long as Azure OpenAI asks and
 * the pool's next pick (the retry) goes to another member; a 5xx without Retry-After trips it for `tripDuration`.
 * One rule only: API Management supports one per backend ("Currently, only one rule can be configured for a backend
 * circuit breaker") and azurerm 4.55 enforces it (`circuit_breaker_rule` MaxItems 1,
 * internal/services/apimanagement/api_management_backend_resource.go line 62), so 5xx cannot have a count of its own.
 * https://learn.microsoft.com/azure/api-management/backends#circuit-breaker
 */
export function circuitBreakerRule(config: CircuitBreakerTiming) {
  return {
    name: 'openai-throttling-and-errors',
    tripDuration: `PT${config.tripDurationSeconds}S`,
    acceptRetryAfterEnabled: true,
    failureCondition: {
      // The first 429 must trip: a second attempt on a throttled account is a wasted retry (and the caller's 503).
      count: 1,
      intervalDuration: `PT${config.intervalSeconds}S`,
      statusCodeRange: TRIPPING_STATUS_CODES.map((range) => ({ ...range })),
    },
  };
}

/** Backend URL of an account: the data plane's `/openai` root, so operation paths append unchanged. */
export function backendUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/openai`;
}

function targetProblems(targets: readonly OpenAiBackendTarget[]): string[] {
  const problems: string[] = [];
  if (targets.length === 0) {
    problems.push('targets is empty; the pool needs at least one Azure OpenAI account');
  }
  const names = new Set<string>();
  targets.forEach((target, index) => {
    if (names.has(target.backendName)) {
      problems.push(`targets[${index}].backendName "${target.backendName}" is used twice`);
    }
    names.add(target.backendName);
    if (!Token.isUnresolved(target.endpoint) && !/^https:\/\/[a-z0-9-]+\.openai\.azure\.com\/?$/.test(target.endpoint)) {
      problems.push(`targets[${index}].endpoint must be https://<subdomain>.openai.azure.com/, got "${target.endpoint}"`);
    }
    for (const field of ['priority', 'weight'] as const) {
      const value = target[field];
      if (!Number.isInteger(value) || value < POOL_RANGE.min || value > POOL_RANGE.max) {
        problems.push(
          `targets[${index}].${field} must be an integer from ${POOL_RANGE.min} to ${POOL_RANGE.max} (the backend pool's range), got ${value}`,
        );
      }
    }
  });
  return problems;
}

/**
 * One API Management backend per Azure OpenAI account, each with its own circuit breaker, and the load-balanced pool
 * over them (priority groups, weights within a group). The pool skips tripped members; when every member is
 * tripped it answers 503 itself.
 */
export class OpenAiBackends extends Construct {
  /** By instance name. */
  readonly backends: Readonly<Record<string, ApiManagementBackend>>;
  readonly pool: ApimBackendPool;
  /** Every backend id a policy may name: the pool and its members. */
  readonly backendIds: readonly string[];

  constructor(scope: Construct, id: string, props: OpenAiBackendsProps) {
    super(scope, id);
    const problems = targetProblems(props.targets);
    if (problems.length > 0) {
      throw new Error(`OpenAiBackends "${id}": ${problems.join('; ')}`);
    }
    const backends: Record<string, ApiManagementBackend> = {};
    for (const target of props.targets) {
      backends[target.instance] = new ApiManagementBackend(this, target.instance, {
        name: target.backendName,
        apiManagementName: props.apiManagementName,
        resourceGroupName: props.resourceGroupName,
        description: `Azure OpenAI account of instance ${target.instance}`,
        protocol: 'http',
        url: backendUrl(target.endpoint),
        // API Management takes the management URL of the Azure resource here, not its bare ARM id.
        resourceId: `https://management.azure.com${target.accountId}`,
        tls: { validateCertificateChain: true, validateCertificateName: true },
        circuitBreakerRule: circuitBreakerRule(props.circuitBreaker),
        dependsOn: props.dependsOn,
      });
    }
    this.backends = backends;
    this.pool = new ApimBackendPool(this, 'pool', {
      apiManagementId: props.apiManagementId,
      name: props.poolName,
      description: 'Every Azure OpenAI account: lowest priority group first, by weight within a group.',
      members: props.targets.map((target) => ({
        backendId: backends[target.instance]!.id,
        priority: target.priority,
        weight: target.weight,
      })),
      dependsOn: props.dependsOn,
    });
    this.backendIds = [props.poolName, ...props.targets.map((target) => target.backendName)];
  }
}
