import { type IAspect, TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';

interface Taggable {
  tags?: Record<string, string>;
  readonly tagsInput?: Record<string, string>;
}

const mapTagged = new WeakMap<object, boolean>();

/**
 * Whether a binding's `tags` is a map of Azure resource tags. API Management's child resources (named values,
 * for one) call a list of labels `tags` too; writing a map there would silently synthesize `null`.
 */
function hasTagMap(resource: TerraformResource): boolean {
  const type = resource.constructor;
  let known = mapTagged.get(type);
  if (known === undefined) {
    const synthesize = (resource as unknown as { synthesizeAttributes: () => unknown }).synthesizeAttributes;
    known = /\btags: cdktf\.hashMapper\(/.test(synthesize.toString());
    mapTagged.set(type, known);
  }
  return known;
}

function isTaggable(node: IConstruct): node is TerraformResource & Taggable {
  // azuread resources use `tags` as a set of strings, and azapi child resources reject tags: only azurerm's
  // tag maps are managed here.
  return node instanceof TerraformResource && node.terraformResourceType.startsWith('azurerm_') && 'tagsInput' in node && hasTagMap(node);
}

/**
 * Applies the environment's tags to every taggable azurerm resource in a scope. Tags a construct sets itself win,
 * so a resource can add specific tags without losing the common ones.
 */
export class TagsAspect implements IAspect {
  constructor(private readonly tags: Readonly<Record<string, string>>) {}

  visit(node: IConstruct): void {
    if (!isTaggable(node)) {
      return;
    }
    const merged = { ...this.tags, ...(node.tagsInput ?? {}) };
    node.tags = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  }
}
