import { parseRendered, type XmlElement, type XmlNode } from '../../lib/policy/template';
import { type Attributes, onlyResource, resourcesOf, type StackJson } from '../helpers/synth';

/** Every element of a policy document, in document order. */
export function policyElements(xml: string): XmlElement[] {
  const walk = (nodes: readonly XmlNode[]): XmlElement[] =>
    nodes.flatMap((node) => (node.kind === 'element' ? [node, ...walk(node.children)] : []));
  return walk(parseRendered('test', xml));
}

export function elementsNamed(xml: string, name: string): XmlElement[] {
  return policyElements(xml).filter((element) => element.name === name);
}

export function onlyElement(xml: string, name: string): XmlElement {
  const found = elementsNamed(xml, name);
  if (found.length !== 1) {
    throw new Error(`expected exactly one <${name}>, found ${found.length}`);
  }
  return found[0]!;
}

export function attr(element: XmlElement, name: string): string | undefined {
  return element.attributes.find(([key]) => key === name)?.[1];
}

export function textOf(element: XmlElement): string {
  return element.children.map((child) => (child.kind === 'text' ? child.text : textOf(child))).join('');
}

/** The names of the direct children of a policy section. */
export function sectionChildren(xml: string, section: 'inbound' | 'backend' | 'outbound' | 'on-error'): string[] {
  return onlyElement(xml, section)
    .children.filter((child): child is XmlElement => child.kind === 'element')
    .map((child) => child.name);
}

/** The section (inbound, backend, ...) an element sits in. */
export function sectionOf(xml: string, name: string): string {
  const sections = ['inbound', 'backend', 'outbound', 'on-error'] as const;
  const found = sections.filter((section) => {
    const walk = (element: XmlElement): boolean =>
      element.children.some((child) => child.kind === 'element' && (child.name === name || walk(child)));
    return walk(onlyElement(xml, section));
  });
  if (found.length !== 1) {
    throw new Error(`<${name}> appears in ${found.length} sections`);
  }
  return found[0]!;
}

/** The API-level policy of the Azure OpenAI API in a gateway stack. */
export function apiPolicy(stack: StackJson): string {
  return String(onlyResource(stack, 'azurerm_api_management_api_policy').xml_content);
}

/** Product policies by product id (the product resource's `product_id`, resolved through the policy's reference). */
export function productPolicies(stack: StackJson): Record<string, string> {
  const products = resourcesOf(stack, 'azurerm_api_management_product');
  const byAddress = Object.fromEntries(
    Object.entries(products).map(([name, product]) => [
      `\${azurerm_api_management_product.${name}.product_id}`,
      String(product.product_id),
    ]),
  );
  return Object.fromEntries(
    Object.values(resourcesOf(stack, 'azurerm_api_management_product_policy')).map((policy) => [
      byAddress[String(policy.product_id)] ?? String(policy.product_id),
      String(policy.xml_content),
    ]),
  );
}

/** The body properties of the azapi resource of a given ARM type and name. */
export function azapiProperties(stack: StackJson, armType: string, name: string): Attributes {
  const matches = Object.values(resourcesOf(stack, 'azapi_resource')).filter(
    (resource) => String(resource.type).startsWith(`${armType}@`) && resource.name === name,
  );
  if (matches.length !== 1) {
    throw new Error(`expected one azapi_resource ${armType} named ${name}, found ${matches.length}`);
  }
  return (matches[0]!.body as { properties: Attributes }).properties;
}

/** Terraform address of a resource for `depends_on` comparisons. */
export function addressOf(stack: StackJson, type: string): string {
  const names = Object.keys(resourcesOf(stack, type));
  if (names.length !== 1) {
    throw new Error(`expected one ${type}, found ${names.length}`);
  }
  return `${type}.${names[0]}`;
}
