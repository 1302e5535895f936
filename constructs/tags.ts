import { type IAspect, TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';

interface Taggable {
  tags?: Record<string, string>;
  readonly tagsInput?: Record<string, string>;
}

/**
 * azurerm resources whose `tags` argument is a list of labels, not a map of Azure resource tags: writing a map
 * there would silently synthesize `null`. Every other azurerm resource with `tags` takes the map (azurerm 4.55
 * bindings; a test compares this list with the bindings).
 */
export const LABEL_TAG_TYPES: ReadonlySet<string> = new Set([
  'azurerm_api_management_named_value',
  'azurerm_sentinel_threat_intelligence_indicator',
]);

function isTaggable(node: IConstruct): node is TerraformResource & Taggable {
  // azuread resources use `tags` as a set of strings, and azapi child resources reject tags: only azurerm's
  // tag maps are managed here.
  return (
    node instanceof TerraformResource &&
    node.terraformResourceType.startsWith('azurerm_') &&
    'tagsInput' in node &&
    !LABEL_TAG_TYPES.has(node.terraformResourceType)
  );
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
