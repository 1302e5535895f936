import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { ApiManagementNamedValue } from '@cdktf/provider-azurerm/lib/api-management-named-value';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Aspects, TerraformStack, Testing } from 'cdktf';

import { LABEL_TAG_TYPES, TagsAspect } from '../../constructs/tags';

/** Each azurerm binding whose top-level config declares `tags` as a list of strings, by Terraform type. */
function labelTaggedBindings(): string[] {
  const lib = dirname(require.resolve('@cdktf/provider-azurerm/lib/provider'));
  const root = dirname(lib);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('data-'))
    .flatMap((entry) => {
      let typings: string;
      try {
        typings = readFileSync(join(root, entry.name, 'index.d.ts'), 'utf8');
      } catch {
        return [];
      }
      // The resource's own config interface is the first one; nested blocks follow it.
      const config = typings.split(/\nexport interface /)[1] ?? '';
      return /\n {4}readonly tags\?: string\[\];/.test(config) ? [`azurerm_${entry.name.replaceAll('-', '_')}`] : [];
    })
    .sort();
}

describe('TagsAspect', () => {
  it('knows every azurerm binding whose tags are labels rather than a map', () => {
    expect(labelTaggedBindings()).toEqual([...LABEL_TAG_TYPES].sort());
  });

  it('tags map-tagged resources, sorted, with the resource’s own tags winning, and leaves label tags alone', () => {
    const stack = new TerraformStack(Testing.app(), 'tags');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new ResourceGroup(stack, 'rg', { name: 'rg', location: 'swedencentral', tags: { owner: 'team' } });
    new ApiManagementNamedValue(stack, 'nv', {
      name: 'nv',
      apiManagementName: 'apim',
      resourceGroupName: 'rg',
      displayName: 'nv',
      value: 'v',
      tags: ['label'],
    });
    Aspects.of(stack).add(new TagsAspect({ owner: 'platform', environment: 'dev' }));
    const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, { tags: unknown }>> };
    expect(json.resource.azurerm_resource_group!.rg!.tags).toEqual({ environment: 'dev', owner: 'team' });
    expect(Object.keys(json.resource.azurerm_resource_group!.rg!.tags as object)).toEqual(['environment', 'owner']);
    expect(json.resource.azurerm_api_management_named_value!.nv!.tags).toEqual(['label']);
  });
});
