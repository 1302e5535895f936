import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';

import { AzapiProvider } from '../../constructs/azapi/provider';

export const APIM_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-gateway/providers/Microsoft.ApiManagement/service/apim-gateway';

/** A stack with the azapi provider, for constructs under test. */
export function stackWithProvider(): TerraformStack {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AzapiProvider(stack, 'azapi');
  return stack;
}

export interface SynthesizedStack {
  readonly terraform?: { readonly required_providers?: Record<string, { readonly source?: string; readonly version?: string }> };
  readonly provider?: Record<string, ReadonlyArray<Record<string, unknown>>>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Synthesizes with validations on and returns the parsed JSON. */
export function synth(stack: TerraformStack): SynthesizedStack {
  const parsed: unknown = JSON.parse(Testing.synth(stack, true));
  return parsed as SynthesizedStack;
}

/** The only azapi_resource of a synthesized stack. */
export function onlyAzapiResource(json: SynthesizedStack): Record<string, unknown> {
  const resources = Object.values(json.resource?.['azapi_resource'] ?? {});
  if (resources.length !== 1) {
    throw new Error(`expected one azapi_resource, found ${resources.length}`);
  }
  return resources[0] as Record<string, unknown>;
}

export function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** What a value (usually a reference) synthesizes to, read back through a stack output. */
export function synthesizedValue(stack: TerraformStack, value: unknown): unknown {
  const id = `probe${stack.node.children.length}`;
  new TerraformOutput(stack, id, { value });
  const parsed: unknown = JSON.parse(Testing.synth(stack));
  return (parsed as { output: Record<string, { value: unknown }> }).output[id]?.value;
}
