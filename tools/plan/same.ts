import { kindOf, type PlanJson } from './model';

/** The effect of a plan: per address, what happens and the configuration it ends with. Prior state is left out. */
function effects(plan: PlanJson): Map<string, string> {
  const out = new Map<string, string>();
  for (const rc of plan.resource_changes ?? []) {
    const kind = kindOf(rc.change.actions);
    if (kind !== undefined) {
      out.set(rc.address, JSON.stringify([kind, rc.change.after ?? null, rc.change.after_unknown ?? null]));
    }
  }
  for (const [name, oc] of Object.entries(plan.output_changes ?? {})) {
    const kind = kindOf(oc.actions);
    if (kind !== undefined) {
      out.set(`output.${name}`, JSON.stringify([kind, oc.after ?? null, oc.after_unknown ?? null]));
    }
  }
  return out;
}

/**
 * Addresses whose planned effect differs between the approved plan and a fresh one. Empty means applying the
 * approved plan does what a new plan would: nothing an earlier layer's apply changed reaches this layer.
 */
export function planDifferences(approved: PlanJson, fresh: PlanJson): string[] {
  const a = effects(approved);
  const b = effects(fresh);
  const differences: string[] = [];
  for (const address of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const before = a.get(address);
    const after = b.get(address);
    if (before === after) {
      continue;
    }
    const kind = (value: string | undefined) => (value === undefined ? 'no change' : (JSON.parse(value) as [string])[0]);
    differences.push(
      before !== undefined && after !== undefined && kind(before) === kind(after)
        ? `${address}: ${kind(after)} with different values`
        : `${address}: approved ${kind(before)}, now ${kind(after)}`,
    );
  }
  return differences;
}
