import { parseRendered, type XmlElement, type XmlNode } from '../../lib/policy/template';

/** Every element of a rendered policy, in document order. */
export function allElements(xml: string): XmlElement[] {
  const walk = (nodes: readonly XmlNode[]): XmlElement[] =>
    nodes.flatMap((node) => (node.kind === 'element' ? [node, ...walk(node.children)] : []));
  return walk(parseRendered('test', xml));
}

export function elementsNamed(xml: string, name: string): XmlElement[] {
  return allElements(xml).filter((element) => element.name === name);
}

export function only(xml: string, name: string): XmlElement {
  const found = elementsNamed(xml, name);
  if (found.length !== 1) {
    throw new Error(`expected exactly one <${name}>, found ${found.length}`);
  }
  return found[0] as XmlElement;
}

export function attr(element: XmlElement, name: string): string | undefined {
  return element.attributes.find(([key]) => key === name)?.[1];
}

export function text(element: XmlElement): string {
  return element.children.map((child) => (child.kind === 'text' ? child.text : text(child))).join('');
}

export function children(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => child.kind === 'element' && (name === undefined || child.name === name));
}

/** The direct children of a policy section (inbound, backend, outbound, on-error), by element name. */
export function sectionOrder(xml: string, section: string): string[] {
  return children(only(xml, section)).map((element) => element.name);
}
