import { assess, type AttentionItem, sortAttention } from './attention';
import { flatten, isTextValue, lastKey, schemaPath } from './flatten';
import { replacingAttributes } from './replacement';
import { isSensitivePath, isShowable } from './sensitive';
import { unifiedDiff } from './text-diff';

/** The part of a synthesized stack the comparison reads. */
export interface StackInput {
  readonly name: string;
  readonly json: Readonly<Record<string, unknown>>;
}

export type EntryKind = 'resource' | 'data' | 'output' | 'provider' | 'terraform' | 'variable' | 'locals' | 'module';
export type ChangeStatus = 'added' | 'removed' | 'changed';

export interface AttributeChange {
  readonly path: string;
  readonly status: ChangeStatus;
  /** JSON of the old value, `(sensitive)` when masked; absent for additions and text diffs. */
  readonly before?: string;
  readonly after?: string;
  readonly sensitive: boolean;
  /** Unified diff hunks for multi-line text (policy XML, KQL). */
  readonly text?: readonly string[];
}

export interface EntryDiff {
  readonly kind: EntryKind;
  /** Terraform address: `type.name`, `data.type.name`, `output.name`, `provider.name`, `terraform`. */
  readonly address: string;
  readonly type?: string;
  readonly status: ChangeStatus;
  readonly constructPath?: string;
  readonly changes: readonly AttributeChange[];
  /** Set when an added and a removed resource of one type carry identical attributes: a rename. */
  readonly renamedFrom?: string;
  readonly renamedTo?: string;
  /** Attributes whose change makes Azure replace the resource. */
  readonly replacedBy?: readonly string[];
}

export interface StackDiff {
  readonly name: string;
  readonly status: ChangeStatus;
  readonly entries: readonly EntryDiff[];
}

export interface DiffSummary {
  readonly stacksAdded: number;
  readonly stacksRemoved: number;
  readonly stacksChanged: number;
  readonly stacksUnchanged: number;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

export interface DiffReport {
  /** What a reviewer must look at first: replacements, destroys, protected resources, wider access. */
  readonly attention: readonly AttentionItem[];
  readonly base: string;
  readonly head: string;
  readonly summary: DiffSummary;
  /** Stacks with differences, by name. */
  readonly stacks: readonly StackDiff[];
}

interface Entry {
  readonly kind: EntryKind;
  readonly address: string;
  readonly type?: string;
  readonly constructPath?: string;
  readonly value: unknown;
  /** Outputs marked sensitive hide their value. */
  readonly sensitiveValue: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function constructPathOf(value: unknown): string | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const meta = value['//'];
  const inner = isRecord(meta) ? meta['metadata'] : undefined;
  const path = isRecord(inner) ? inner['path'] : undefined;
  return typeof path === 'string' ? path : undefined;
}

/** Every addressable block of a stack, keyed by address. */
function entriesOf(json: Readonly<Record<string, unknown>>): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const add = (entry: Entry): void => {
    entries.set(entry.address, entry);
  };
  for (const [section, kind] of [
    ['resource', 'resource'],
    ['data', 'data'],
  ] as const) {
    const byType = json[section];
    if (!isRecord(byType)) {
      continue;
    }
    for (const [type, byName] of Object.entries(byType)) {
      if (!isRecord(byName)) {
        continue;
      }
      for (const [name, value] of Object.entries(byName)) {
        const address = kind === 'resource' ? `${type}.${name}` : `data.${type}.${name}`;
        const constructPath = constructPathOf(value);
        add({ kind, address, type, value, sensitiveValue: false, ...(constructPath ? { constructPath } : {}) });
      }
    }
  }
  const outputs = json['output'];
  if (isRecord(outputs)) {
    for (const [name, value] of Object.entries(outputs)) {
      add({ kind: 'output', address: `output.${name}`, value, sensitiveValue: isRecord(value) && value['sensitive'] === true });
    }
  }
  const providers = json['provider'];
  if (isRecord(providers)) {
    for (const [name, configs] of Object.entries(providers)) {
      const list = Array.isArray(configs) ? configs : [configs];
      list.forEach((config, index) => {
        const alias = isRecord(config) && typeof config['alias'] === 'string' ? config['alias'] : undefined;
        const address = alias
          ? `provider.${name}.${alias}`
          : list.length > 1 && index > 0
            ? `provider.${name}[${index}]`
            : `provider.${name}`;
        add({ kind: 'provider', address, type: name, value: config, sensitiveValue: false });
      });
    }
  }
  if (json['terraform'] !== undefined) {
    add({ kind: 'terraform', address: 'terraform', value: json['terraform'], sensitiveValue: false });
  }
  for (const [section, kind, prefix] of [
    ['variable', 'variable', 'var'],
    ['module', 'module', 'module'],
  ] as const) {
    const blocks = json[section];
    if (isRecord(blocks)) {
      for (const [name, value] of Object.entries(blocks)) {
        add({ kind, address: `${prefix}.${name}`, value, sensitiveValue: false });
      }
    }
  }
  if (json['locals'] !== undefined) {
    add({ kind: 'locals', address: 'locals', value: json['locals'], sensitiveValue: false });
  }
  return entries;
}

