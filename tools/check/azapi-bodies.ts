import { ARM_TYPES, type ArmException, type ArmObject, type ArmResourceType, type ArmType } from './arm-types';
import { isExpression, isRecord } from './values';

/** What one pass over synthesized stacks compared and found; `checked` counts the values compared. */
export interface BodyReport {
  readonly checked: number;
  readonly problems: readonly string[];
}

/**
 * Top-level members azapi takes as arguments, never in the body: `name`, `location` and `tags` of azapi_resource;
 * an update names its resource by `resource_id` and may change its location or tags through the body.
 */
const CREATE_ARGUMENTS: ReadonlySet<string> = new Set(['name', 'location', 'tags', 'identity']);
const UPDATE_ARGUMENTS: ReadonlySet<string> = new Set(['name']);

interface Walk {
  readonly resource: ArmResourceType;
  /** Creation (azapi_resource) checks required properties; an update merges onto what exists, so it does not. */
  readonly checkRequired: boolean;
  readonly problems: string[];
  checked: number;
}

function exceptionAt(walk: Walk, path: string): ArmException | undefined {
  return walk.resource.exceptions?.find((exception) => exception.path === path);
}

function checkValue(walk: Walk, path: string, type: ArmType, value: unknown): void {
  walk.checked += 1;
  if (value === null || isExpression(value)) {
    return;
  }
  const problem = (text: string) => walk.problems.push(`${path}: ${text}`);
  switch (type.kind) {
    case 'any':
      return;
    case 'opaque':
      problem(`sets ${type.name}, which is not transcribed; add it from ${walk.resource.source}#L${type.line}`);
      return;
    case 'bool':
      if (typeof value !== 'boolean') {
        problem(`${JSON.stringify(value)} is not a boolean`);
      }
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        problem(`${JSON.stringify(value)} is not an integer`);
      } else if ((type.min !== undefined && value < type.min) || (type.max !== undefined && value > type.max)) {
        problem(`${value} is outside ${type.min ?? '-'}..${type.max ?? '-'}`);
      }
      return;
    case 'string':
      if (typeof value !== 'string') {
        problem(`${JSON.stringify(value)} is not a string`);
      } else if (type.enum !== undefined && !type.enum.includes(value)) {
        const casing = type.enum.find((known) => known.toLowerCase() === value.toLowerCase());
        problem(casing ? `"${value}" is spelt "${casing}" in the definition` : `"${value}" is not one of ${type.enum.join(', ')}`);
      } else if (
        (type.minLength !== undefined && value.length < type.minLength) ||
        (type.maxLength !== undefined && value.length > type.maxLength)
      ) {
        problem(`"${value}" is not ${type.minLength ?? 0}-${type.maxLength ?? '...'} characters long`);
      } else if (type.pattern !== undefined && !new RegExp(type.pattern).test(value)) {
        problem(`"${value}" does not match ${type.pattern}`);
      }
      return;
    case 'array':
      if (!Array.isArray(value)) {
        problem('is not a list');
        return;
      }
      if (type.minLength !== undefined && value.length < type.minLength) {
        problem(`has ${value.length} items, at least ${type.minLength} expected`);
      }
      value.forEach((item, index) => checkValue(walk, `${path}[${index}]`, type.items, item));
      return;
    case 'object':
      if (!isRecord(value)) {
        problem(`is not an object (${type.name})`);
        return;
      }
      checkObject(walk, path, type, value, false);
  }
}

function checkObject(walk: Walk, path: string, type: ArmObject, value: Record<string, unknown>, topLevel: boolean): void {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  const argumentMembers = walk.checkRequired ? CREATE_ARGUMENTS : UPDATE_ARGUMENTS;
  for (const [key, member] of Object.entries(value)) {
    const property = type.properties[key];
    const exception = exceptionAt(walk, at(key));
    if (topLevel && argumentMembers.has(key)) {
      walk.problems.push(`${at(key)}: goes in the resource's ${key} argument, not in the body`);
    } else if (property?.readOnly) {
      walk.problems.push(`${at(key)}: is read-only in ${type.name}; Resource Manager returns it, never takes it`);
    } else if (property !== undefined) {
      checkValue(walk, at(key), property.type, member);
    } else if (exception !== undefined) {
      checkValue(walk, at(key), exception.type, member);
    } else if (type.additionalProperties !== undefined) {
      checkValue(walk, at(key), type.additionalProperties, member);
    } else {
      const casing = Object.keys(type.properties).find((known) => known.toLowerCase() === key.toLowerCase());
      walk.problems.push(
        casing
          ? `${at(key)}: is spelt "${casing}" in ${type.name}`
          : `${at(key)}: is not a property of ${type.name} (${walk.resource.source}#L${type.line})`,
      );
    }
  }
  if (walk.checkRequired) {
    for (const [key, property] of Object.entries(type.properties)) {
      if (property.required && !(topLevel && argumentMembers.has(key)) && value[key] === undefined) {
        walk.problems.push(`${at(key)}: is required by ${type.name}`);
      }
    }
  }
}

