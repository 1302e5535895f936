import { ResourceGraph } from '../../../tools/check/graph';
import type { Rule, RuleResult } from '../../../tools/check/model';
import type { StackDocument } from '../../../tools/check/synth-output';

/** One resource of a fixture: Terraform type, local name, synthesized attributes, and its stack. */
export interface FixtureResource {
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
  /** Default `dev-main`. */
  readonly stack?: string;
  readonly mode?: 'managed' | 'data';
}

export function r(type: string, name: string, values: Record<string, unknown>, stack?: string): FixtureResource {
  return { type, name, values, ...(stack ? { stack } : {}) };
}

export function d(type: string, name: string, values: Record<string, unknown>, stack?: string): FixtureResource {
  return { type, name, values, mode: 'data', ...(stack ? { stack } : {}) };
}

/** Terraform JSON of one stack, shaped as cdktf writes it (with `//` metadata on each resource). */
export function stackJson(
  name: string,
  resources: readonly FixtureResource[],
  outputs: Record<string, unknown> = {},
): Record<string, unknown> {
  const sections: Record<'resource' | 'data', Record<string, Record<string, unknown>>> = { resource: {}, data: {} };
  for (const res of resources) {
    const section = sections[res.mode === 'data' ? 'data' : 'resource'];
    section[res.type] ??= {};
    section[res.type]![res.name] = { '//': { metadata: { path: `${name}/${res.name}`, uniqueId: res.name } }, ...res.values };
  }
  return {
    '//': { metadata: { backend: 'local', stackName: name, version: '0.21.0' } },
    ...(Object.keys(sections.data).length ? { data: sections.data } : {}),
    ...(Object.keys(outputs).length ? { output: outputs } : {}),
    resource: sections.resource,
    terraform: { backend: { local: { path: `terraform.${name}.tfstate` } } },
  };
}

/** Stacks of a fixture, resources grouped by their stack. */
export function stacksOf(resources: readonly FixtureResource[], outputs: Record<string, Record<string, unknown>> = {}): StackDocument[] {
  const names = [...new Set([...resources.map((x) => x.stack ?? 'dev-main'), ...Object.keys(outputs)])].sort();
  return names.map((name) => {
    const json = stackJson(
      name,
      resources.filter((x) => (x.stack ?? 'dev-main') === name),
      outputs[name] ?? {},
    );
    return { name, file: `cdktf.out/stacks/${name}/cdk.tf.json`, json, text: JSON.stringify(json, null, 2) };
  });
}

/** Evaluates one rule on the resource at `target` (`stack/address` or just the address in dev-main). */
export function evaluate(
  rule: Rule,
  resources: readonly FixtureResource[],
  target: string,
  production = false,
  outputs: Record<string, Record<string, unknown>> = {},
): RuleResult {
  const graph = new ResourceGraph(stacksOf(resources, outputs));
  const [stack, address] = target.includes('/') ? (target.split('/') as [string, string]) : ['dev-main', target];
  const resource = graph.get(stack, address);
  if (!resource) {
    throw new Error(`fixture has no resource ${target}`);
  }
  return rule.evaluate(resource, { environment: 'dev', production, graph });
}

export interface RuleCase {
  readonly rule: string;
  readonly name: string;
  readonly expect: RuleResult['status'];
  /** Address of the resource under test, `stack/address` when not in dev-main. */
  readonly target: string;
  readonly resources: readonly FixtureResource[];
  readonly production?: boolean;
  /** Terraform outputs per stack, for cross-stack references. */
  readonly outputs?: Record<string, Record<string, unknown>>;
  /** For non-compliant cases: the message must match. */
  readonly message?: RegExp;
}

/** A cdktf reference expression to an attribute of another resource. */
export function ref(type: string, name: string, attribute = 'id'): string {
  return `\${${type}.${name}.${attribute}}`;
}
