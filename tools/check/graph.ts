import type { Resource, ResourceLookup } from './model';
import { compareText, type StackDocument } from './synth-output';
import { isRecord } from './values';

/** A reference to another object found inside a Terraform expression. */
export interface Traversal {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
}

/** cdktf names the remote state of a cross-stack reference after the producing stack. */
const CROSS_STACK_PREFIX = 'cross-stack-reference-input-';

/** The body of every `${...}` in a string, braces inside the body balanced. */
export function expressionBodies(text: string): string[] {
  const bodies: string[] = [];
  let index = text.indexOf('${');
  while (index !== -1) {
    let depth = 1;
    let cursor = index + 2;
    let inString = false;
    while (cursor < text.length && depth > 0) {
      const char = text[cursor];
      if (inString) {
        if (char === '\\') {
          cursor++;
        } else if (char === '"') {
          inString = false;
        }
      } else if (char === '"') {
        inString = true;
      } else if (char === '{') {
        depth++;
      } else if (char === '}') {
        depth--;
      }
      cursor++;
    }
    bodies.push(text.slice(index + 2, depth === 0 ? cursor - 1 : cursor));
    index = text.indexOf('${', cursor);
  }
  return bodies;
}

// A resource type always has a provider prefix (`azurerm_`, `azapi_`, ...), which keeps `var.x`, `local.x`,
// `each.value` and `terraform.workspace` out. The look-behind stops matches inside longer names.
const TRAVERSAL = /(?<![\w.-])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)/g;
const REMOTE_OUTPUT = /(?<![\w.-])data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)/g;

/** Resource and data-source traversals in one expression body, remote-state outputs excluded. */
export function traversals(body: string): Traversal[] {
  const withoutRemote = body.replace(REMOTE_OUTPUT, ' ');
  const found: Traversal[] = [];
  for (const match of withoutRemote.matchAll(TRAVERSAL)) {
    const [, data, type, name] = match;
    if (type && name) {
      found.push({ mode: data ? 'data' : 'managed', type, name });
    }
  }
  return found;
}

/** `[remote state name, output name]` pairs in one expression body. */
export function remoteOutputs(body: string): Array<readonly [string, string]> {
  const found: Array<readonly [string, string]> = [];
  for (const match of body.matchAll(REMOTE_OUTPUT)) {
    const [, state, output] = match;
    if (state && output) {
      found.push([state, output] as const);
    }
  }
  return found;
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') {
    into.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) {
      collectStrings(item, into);
    }
  } else if (isRecord(value)) {
    for (const item of Object.values(value)) {
      collectStrings(item, into);
    }
  }
}

function metadataPath(raw: Record<string, unknown>): string | undefined {
  const meta = raw['//'];
  if (!isRecord(meta)) {
    return undefined;
  }
  const inner = meta['metadata'];
  if (!isRecord(inner)) {
    return undefined;
  }
  const path = inner['path'];
  return typeof path === 'string' ? path : undefined;
}

function withoutMetadata(raw: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key !== '//') {
      values[key] = value;
    }
  }
  return values;
}

/** The resources and data sources of one stack, in address order. */
export function stackResources(stack: StackDocument): Resource[] {
  const resources: Resource[] = [];
  for (const mode of ['managed', 'data'] as const) {
    const section = stack.json[mode === 'managed' ? 'resource' : 'data'];
    if (!isRecord(section)) {
      continue;
    }
    for (const [type, byName] of Object.entries(section)) {
      if (!isRecord(byName)) {
        continue;
      }
      for (const [name, raw] of Object.entries(byName)) {
        if (!isRecord(raw)) {
          continue;
        }
        resources.push({
          stack: stack.name,
          file: stack.file,
          mode,
          type,
          name,
          address: mode === 'managed' ? `${type}.${name}` : `data.${type}.${name}`,
          constructPath: metadataPath(raw),
          values: withoutMetadata(raw),
        });
      }
    }
  }
  return resources.sort((a, b) => compareText(a.address, b.address));
}

function key(stack: string, address: string): string {
  return `${stack}\u0000${address}`;
}

/**
 * Every resource of a set of stacks (one environment), with reference resolution across stacks: cdktf turns a
 * cross-stack reference into a remote-state output, which is followed back to the producing stack's resource.
 */
export class ResourceGraph implements ResourceLookup {
  readonly resources: readonly Resource[];
  private readonly byKey = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();
  private readonly outputs = new Map<string, Readonly<Record<string, unknown>>>();
  private readonly stackNames: ReadonlySet<string>;

  constructor(stacks: readonly StackDocument[]) {
    const all: Resource[] = [];
    for (const stack of [...stacks].sort((a, b) => compareText(a.name, b.name))) {
      all.push(...stackResources(stack));
      const output = stack.json['output'];
      this.outputs.set(stack.name, isRecord(output) ? output : {});
    }
    this.resources = all;
    this.stackNames = new Set(stacks.map((s) => s.name));
    for (const resource of all) {
      this.byKey.set(key(resource.stack, resource.address), resource);
      const list = this.byType.get(resource.type) ?? [];
      list.push(resource);
      this.byType.set(resource.type, list);
    }
  }

  ofType(type: string): readonly Resource[] {
    return (this.byType.get(type) ?? []).filter((r) => r.mode === 'managed');
  }

  get(stack: string, address: string): Resource | undefined {
    return this.byKey.get(key(stack, address));
  }

  referencedBy(from: Resource, value: unknown): readonly Resource[] {
    const found = new Map<string, Resource>();
    this.resolve(from.stack, value, found, 0);
    return [...found.values()].sort((a, b) => compareText(a.stack, b.stack) || compareText(a.address, b.address));
  }

  refersTo(from: Resource, value: unknown, target: Resource): boolean {
    return this.referencedBy(from, value).some((r) => r.stack === target.stack && r.address === target.address);
  }

  private resolve(stack: string, value: unknown, found: Map<string, Resource>, depth: number): void {
    // Outputs may forward other outputs; a bound keeps a malformed cycle from recursing forever.
    if (depth > 8) {
      return;
    }
    const strings: string[] = [];
    collectStrings(value, strings);
    for (const text of strings) {
      for (const body of expressionBodies(text)) {
        for (const t of traversals(body)) {
          const address = t.mode === 'managed' ? `${t.type}.${t.name}` : `data.${t.type}.${t.name}`;
          const resource = this.get(stack, address);
          if (resource) {
            found.set(key(resource.stack, resource.address), resource);
          }
        }
        for (const [state, output] of remoteOutputs(body)) {
          const producer = state.startsWith(CROSS_STACK_PREFIX) ? state.slice(CROSS_STACK_PREFIX.length) : undefined;
          if (!producer || !this.stackNames.has(producer)) {
            continue;
          }
          const declared = this.outputs.get(producer)?.[output];
          if (isRecord(declared)) {
            this.resolve(producer, declared['value'], found, depth + 1);
          }
        }
      }
    }
  }
}