const SENSITIVE = '(sensitive)';

function show(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

function lineCount(text: string): string {
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return `(${lines} line${lines === 1 ? '' : 's'} of text)`;
}

function attributeChange(entry: Entry, path: string, status: ChangeStatus, before: unknown, after: unknown): AttributeChange {
  const sensitivePath =
    (entry.sensitiveValue && (path === '.value' || path.startsWith('.value.') || path.startsWith('.value['))) ||
    isSensitivePath(entry.type, path);
  const hidden = sensitivePath && !((before === undefined || isShowable(before)) && (after === undefined || isShowable(after)));
  const display = path.replace(/^\./, '');
  if (hidden) {
    return {
      path: display,
      status,
      sensitive: true,
      ...(status !== 'added' ? { before: SENSITIVE } : {}),
      ...(status !== 'removed' ? { after: SENSITIVE } : {}),
    };
  }
  const key = lastKey(path);
  if (isTextValue(key, before) || isTextValue(key, after)) {
    const oldText = typeof before === 'string' ? before : before === undefined ? '' : show(before);
    const newText = typeof after === 'string' ? after : after === undefined ? '' : show(after);
    return {
      path: display,
      status,
      sensitive: false,
      ...(status !== 'added' ? { before: lineCount(oldText) } : {}),
      ...(status !== 'removed' ? { after: lineCount(newText) } : {}),
      text: unifiedDiff(oldText, newText),
    };
  }
  return {
    path: display,
    status,
    sensitive: false,
    ...(status !== 'added' ? { before: show(before) } : {}),
    ...(status !== 'removed' ? { after: show(after) } : {}),
  };
}

function attributeChanges(base: Entry | undefined, head: Entry | undefined): AttributeChange[] {
  const entry = (head ?? base)!;
  const before = base ? flatten(base.value) : new Map<string, unknown>();
  const after = head ? flatten(head.value) : new Map<string, unknown>();
  const changes: AttributeChange[] = [];
  for (const [path, value] of after) {
    if (!before.has(path)) {
      changes.push(attributeChange(entry, path, 'added', undefined, value));
    } else if (show(before.get(path)) !== show(value)) {
      changes.push(attributeChange(entry, path, 'changed', before.get(path), value));
    }
  }
  for (const [path, value] of before) {
    if (!after.has(path)) {
      changes.push(attributeChange(entry, path, 'removed', value, undefined));
    }
  }
  return changes;
}

const KIND_ORDER: readonly EntryKind[] = ['resource', 'data', 'output', 'provider', 'terraform', 'variable', 'locals', 'module'];

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareEntries(a: EntryDiff, b: EntryDiff): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareText(a.address, b.address);
}

function fingerprint(entry: Entry): string {
  return JSON.stringify([...flatten(entry.value)]);
}

