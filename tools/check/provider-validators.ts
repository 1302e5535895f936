import {
  accepts,
  type Constraint,
  describe,
  providerOf,
  type ProviderValidators,
  type ResourceValidators,
  sourceUrl,
  validatorsOf,
} from '../../lib/azure/provider-validators';
import { isExpression, isRecord } from './values';

/** Terraform meta-arguments and cdktf metadata: not provider attributes. */
const META_ARGUMENTS: ReadonlySet<string> = new Set([
  '//',
  'count',
  'depends_on',
  'for_each',
  'lifecycle',
  'provider',
  'provisioner',
  'connection',
  'timeouts',
]);

/** What one pass over synthesized stacks compared and found. */
export interface ValidatorReport {
  /** Literal values compared with a transcribed validator, block counts and constraints included. */
  readonly checked: number;
  readonly problems: readonly string[];
}

export interface ValidatedBlock {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly values: Readonly<Record<string, unknown>>;
}

interface Walk {
  readonly table: ProviderValidators;
  readonly requireEntries: boolean;
  readonly validators: ResourceValidators;
  readonly problems: string[];
  checked: number;
}

function checkLiteral(walk: Walk, path: string, value: unknown): void {
  const entry = walk.validators.attributes[path];
  if (entry === undefined) {
    if (!walk.requireEntries) {
      return;
    }
    walk.problems.push(
      `${path}: no validator transcribed for this attribute; add it from ${sourceUrl(walk.table, walk.validators.file, 1)}`,
    );
    return;
  }
  walk.checked += 1;
  if (!accepts(entry.check, value)) {
    const reason = entry.check.kind === 'custom' ? entry.check.problem(value) : undefined;
    walk.problems.push(
      `${path}: expected ${describe(entry.check)}, found ${JSON.stringify(value)}${reason ? ` (${reason})` : ''} ` +
        `(${sourceUrl(walk.table, entry.file ?? walk.validators.file, entry.line)})`,
    );
  }
}

function checkCount(walk: Walk, path: string, count: number): void {
  const limit = walk.validators.items?.[path];
  if (limit === undefined) {
    return;
  }
  walk.checked += 1;
  if ((limit.min !== undefined && count < limit.min) || (limit.max !== undefined && count > limit.max)) {
    const expected = limit.max === undefined ? `at least ${limit.min}` : `${limit.min ?? 0} to ${limit.max}`;
    walk.problems.push(
      `${path}: expected ${expected} items, found ${count} (${sourceUrl(walk.table, limit.file ?? walk.validators.file, limit.line)})`,
    );
  }
}

function walkValues(walk: Walk, prefix: string, values: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(values)) {
    if (prefix === '' && META_ARGUMENTS.has(key)) {
      continue;
    }
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (value === null || value === undefined || isExpression(value)) {
      continue;
    }
    const entry = walk.validators.attributes[path];
    if (isRecord(value) && entry !== undefined) {
      // A map attribute (tags) has a validator of its own; a nested block has none, only its attributes.
      checkLiteral(walk, path, value);
    } else if (isRecord(value)) {
      checkCount(walk, path, 1);
      walkValues(walk, path, value);
    } else if (Array.isArray(value)) {
      checkCount(walk, path, value.length);
      for (const item of value) {
        if (isRecord(item)) {
          walkValues(walk, path, item);
        } else if (item !== null && !isExpression(item)) {
          checkLiteral(walk, path, item);
        }
      }
    } else {
      checkLiteral(walk, path, value);
    }
  }
}

/** Every instance of the block at `path` (dotted, no indexes) inside one resource's values. */
function blocksAt(values: Readonly<Record<string, unknown>>, path: readonly string[]): Readonly<Record<string, unknown>>[] {
  if (path.length === 0) {
    return [values];
  }
  const [head, ...rest] = path;
  const next = values[head!];
  const items = Array.isArray(next) ? next : [next];
  return items.filter(isRecord).flatMap((item) => blocksAt(item, rest));
}

function checkConstraint(walk: Walk, constraint: Constraint, values: Readonly<Record<string, unknown>>): void {
  const parent = constraint.paths[0]!.split('.').slice(0, -1);
  const names = constraint.paths.map((path) => path.split('.').at(-1)!);
  const blocks = parent.length === 0 ? [values] : blocksAt(values, parent);
  for (const block of blocks) {
    walk.checked += 1;
    const set = names.filter((name) => block[name] !== undefined && block[name] !== null);
    const failed =
      (constraint.kind === 'conflictsWith' && set.length > 1) ||
      (constraint.kind === 'exactlyOneOf' && set.length !== 1) ||
      (constraint.kind === 'atLeastOneOf' && set.length === 0) ||
      (constraint.kind === 'requiredWith' && set.length > 0 && set.length < names.length);
    if (failed) {
      walk.problems.push(
        `${constraint.paths.join(', ')}: ${constraint.kind} holds not (${set.length === 0 ? 'none' : set.join(', ')} set) ` +
          `(${sourceUrl(walk.table, walk.validators.file, constraint.line)})`,
      );
    }
  }
}

/**
 * The problems of one azurerm or azuread resource's literal values against its provider's validators. With
 * `requireEntries`, a literal on an attribute (or a type) the tables do not hold is a problem too: the tests hold the
 * tables to everything the stacks set; the rule pack, which also reads hand-made fixtures, judges what they hold.
 * Values Terraform knows only at apply time (expressions) are skipped, as `terraform validate` skips them.
 */
export function blockProblems(block: ValidatedBlock, requireEntries = true): ValidatorReport {
  const table = providerOf(block.type);
  if (table === undefined) {
    return { checked: 0, problems: [] };
  }
  const validators = validatorsOf(block.mode, block.type);
  if (validators === undefined) {
    if (!requireEntries) {
      return { checked: 0, problems: [] };
    }
    const kind = block.mode === 'managed' ? 'resources' : 'dataSources';
    return {
      checked: 0,
      problems: [
        `no validators transcribed for ${block.type}; add its ${kind} entry to lib/azure/provider-validators/${table.provider}.ts`,
      ],
    };
  }
  const walk: Walk = { table, requireEntries, validators, problems: [], checked: 0 };
  walkValues(walk, '', block.values);
  for (const constraint of validators.constraints ?? []) {
    checkConstraint(walk, constraint, block.values);
  }
  return { checked: walk.checked, problems: walk.problems };
}

/** Every azurerm and azuread resource and data source of every stack. */
export function validatorReport(
  stacks: readonly { readonly name: string; readonly json: Readonly<Record<string, unknown>> }[],
): ValidatorReport {
  const problems: string[] = [];
  let checked = 0;
  for (const stack of stacks) {
    for (const [kind, mode] of [
      ['resource', 'managed'],
      ['data', 'data'],
    ] as const) {
      const byType = stack.json[kind];
      for (const [type, byName] of Object.entries(isRecord(byType) ? byType : {})) {
        for (const [name, values] of Object.entries(isRecord(byName) ? byName : {})) {
          const result = blockProblems({ mode, type, values: isRecord(values) ? values : {} });
          checked += result.checked;
          const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
          problems.push(...result.problems.map((problem) => `${stack.name}: ${address}: ${problem}`));
        }
      }
    }
  }
  return { checked, problems };
}
