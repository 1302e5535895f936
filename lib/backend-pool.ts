/**
 * How the gateway's retry policy and the backend pool work together: a throttled member trips its circuit breaker on
 * its first 429 and leaves the pool for the Retry-After it sent, so each retry lands on another member. A request
 * reaches every member of a pool of N with N - 1 retries, as Microsoft's load-balancing samples set it.
 * https://learn.microsoft.com/azure/api-management/backends#circuit-breaker
 * https://learn.microsoft.com/azure/api-management/retry-policy
 */

/** `count` of the retry policy: "a positive number between 1 and 50" (retry-policy, Attributes). */
export const RETRY_COUNT_RANGE = { min: 1, max: 50 } as const;

/** Retries that let one request reach every member of a pool of `members`; never below the policy's minimum. */
export function retriesToReachEveryMember(members: number): number {
  return Math.max(RETRY_COUNT_RANGE.min, members - 1);
}
