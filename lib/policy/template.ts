/**
 * A deliberately small template mechanism for API Management policy documents.
 *
 * Templates are plain XML files (see `policies/apim/`). They are parsed into a tree, the tree is expanded with
 * typed values, and the result is written back with fast-xml-parser's XMLBuilder, so code never concatenates XML.
 *
 * Syntax, chosen so that it cannot be confused with API Management's own `{{named-value}}` references:
 * - `${name}` / `${item.field}`: a scalar value, XML-escaped on render. Allowed in attribute values and text.
 * - `${?name}`: only as a whole attribute value; the attribute is dropped when the value is `null`.
 * - `tpl:if="name"` on an element: keeps the element when the value is `true` or a non-empty list.
 * - `tpl:each="item in list"` on an element: repeats the element once per list item.
 * - `xmlns:tpl` on the root element declares the directive prefix and is removed on render.
 *
 * Placeholders never appear inside policy expressions (`@(...)`, `@{...}`) and values never start one: expressions
 * live in the templates, values are literals. XML comments are template documentation and are not rendered.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export type TemplateScalar = string | number | boolean;

/** One item of a list value: a record of scalars (or `null` for an absent optional value). */
export type TemplateRecord = { readonly [field: string]: TemplateScalar | null };

export type TemplateValue = TemplateScalar | null | readonly TemplateRecord[];

/** Every value a template may reference, by name. Unknown names and unused values are both errors. */
export type TemplateScope = { readonly [name: string]: TemplateValue };

/** A rendering failure, naming the template file and the problem. */
export class PolicyRenderError extends Error {
  constructor(
    readonly template: string,
    readonly problem: string,
  ) {
    super(`Policy template "${template}": ${problem}`);
    this.name = 'PolicyRenderError';
  }
}

export interface XmlElement {
  readonly kind: 'element';
  readonly name: string;
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  readonly children: readonly XmlNode[];
}

export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
}

export type XmlNode = XmlElement | XmlText;

const DIRECTIVE_PREFIX = 'tpl:';
const DIRECTIVE_NAMESPACE_ATTRIBUTE = 'xmlns:tpl';
const PLACEHOLDER = /\$\{(\??)([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)?)\}/g;
const EACH_SYNTAX = /^([A-Za-z][A-Za-z0-9]*) in ([A-Za-z][A-Za-z0-9]*)$/;
const POLICY_EXPRESSION_START = /^@[({]/;

// Entities are kept verbatim on both sides: template text is written exactly as authored, and only substituted
// values are escaped (by `escapeXml`). This keeps policy expressions readable in the rendered document.
const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  commentPropName: '#comment',
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
} as const;

const BUILDER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  format: true,
  indentBy: '    ',
  suppressEmptyNode: true,
  processEntities: false,
} as const;

/** Escapes a literal for use in XML text or a double- or single-quoted attribute value. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Converts fast-xml-parser's ordered output into the typed tree, dropping comments. */
function fromParsed(template: string, nodes: unknown): XmlNode[] {
  if (!Array.isArray(nodes)) {
    throw new PolicyRenderError(template, 'the XML parser returned an unexpected structure');
  }
  const result: XmlNode[] = [];
  for (const node of nodes) {
    if (!isRecord(node)) {
      throw new PolicyRenderError(template, 'the XML parser returned an unexpected node');
    }
    if ('#comment' in node) {
      continue;
    }
    if ('#text' in node) {
      result.push({ kind: 'text', text: String(node['#text']) });
      continue;
    }
    const names = Object.keys(node).filter((key) => key !== ':@');
    if (names.length !== 1) {
      throw new PolicyRenderError(template, 'the XML parser returned a node without a single element name');
    }
    const name = names[0] as string;
    const rawAttributes = node[':@'];
    const attributes: Array<readonly [string, string]> = [];
    if (isRecord(rawAttributes)) {
      for (const [attribute, value] of Object.entries(rawAttributes)) {
        if (typeof value !== 'string') {
          throw new PolicyRenderError(template, `attribute "${attribute}" on <${name}> has no value`);
        }
        attributes.push([attribute, value]);
      }
    }
    result.push({ kind: 'element', name, attributes, children: fromParsed(template, node[name]) });
  }
  return result;
}

/** Converts the typed tree back into fast-xml-parser's ordered structure for XMLBuilder. */
function toBuildable(nodes: readonly XmlNode[]): unknown[] {
  return nodes.map((node) => {
    if (node.kind === 'text') {
      return { '#text': node.text };
    }
    const element: Record<string, unknown> = { [node.name]: toBuildable(node.children) };
    if (node.attributes.length > 0) {
      element[':@'] = Object.fromEntries(node.attributes);
    }
    return element;
  });
}

