/**
 * Sizing rules of API Management that Azure enforces only at apply time: one table, read by the configuration
 * schema (one line per problem, at the field) and by the ApiManagementService construct (which refuses to build).
 * https://learn.microsoft.com/azure/api-management/api-management-features (Developer: one unit, no zones) and
 * https://learn.microsoft.com/azure/api-management/high-availability (units spread evenly across zones).
 */
export interface ApiManagementSizing {
  readonly sku: 'Developer' | 'Premium';
  readonly capacity: number;
  readonly zones: readonly string[];
}

export interface SizingProblem {
  readonly field: 'capacity' | 'zones';
  /** What is expected, in the configuration's words. */
  readonly expected: string;
  readonly found: unknown;
}

export function apiManagementSizingProblems(sizing: ApiManagementSizing): SizingProblem[] {
  const problems: SizingProblem[] = [];
  if (sizing.sku === 'Developer' && sizing.capacity !== 1) {
    problems.push({ field: 'capacity', expected: 'capacity 1 for the Developer tier', found: sizing.capacity });
  }
  if (sizing.sku !== 'Premium' && sizing.zones.length > 0) {
    problems.push({ field: 'zones', expected: `no availability zones for the ${sizing.sku} tier (Premium only)`, found: sizing.zones });
  }
  if (sizing.zones.length > 0 && sizing.capacity % sizing.zones.length !== 0) {
    problems.push({
      field: 'capacity',
      expected: `a capacity that is a multiple of the number of zones (${sizing.zones.length})`,
      found: sizing.capacity,
    });
  }
  return problems;
}
