/**
 * The shape of the provider-validator tables: what azurerm and azuread check of an attribute's value at
 * `terraform validate`/`plan` time, transcribed from each provider's schema at the pinned tag. The prebuilt
 * bindings type arguments (string, number, boolean, block) but carry none of these validators, so a value the
 * provider refuses (a retention of 2557 days) synthesizes cleanly and fails only in front of Azure.
 */

/** One validator of the terraform-plugin-sdk `validation` package, or a provider's own, in data form. */
export type Check =
  /** No validator: the schema declares only the type. */
  | { readonly kind: 'type'; readonly type: 'string' | 'bool' | 'int' | 'float' | 'map' }
  /** `StringInSlice` (`ignoreCase` as its second argument), `IntInSlice`. */
  | { readonly kind: 'oneOf'; readonly values: readonly (string | number)[]; readonly ignoreCase?: boolean }
  /** `IntBetween`, `IntAtLeast`, `FloatBetween`: inclusive bounds. */
  | { readonly kind: 'between'; readonly min?: number; readonly max?: number; readonly integer: boolean }
  /** `StringLenBetween`: inclusive bounds, in characters. */
  | { readonly kind: 'length'; readonly min: number; readonly max: number }
  /** `StringIsNotEmpty`, `NoZeroValues` on a string. */
  | { readonly kind: 'notEmpty' }
  /** `IsUUID`. */
  | { readonly kind: 'uuid' }
  /** `StringMatch` or a provider function that is a regular expression; `expected` says it in words. */
  | { readonly kind: 'matches'; readonly pattern: RegExp; readonly expected: string }
  /** A provider function that is not one regular expression, transcribed as a predicate returning its error. */
  | { readonly kind: 'custom'; readonly expected: string; readonly problem: (value: unknown) => string | undefined }
  /** `validation.Any`: at least one passes. */
  | { readonly kind: 'any'; readonly of: readonly Check[] }
  /** `validation.All`, or several validators on one value: every one passes. */
  | { readonly kind: 'all'; readonly of: readonly Check[] };

/** An attribute's validator and the line of the provider source that declares it. */
export interface AttributeValidator {
  readonly check: Check;
  /** Line in the resource's source file (`ResourceValidators.file`) unless `file` says otherwise. */
  readonly line: number;
  /** A shared schema function's file (e.g. commonschema, tags), relative to the provider repository. */
  readonly file?: string;
}

/** `MinItems`/`MaxItems` of a nested block or list attribute. */
export interface ItemCount {
  readonly min?: number;
  readonly max?: number;
  readonly line: number;
  readonly file?: string;
}

/** `ConflictsWith`, `ExactlyOneOf`, `AtLeastOneOf`, `RequiredWith` between attributes of one block. */
export interface Constraint {
  readonly kind: 'conflictsWith' | 'exactlyOneOf' | 'atLeastOneOf' | 'requiredWith';
  /** Dotted paths from the resource's top level; all in the same block. */
  readonly paths: readonly string[];
  readonly line: number;
}

export interface ResourceValidators {
  /** Source file of the resource's schema, relative to the provider repository at the pinned tag. */
  readonly file: string;
  /** Keyed by dotted path without list indexes (`security.frontend_tls10_enabled`). */
  readonly attributes: Readonly<Record<string, AttributeValidator>>;
  readonly items?: Readonly<Record<string, ItemCount>>;
  readonly constraints?: readonly Constraint[];
}

export interface ProviderValidators {
  /** Terraform provider name (`azurerm`), its repository and the pinned tag the table was transcribed at. */
  readonly provider: string;
  readonly repository: string;
  readonly tag: string;
  readonly resources: Readonly<Record<string, ResourceValidators>>;
  readonly dataSources: Readonly<Record<string, ResourceValidators>>;
}

/** A map value (tags), as Terraform JSON holds it. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Constructors keep the tables one line per attribute.

export const type = (name: 'string' | 'bool' | 'int' | 'float' | 'map'): Check => ({ kind: 'type', type: name });
export const STRING = type('string');
export const BOOL = type('bool');
export const INT = type('int');
export const FLOAT = type('float');
export const MAP = type('map');
export const NOT_EMPTY: Check = { kind: 'notEmpty' };
export const UUID: Check = { kind: 'uuid' };
export const oneOf = (values: readonly (string | number)[], ignoreCase = false): Check =>
  ignoreCase ? { kind: 'oneOf', values, ignoreCase } : { kind: 'oneOf', values };
export const intBetween = (min: number | undefined, max?: number): Check => ({
  kind: 'between',
  integer: true,
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
});
export const floatBetween = (min: number, max: number): Check => ({ kind: 'between', integer: false, min, max });
export const length = (min: number, max: number): Check => ({ kind: 'length', min, max });
export const matches = (pattern: RegExp, expected: string): Check => ({ kind: 'matches', pattern, expected });
export const any = (...of: Check[]): Check => ({ kind: 'any', of });
export const all = (...of: Check[]): Check => ({ kind: 'all', of });
export const at = (line: number, check: Check, file?: string): AttributeValidator =>
  file === undefined ? { check, line } : { check, line, file };