/** The table entry for `<type>@<api version>`; ARM types are case-insensitive, API versions are not. */
export function armTypeOf(type: string): ArmResourceType | undefined {
  const [name, version] = type.split('@');
  return ARM_TYPES.find((entry) => {
    const [entryName, entryVersion] = entry.type.split('@');
    return entryName!.toLowerCase() === name?.toLowerCase() && entryVersion === version;
  });
}

/** Problems of one azapi body against its ARM type; `checkRequired` for bodies that create a resource. */
export function bodyProblems(
  resource: ArmResourceType,
  definition: ArmObject,
  body: Readonly<Record<string, unknown>>,
  checkRequired: boolean,
): { checked: number; problems: string[] } {
  const walk: Walk = { resource, checkRequired, problems: [], checked: 0 };
  checkObject(walk, '', definition, { ...body }, true);
  for (const rule of resource.rules ?? []) {
    walk.problems.push(...rule.problems(body));
  }
  return { checked: walk.checked, problems: walk.problems };
}

/** The azapi types that send a body to Resource Manager, and whether the body creates the resource. */
export const BODY_SENDERS: Readonly<Record<string, { readonly creates: boolean }>> = {
  azapi_resource: { creates: true },
  azapi_update_resource: { creates: false },
  // A request against an existing resource: a PATCH body is partial, a DELETE has none.
  azapi_resource_action: { creates: false },
};

/** The problems of one azapi resource's body, by its Terraform type and synthesized values. */
export function resourceBodyProblems(terraformType: string, values: Readonly<Record<string, unknown>>): BodyReport {
  const sender = BODY_SENDERS[terraformType];
  if (sender === undefined) {
    return { checked: 0, problems: [] };
  }
  const type = values['type'];
  if (typeof type !== 'string' || isExpression(type)) {
    return { checked: 0, problems: [`type ${JSON.stringify(type)} is not a literal "<resource type>@<api version>"`] };
  }
  const resource = armTypeOf(type);
  if (resource === undefined) {
    return { checked: 0, problems: [`no ARM definition of ${type} in tools/check/arm-types.ts`] };
  }
  const body = values['body'];
  if (body === undefined || body === null) {
    return { checked: 1, problems: [] };
  }
  if (resource.body === undefined) {
    return { checked: 1, problems: [`sends a body to ${type}, whose definition is not transcribed (the project only deletes it)`] };
  }
  if (!isRecord(body)) {
    return { checked: 1, problems: ['body is not an object'] };
  }
  const result = bodyProblems(resource, resource.body, body, sender.creates);
  return { checked: 1 + result.checked, problems: result.problems.map((problem) => `body.${problem}`) };
}

/**
 * Every azapi body of every stack against the ARM definition of its type and API version (`ARM_TYPES`):
 * property names and casing, types, enumerations, ranges, required (for bodies that create a resource) and
 * read-only properties, and the documented rules and exceptions. A type with no entry is a problem.
 */
export function azapiBodyReport(
  stacks: readonly { readonly name: string; readonly json: Readonly<Record<string, unknown>> }[],
): BodyReport {
  const problems: string[] = [];
  let checked = 0;
  for (const stack of stacks) {
    const resources = stack.json['resource'];
    for (const terraformType of Object.keys(BODY_SENDERS)) {
      const byName = isRecord(resources) ? resources[terraformType] : undefined;
      for (const [name, values] of Object.entries(isRecord(byName) ? byName : {})) {
        const result = resourceBodyProblems(terraformType, isRecord(values) ? values : {});
        checked += result.checked;
        problems.push(...result.problems.map((problem) => `${stack.name}: ${terraformType}.${name}: ${problem}`));
      }
    }
  }
  return { checked, problems };
}