function parseWith(template: string, xml: string, decodeEntities: boolean): XmlNode[] {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new PolicyRenderError(template, `not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }
  const parsed: unknown = new XMLParser({ ...PARSER_OPTIONS, processEntities: decodeEntities }).parse(xml);
  return fromParsed(template, parsed);
}

/** Parses template XML into the typed tree, keeping entities exactly as written. */
export function parseTemplate(template: string, xml: string): XmlNode[] {
  return parseWith(template, xml, false);
}

/** Parses a rendered policy into the typed tree with entities decoded, for inspecting attribute and text values. */
export function parseRendered(template: string, xml: string): XmlNode[] {
  return parseWith(template, xml, true);
}

/** Writes the typed tree as an indented XML document. */
export function buildXml(nodes: readonly XmlNode[]): string {
  return String(new XMLBuilder(BUILDER_OPTIONS).build(toBuildable(nodes))).trim();
}

interface Frame {
  readonly template: string;
  readonly scope: TemplateScope;
  readonly items: ReadonlyMap<string, TemplateRecord>;
}

function lookup(frame: Frame, path: string): TemplateValue {
  const [head, field] = path.split('.') as [string, string | undefined];
  if (field !== undefined) {
    const item = frame.items.get(head);
    if (item === undefined) {
      throw new PolicyRenderError(frame.template, `"\${${path}}" refers to "${head}", which is not a tpl:each item`);
    }
    if (!Object.prototype.hasOwnProperty.call(item, field)) {
      throw new PolicyRenderError(frame.template, `"\${${path}}": the items of "${head}" have no field "${field}"`);
    }
    return item[field] ?? null;
  }
  if (frame.items.has(head)) {
    throw new PolicyRenderError(frame.template, `"\${${path}}" names a whole tpl:each item; name one of its fields`);
  }
  if (!Object.prototype.hasOwnProperty.call(frame.scope, head)) {
    const known = Object.keys(frame.scope).sort();
    throw new PolicyRenderError(
      frame.template,
      `"\${${path}}" has no value (${known.length > 0 ? `known values: ${known.join(', ')}` : 'no values were given'})`,
    );
  }
  return frame.scope[head] ?? null;
}

function scalarText(frame: Frame, path: string, value: TemplateValue): string {
  if (value === null) {
    throw new PolicyRenderError(frame.template, `"\${${path}}" is required but has no value`);
  }
  if (typeof value === 'object') {
    throw new PolicyRenderError(frame.template, `"\${${path}}" is a list; use tpl:each to repeat an element over it`);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new PolicyRenderError(frame.template, `"\${${path}}" is not a finite number (got ${value})`);
  }
  const text = String(value);
  if (text.includes('${')) {
    throw new PolicyRenderError(
      frame.template,
      `"\${${path}}" holds a Terraform reference ("${text}"); policies are rendered at synthesis, so pass it as an API Management named value`,
    );
  }
  if (POLICY_EXPRESSION_START.test(text)) {
    throw new PolicyRenderError(frame.template, `"\${${path}}" would start a policy expression ("${text}"); values must be literals`);
  }
  return text;
}

/** Substitutes placeholders in one attribute value or text node. Returns `null` when an optional value is absent. */
function substitute(frame: Frame, raw: string, where: string, allowOptional: boolean): string | null {
  const placeholders = [...raw.matchAll(PLACEHOLDER)];
  if (placeholders.length === 0) {
    if (raw.includes('${')) {
      throw new PolicyRenderError(frame.template, `${where} contains a malformed placeholder: "${raw}"`);
    }
    return raw;
  }
  if (POLICY_EXPRESSION_START.test(raw.trim())) {
    throw new PolicyRenderError(frame.template, `${where} places a value inside a policy expression; pass it through a literal instead`);
  }
  const optional = placeholders.filter((match) => match[1] === '?');
  if (optional.length > 0) {
    const whole = placeholders.length === 1 && placeholders[0]?.[0] === raw;
    if (!allowOptional || !whole) {
      throw new PolicyRenderError(frame.template, `${where}: "\${?...}" must be the whole value of an attribute`);
    }
    const path = placeholders[0]?.[2] as string;
    const value = lookup(frame, path);
    return value === null ? null : escapeXml(scalarText(frame, path, value));
  }
  const rendered = raw.replace(PLACEHOLDER, (_match, _optional: string, path: string) =>
    escapeXml(scalarText(frame, path, lookup(frame, path))),
  );
  if (rendered.includes('${')) {
    throw new PolicyRenderError(frame.template, `${where} contains a malformed placeholder: "${raw}"`);
  }
  return rendered;
}

function conditionHolds(frame: Frame, name: string, elementName: string): boolean {
  if (name.includes('.')) {
    throw new PolicyRenderError(frame.template, `tpl:if on <${elementName}> must name a top-level value, got "${name}"`);
  }
  const value = lookup(frame, name);
  if (typeof value === 'boolean') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  throw new PolicyRenderError(frame.template, `tpl:if="${name}" on <${elementName}> needs a boolean or a list value`);
}

function expandElement(frame: Frame, element: XmlElement): XmlNode[] {
  const directives = new Map<string, string>();
  const attributes: Array<readonly [string, string]> = [];
  for (const [name, value] of element.attributes) {
    if (name === DIRECTIVE_NAMESPACE_ATTRIBUTE) {
      continue;
    }
    if (name.startsWith(DIRECTIVE_PREFIX)) {
      if (name !== 'tpl:if' && name !== 'tpl:each') {
        throw new PolicyRenderError(frame.template, `unknown directive "${name}" on <${element.name}>`);
      }
      directives.set(name, value);
      continue;
    }
    attributes.push([name, value]);
  }

  const condition = directives.get('tpl:if');
  if (condition !== undefined && !conditionHolds(frame, condition, element.name)) {
    return [];
  }

  const each = directives.get('tpl:each');
  if (each === undefined) {
    return [renderElement(frame, element.name, attributes, element.children)];
  }
  const match = EACH_SYNTAX.exec(each);
  if (match === null) {
    throw new PolicyRenderError(frame.template, `tpl:each on <${element.name}> must read "item in list", got "${each}"`);
  }
  const [, itemName, listName] = match as unknown as [string, string, string];
  if (frame.items.has(itemName) || Object.prototype.hasOwnProperty.call(frame.scope, itemName)) {
    throw new PolicyRenderError(frame.template, `tpl:each item "${itemName}" on <${element.name}> hides another value`);
  }
  const list = lookup(frame, listName);
  if (!Array.isArray(list)) {
    throw new PolicyRenderError(frame.template, `tpl:each on <${element.name}> needs "${listName}" to be a list`);
  }
  return list.map((item: TemplateRecord) => {
    const items = new Map(frame.items);
    items.set(itemName, item);
    return renderElement({ ...frame, items }, element.name, attributes, element.children);
  });
}

function renderElement(
  frame: Frame,
  name: string,
  attributes: ReadonlyArray<readonly [string, string]>,
  children: readonly XmlNode[],
): XmlElement {
  const rendered: Array<readonly [string, string]> = [];
  for (const [attribute, raw] of attributes) {
    const value = substitute(frame, raw, `attribute "${attribute}" of <${name}>`, true);
    if (value !== null) {
      rendered.push([attribute, value]);
    }
  }
  return { kind: 'element', name, attributes: rendered, children: expandNodes(frame, children, name) };
}

function expandNodes(frame: Frame, nodes: readonly XmlNode[], parent: string): XmlNode[] {
  return nodes.flatMap((node): XmlNode[] => {
    if (node.kind === 'text') {
      const text = substitute(frame, node.text, `the text of <${parent}>`, false);
      return [{ kind: 'text', text: text ?? '' }];
    }
    return expandElement(frame, node);
  });
}

/** Names of top-level values a template refers to anywhere, including inside elements a condition may drop. */
export function referencedValueNames(nodes: readonly XmlNode[]): Set<string> {
  const names = new Set<string>();
  const itemNames = new Set<string>();
  const visit = (node: XmlNode): void => {
    const texts: string[] = [];
    if (node.kind === 'text') {
      texts.push(node.text);
    } else {
      for (const [name, value] of node.attributes) {
        if (name === 'tpl:if') {
          names.add(value);
        } else if (name === 'tpl:each') {
          const match = EACH_SYNTAX.exec(value);
          if (match !== null) {
            itemNames.add(match[1] as string);
            names.add(match[2] as string);
          }
        } else {
          texts.push(value);
        }
      }
      node.children.forEach(visit);
    }
    for (const text of texts) {
      for (const match of text.matchAll(PLACEHOLDER)) {
        const head = (match[2] as string).split('.')[0] as string;
        names.add(head);
      }
    }
  };
  nodes.forEach(visit);
  for (const item of itemNames) {
    names.delete(item);
  }
  return names;
}

/**
 * Renders template XML with the given values. Every value must be referenced by the template, and every placeholder
 * must have a value, so the contract between a template and its typed renderer cannot drift silently.
 */
export function renderTemplateXml(template: string, xml: string, scope: TemplateScope): string {
  const parsed = parseTemplate(template, xml);
  const referenced = referencedValueNames(parsed);
  const unused = Object.keys(scope)
    .filter((name) => !referenced.has(name))
    .sort();
  if (unused.length > 0) {
    throw new PolicyRenderError(template, `values not referenced by the template: ${unused.join(', ')}`);
  }
  const frame: Frame = { template, scope, items: new Map() };
  return buildXml(expandNodes(frame, parsed, 'document'));
}

/** Reads a template file and renders it. Errors name the file. */
export function renderTemplateFile(path: string, scope: TemplateScope): string {
  const template = basename(path);
  let xml: string;
  try {
    xml = readFileSync(path, 'utf8');
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new PolicyRenderError(template, `cannot read the template file (${detail})`);
  }
  return renderTemplateXml(template, xml, scope);
}
