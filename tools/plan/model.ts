import { isRecord } from '../check/values';
/**
 * The parts of `terraform show -json <planfile>` the pipeline reads (Terraform's JSON output format, "Plan
 * Representation": https://developer.hashicorp.com/terraform/internals/json-format#plan-representation).
 */

export type Action = 'no-op' | 'create' | 'read' | 'update' | 'delete';

export interface ResourceChange {
  readonly address: string;
  readonly mode?: 'managed' | 'data';
  readonly type?: string;
  readonly change: {
    readonly actions: readonly Action[];
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
    /** Attribute paths that force the replacement (Terraform 1.2 and later). */
    readonly replace_paths?: ReadonlyArray<ReadonlyArray<string | number>>;
  };
}

export interface PlanJson {
  readonly format_version?: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly ResourceChange[];
  readonly output_changes?: Readonly<
    Record<string, { readonly actions: readonly Action[]; readonly after?: unknown; readonly after_unknown?: unknown }>
  >;
}

export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanInputError';
  }
}

export function parsePlan(text: string, label: string): PlanJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PlanInputError(`${label}: not JSON (${(error as Error).message}); expected the output of terraform show -json <planfile>`);
  }
  if (!isRecord(value) || (value['resource_changes'] !== undefined && !Array.isArray(value['resource_changes']))) {
    throw new PlanInputError(`${label}: not a Terraform plan in JSON (no resource_changes list)`);
  }
  return value as PlanJson;
}

export type Kind = 'create' | 'update' | 'replace' | 'delete' | 'read';

/** How a change reads to a reviewer; no-op is undefined. */
export function kindOf(actions: readonly Action[]): Kind | undefined {
  if (actions.includes('delete') && actions.includes('create')) {
    return 'replace';
  }
  const [only] = actions;
  return only === 'no-op' || only === undefined ? undefined : only;
}
