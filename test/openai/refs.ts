import { type Attributes, type StackJson, stackOf, type Synthesized } from '../helpers/synth';

/** A resource attribute a Terraform expression points at, possibly in another stack. */
export interface ResourceRef {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
}

const LOCAL = /^\$\{([a-z0-9_]+)\.([^.}]+)\.([a-z0-9_.]+)\}$/;
const REMOTE = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([^.}]+)\.outputs\.([^.}]+)\}$/;

/**
 * Follows a reference in `stack` to the resource attribute it names: a local `${type.name.attr}`, or a
 * cross-stack remote-state output, resolved through the producing stack's output to the resource there.
 */
export function resolveRef(synth: Synthesized, stack: string, expression: unknown): ResourceRef {
  if (typeof expression !== 'string') {
    throw new Error(`not a reference: ${JSON.stringify(expression)}`);
  }
  const remote = REMOTE.exec(expression);
  if (remote) {
    const [, producer, output] = remote as unknown as [string, string, string];
    const value = stackOf(synth, producer).output?.[output]?.['value'];
    if (value === undefined) {
      throw new Error(`stack ${producer} has no output ${output}`);
    }
    return resolveRef(synth, producer, value);
  }
  const local = LOCAL.exec(expression);
  if (!local || local[1] === 'data') {
    throw new Error(`not a resource reference: ${expression}`);
  }
  return { stack, type: local[1]!, name: local[2]!, attribute: local[3]! };
}

/** The attributes of the resource a reference points at. */
export function target(synth: Synthesized, ref: ResourceRef): Attributes {
  const resource = stackOf(synth, ref.stack).resource?.[ref.type]?.[ref.name];
  if (!resource) {
    throw new Error(`no ${ref.type}.${ref.name} in ${ref.stack}`);
  }
  return resource;
}

/** The Terraform address (`type.name`) of a resource in a stack, for `depends_on` and reference checks. */
export function addressOf(stack: StackJson, type: string, attributes: Attributes): string {
  const entry = Object.entries(stack.resource?.[type] ?? {}).find(([, value]) => value === attributes);
  if (!entry) {
    throw new Error(`resource not found among ${type}`);
  }
  return `${type}.${entry[0]}`;
}
