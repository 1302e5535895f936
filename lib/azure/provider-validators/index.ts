import { AZUREAD_VALIDATORS } from './azuread';
import { AZURERM_VALIDATORS } from './azurerm';
import { type AttributeValidator, type Check, isRecord, type ProviderValidators, type ResourceValidators } from './model';

export type { AttributeValidator, Check, Constraint, ProviderValidators, ResourceValidators } from './model';

/** The providers whose validators are transcribed, by the prefix of their resource types. */
export const PROVIDER_VALIDATORS: readonly ProviderValidators[] = [AZURERM_VALIDATORS, AZUREAD_VALIDATORS];

export function providerOf(type: string): ProviderValidators | undefined {
  return PROVIDER_VALIDATORS.find((table) => type.startsWith(`${table.provider}_`));
}

export function validatorsOf(mode: 'managed' | 'data', type: string): ResourceValidators | undefined {
  const table = providerOf(type);
  return mode === 'managed' ? table?.resources[type] : table?.dataSources[type];
}

export function sourceUrl(table: ProviderValidators, file: string, line: number): string {
  return `${table.repository}/blob/${table.tag}/${file}#L${line}`;
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : undefined;
}

/** What the check expects, in the words of an error line. */
export function describe(check: Check): string {
  switch (check.kind) {
    case 'type':
      return `a ${check.type}`;
    case 'oneOf':
      return `one of ${check.values.map((v) => JSON.stringify(v)).join(', ')}${check.ignoreCase ? ' (any case)' : ''}`;
    case 'between':
      return check.max === undefined
        ? `${check.integer ? 'an integer' : 'a number'} of at least ${check.min}`
        : `${check.integer ? 'an integer' : 'a number'} from ${check.min ?? '-inf'} to ${check.max}`;
    case 'length':
      return `a string of ${check.min} to ${check.max} characters`;
    case 'notEmpty':
      return 'a non-empty string';
    case 'uuid':
      return 'a UUID';
    case 'matches':
    case 'custom':
      return check.expected;
    case 'any':
      return check.of.map(describe).join(', or ');
    case 'all':
      return check.of.map(describe).join(', and ');
  }
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function typeAccepts(name: 'string' | 'bool' | 'int' | 'float' | 'map', value: unknown): boolean {
  switch (name) {
    case 'string':
      // Terraform converts numbers and booleans to strings.
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    case 'bool':
      return typeof value === 'boolean' || value === 'true' || value === 'false';
    case 'int':
      return Number.isInteger(numeric(value));
    case 'float':
      return numeric(value) !== undefined;
    case 'map':
      return isRecord(value);
  }
}

/** Whether a literal value passes a check. */
export function accepts(check: Check, value: unknown): boolean {
  switch (check.kind) {
    case 'type':
      return typeAccepts(check.type, value);
    case 'oneOf':
      return check.values.some((allowed) =>
        check.ignoreCase ? String(allowed).toLowerCase() === String(value).toLowerCase() : String(allowed) === String(value),
      );
    case 'between': {
      const number = numeric(value);
      return (
        number !== undefined &&
        (!check.integer || Number.isInteger(number)) &&
        (check.min === undefined || number >= check.min) &&
        (check.max === undefined || number <= check.max)
      );
    }
    case 'length':
      return typeof value === 'string' && value.length >= check.min && value.length <= check.max;
    case 'notEmpty':
      return typeof value === 'string' && value !== '';
    case 'uuid':
      return typeof value === 'string' && UUID_PATTERN.test(value);
    case 'matches':
      return typeof value === 'string' && check.pattern.test(value);
    case 'custom':
      return check.problem(value) === undefined;
    case 'any':
      return check.of.some((inner) => accepts(inner, value));
    case 'all':
      return check.of.every((inner) => accepts(inner, value));
  }
}

/** The validator of one attribute of a managed resource; throws for one the tables do not hold (a programming error). */
export function attributeValidator(type: string, path: string): AttributeValidator {
  const entry = validatorsOf('managed', type)?.attributes[path];
  if (entry === undefined) {
    throw new Error(`no provider validator for ${type}.${path}`);
  }
  return entry;
}
