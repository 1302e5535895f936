import { type Attributes, stackOf, type Synthesized } from '../helpers/synth';

/** The resource attribute a Terraform expression names, followed across stacks. */
export interface Reference {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
}

const LOCAL = /^\$\{([a-z0-9_]+)\.([^.}]+)\.([a-z0-9_]+)\}$/;
const REMOTE = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([^.}]+)\.outputs\.([^.}]+)\}$/;

/**
 * Resolves `${type.name.attribute}` in `stack`, or a cross-stack remote-state output through the producing
 * stack's output to the resource there. Returns undefined for literals and anything else.
 */
export function resolve(synth: Synthesized, stack: string, expression: unknown): Reference | undefined {
  if (typeof expression !== 'string') {
    return undefined;
  }
  const remote = REMOTE.exec(expression);
  if (remote) {
    const producer = remote[1]!;
    const value = stackOf(synth, producer).output?.[remote[2]!]?.['value'];
    return resolve(synth, producer, value);
  }
  const local = LOCAL.exec(expression);
  if (!local || local[1] === 'data') {
    return undefined;
  }
  return { stack, type: local[1]!, name: local[2]!, attribute: local[3]! };
}

/** The attributes of the resource a reference names; fails when it does not exist. */
export function resourceAt(synth: Synthesized, ref: Reference): Attributes {
  const resource = stackOf(synth, ref.stack).resource?.[ref.type]?.[ref.name];
  if (!resource) {
    throw new Error(`no ${ref.type}.${ref.name} in ${ref.stack}`);
  }
  return resource;
}

/** Two references name the same resource (any attribute). */
export function sameResource(a: Reference | undefined, b: Reference | undefined): boolean {
  return a !== undefined && b !== undefined && a.stack === b.stack && a.type === b.type && a.name === b.name;
}

/** The environment a stack belongs to: stacks are named `<environment>-<layer>`. */
export function environmentOf(stack: string): string {
  return stack.slice(0, stack.indexOf('-'));
}
