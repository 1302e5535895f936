import type { StackInput } from '../../../tools/diff/compare';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** A stack as cdktf writes it: `//` metadata on every resource, sections in alphabetical order. */
export function stack(name: string, resources: Resources, extra: Record<string, unknown> = {}): StackInput {
  const withMeta: Resources = {};
  for (const [type, byName] of Object.entries(resources)) {
    withMeta[type] = {};
    for (const [local, values] of Object.entries(byName)) {
      withMeta[type]![local] = { '//': { metadata: { path: `${name}/${local}`, uniqueId: local } }, ...values };
    }
  }
  return {
    name,
    json: {
      '//': { metadata: { backend: 'local', stackName: name, version: '0.21.0' } },
      ...extra,
      resource: withMeta,
      terraform: {
        backend: { local: { path: `terraform.${name}.tfstate` } },
        required_providers: { azurerm: { source: 'azurerm', version: '4.55.0' } },
      },
    },
  };
}