function compareStack(
  name: string,
  base: StackInput | undefined,
  head: StackInput | undefined,
  attention: AttentionItem[],
): StackDiff | undefined {
  const before = base ? entriesOf(base.json) : new Map<string, Entry>();
  const after = head ? entriesOf(head.json) : new Map<string, Entry>();
  const diffs: EntryDiff[] = [];
  const removedByPrint = new Map<string, Entry[]>();
  for (const [address, entry] of before) {
    if (!after.has(address) && entry.kind === 'resource') {
      const key = `${entry.type}\u0000${fingerprint(entry)}`;
      removedByPrint.set(key, [...(removedByPrint.get(key) ?? []), entry]);
    }
  }
  const renamed = new Map<string, string>();
  for (const [address, entry] of after) {
    const old = before.get(address);
    if (!old) {
      const candidates = entry.kind === 'resource' ? removedByPrint.get(`${entry.type}\u0000${fingerprint(entry)}`) : undefined;
      const from = candidates?.shift();
      if (from) {
        renamed.set(from.address, address);
      }
      diffs.push({
        kind: entry.kind,
        address,
        ...(entry.type ? { type: entry.type } : {}),
        status: 'added',
        ...(entry.constructPath ? { constructPath: entry.constructPath } : {}),
        changes: attributeChanges(undefined, entry),
        ...(from ? { renamedFrom: from.address } : {}),
      });
      continue;
    }
    const changes = attributeChanges(old, entry);
    if (changes.length === 0) {
      continue;
    }
    const replacing =
      entry.kind === 'resource' && entry.type !== undefined
        ? replacingAttributes(entry.type, flatten(old.value), flatten(entry.value), schemaPath)
        : [];
    diffs.push({
      kind: entry.kind,
      address,
      ...(entry.type ? { type: entry.type } : {}),
      status: 'changed',
      ...(entry.constructPath ? { constructPath: entry.constructPath } : {}),
      changes,
      ...(replacing.length > 0 ? { replacedBy: replacing } : {}),
    });
  }
  for (const [address, entry] of before) {
    if (after.has(address)) {
      continue;
    }
    const to = renamed.get(address);
    diffs.push({
      kind: entry.kind,
      address,
      ...(entry.type ? { type: entry.type } : {}),
      status: 'removed',
      ...(entry.constructPath ? { constructPath: entry.constructPath } : {}),
      changes: [],
      ...(to ? { renamedTo: to } : {}),
    });
  }
  for (const diff of diffs) {
    if (diff.kind === 'resource' && diff.type !== undefined) {
      attention.push(
        ...assess({
          stack: name,
          address: diff.address,
          type: diff.type,
          status: diff.status,
          before: before.get(diff.address)?.value,
          after: after.get(diff.address)?.value,
          ...(diff.constructPath ? { constructPath: diff.constructPath } : {}),
          ...(diff.replacedBy ? { replacedBy: diff.replacedBy } : {}),
          ...(diff.renamedTo ? { renamedTo: diff.renamedTo } : {}),
          ...(diff.renamedFrom ? { renamedFrom: diff.renamedFrom } : {}),
        }),
      );
    }
  }
  if (diffs.length === 0 && base && head) {
    return undefined;
  }
  return { name, status: !base ? 'added' : !head ? 'removed' : 'changed', entries: diffs.sort(compareEntries) };
}

/** Compares two synthesized outputs. Pure: same inputs, same report, in the same order. */
export function compareOutputs(
  base: readonly StackInput[],
  head: readonly StackInput[],
  labels: { readonly base: string; readonly head: string },
): DiffReport {
  const baseByName = new Map(base.map((s) => [s.name, s]));
  const headByName = new Map(head.map((s) => [s.name, s]));
  const names = [...new Set([...baseByName.keys(), ...headByName.keys()])].sort(compareText);
  const stacks: StackDiff[] = [];
  const attention: AttentionItem[] = [];
  let unchanged = 0;
  for (const name of names) {
    const diff = compareStack(name, baseByName.get(name), headByName.get(name), attention);
    if (diff) {
      stacks.push(diff);
    } else {
      unchanged++;
    }
  }
  const entries = stacks.flatMap((s) => s.entries);
  return {
    attention: sortAttention(attention),
    base: labels.base,
    head: labels.head,
    summary: {
      stacksAdded: stacks.filter((s) => s.status === 'added').length,
      stacksRemoved: stacks.filter((s) => s.status === 'removed').length,
      stacksChanged: stacks.filter((s) => s.status === 'changed').length,
      stacksUnchanged: unchanged,
      added: entries.filter((e) => e.status === 'added').length,
      removed: entries.filter((e) => e.status === 'removed').length,
      changed: entries.filter((e) => e.status === 'changed').length,
    },
    stacks,
  };
}
