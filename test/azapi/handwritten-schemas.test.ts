import { argumentProblems, HANDWRITTEN_PROVIDERS, HANDWRITTEN_RESOURCES } from '../../tools/check/handwritten-schemas';
import { allResources, type Attributes, SHIPPED_ENVIRONMENTS, synthShipped } from '../helpers/synth';

const synth = synthShipped();
const handwritten = allResources(synth).filter((r) => r.type.startsWith('azapi_') || r.type.startsWith('time_'));

describe(`arguments of hand-written bindings (${handwritten.length} resources in ${SHIPPED_ENVIRONMENTS.length} environments)`, () => {
  it('every resource type the bindings emit is in the table', () => {
    expect([...new Set(handwritten.map((r) => r.type))].filter((type) => !(type in HANDWRITTEN_RESOURCES))).toEqual([]);
  });

  it('every argument exists in the pinned provider, with its type', () => {
    const problems = handwritten.flatMap((r) =>
      argumentProblems(`${r.stack}/${r.type}.${r.name}`, HANDWRITTEN_RESOURCES[r.type] ?? {}, r.attributes),
    );
    expect(problems).toEqual([]);
  });

  it('every azapi and time provider block uses only its provider arguments', () => {
    const problems = Object.entries(synth.stacks).flatMap(([stack, json]) =>
      Object.entries(json.provider ?? {}).flatMap(([name, blocks]) =>
        name in HANDWRITTEN_PROVIDERS
          ? blocks.flatMap((b: Attributes) => argumentProblems(`${stack}/provider.${name}`, HANDWRITTEN_PROVIDERS[name]!, b))
          : [],
      ),
    );
    expect(problems).toEqual([]);
  });

  it('catches an argument the pinned provider does not have, and a value of the wrong type', () => {
    const update = { type: 'Microsoft.Insights/components@2020-02-02', resource_id: '/x', body: {}, schema_validation_enabled: false };
    expect(argumentProblems('u', HANDWRITTEN_RESOURCES.azapi_update_resource!, update)).toEqual([
      'u: "schema_validation_enabled" is not an argument of this provider version',
    ]);
    expect(argumentProblems('s', HANDWRITTEN_RESOURCES.time_sleep!, { create_duration: 300 })).toEqual([
      's: "create_duration" must be string, found 300',
    ]);
  });
});

describe('providers present and pinned', () => {
  const PREFIXES: Readonly<Record<string, string>> = { azurerm_: 'azurerm', azuread_: 'azuread', azapi_: 'azapi', time_: 'time' };

  it.each(Object.keys(synth.stacks))('%s: every resource and data source has its provider required at an exact version', (stack) => {
    const json = synth.stacks[stack]!;
    const types = [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {})].filter((t) => t !== 'terraform_remote_state');
    const needed = [...new Set(types.map((type) => Object.entries(PREFIXES).find(([prefix]) => type.startsWith(prefix))?.[1] ?? type))];
    const required = json.terraform?.required_providers ?? {};
    for (const provider of needed) {
      expect({ provider, version: String(required[provider]?.version ?? 'missing') }).toEqual({
        provider,
        version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      });
      expect(Object.keys(json.provider ?? {})).toContain(provider);
    }
  });
});
