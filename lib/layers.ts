/**
 * The layers of an environment, in deployment order: each is a stack with its own state, `<environment>-<layer>`.
 * A layer reads earlier layers' outputs from their state, so it is applied after them and destroyed before them.
 * Identity goes right before the gateway, the only reader of the portal secret: an identity apply may rotate the developer portal's
 * secret, which deletes the old one, and portal sign-in fails until the gateway layer hands API Management the new
 * one. Nothing may run between them.
 * The stack wiring, naming, the deploy and destroy commands, the pipeline and the README all take the order from
 * here; synth also writes it next to the stacks (`cdktf.out/layers.json`).
 */
export const LAYER_ORDER = ['monitoring', 'network', 'data', 'openai', 'identity', 'gateway', 'edge', 'insights'] as const;

export type Layer = (typeof LAYER_ORDER)[number];

/** The stack name of a layer of an environment. */
export function stackName(environment: string, layer: Layer): string {
  return `${environment}-${layer}`;
}
