/**
 * Checks run on every rendered policy document. Each failure is a PolicyRenderError naming the template.
 */
import { XMLValidator } from 'fast-xml-parser';

import { parseRendered, PolicyRenderError, type XmlElement, type XmlNode } from './template';
import { vocabularyProblems } from './vocabulary';

/** API Management named value references (`{{name}}`) in a policy document, sorted and without duplicates. */
export function listNamedValueReferences(xml: string): string[] {
  const names = new Set<string>();
  for (const match of xml.matchAll(/\{\{([^{}]*)\}\}/g)) {
    names.add((match[1] as string).trim());
  }
  return [...names].sort();
}

function elements(nodes: readonly XmlNode[]): XmlElement[] {
  return nodes.flatMap((node) => (node.kind === 'element' ? [node, ...elements(node.children)] : []));
}

function attribute(element: XmlElement, name: string): string | undefined {
  return element.attributes.find(([key]) => key === name)?.[1];
}

function textOf(element: XmlElement): string {
  return element.children.map((child) => (child.kind === 'text' ? child.text : textOf(child))).join('');
}

/** Backend ids named by `set-backend-service` in a rendered policy, sorted and without duplicates. */
export function listBackendIds(template: string, xml: string): string[] {
  const ids = new Set<string>();
  for (const element of elements(parseRendered(template, xml))) {
    if (element.name !== 'set-backend-service') {
      continue;
    }
    const id = attribute(element, 'backend-id');
    if (id === undefined) {
      throw new PolicyRenderError(template, 'set-backend-service must route by backend-id (a base-url would bypass the backend pool)');
    }
    if (id.startsWith('@')) {
      throw new PolicyRenderError(template, `set-backend-service backend-id must be a literal so it can be checked, got "${id}"`);
    }
    ids.add(id);
  }
  return [...ids].sort();
}

export function assertWellFormed(template: string, xml: string): void {
  const result = XMLValidator.validate(xml);
  if (result !== true) {
    const { msg, line, col } = result.err;
    throw new PolicyRenderError(template, `rendered policy is not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }
}

export function assertNoTemplateSyntax(template: string, xml: string): void {
  const placeholder = /\$\{[^}]*\}?/.exec(xml);
  if (placeholder !== null) {
    throw new PolicyRenderError(template, `rendered policy still contains the template placeholder "${placeholder[0]}"`);
  }
  const directive = /\btpl:[A-Za-z]+/.exec(xml);
  if (directive !== null) {
    throw new PolicyRenderError(template, `rendered policy still contains the template directive "${directive[0]}"`);
  }
}

export function assertNamedValuesExist(template: string, xml: string, known: ReadonlySet<string>): void {
  const missing = listNamedValueReferences(xml).filter((name) => !known.has(name));
  if (missing.length > 0) {
    throw new PolicyRenderError(template, `named values referenced but not provided: ${missing.map((name) => `{{${name}}}`).join(', ')}`);
  }
}

export function assertBackendIdsExist(template: string, xml: string, known: ReadonlySet<string>): void {
  const missing = listBackendIds(template, xml).filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new PolicyRenderError(template, `backend ids referenced but not provided: ${missing.join(', ')}`);
  }
}

/** Headers and query parameters that carry credentials. The gateway is keyless: it may only remove them. */
const CREDENTIAL_NAMES = new Set(['api-key', 'ocp-apim-subscription-key', 'authorization', 'x-functions-key', 'subscription-key']);

const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<![0-9A-Fa-f-])[0-9a-f]{32}(?![0-9A-Fa-f-])/i, 'a 32-character hex string (the shape of an Azure AI services key)'],
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}/, 'a long base64 string (the shape of a storage or service key)'],
  [/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./, 'a JSON web token'],
  [/\b(?:AccountKey|SharedAccessKey|SharedAccessSignature|client_secret|password)\s*=/i, 'a connection-string credential'],
  [/[?&]sig=/i, 'a SAS signature'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bsk-[A-Za-z0-9_-]{20,}/, 'an OpenAI-style API key'],
];

function preview(text: string): string {
  return `${text.slice(0, 4)}…`;
}

/**
 * Rejects literals that look like credentials, and any policy that sets a credential header or query parameter from
 * a literal or named value (only removal, or an expression such as a managed identity token, is allowed).
 */
export function assertNoSecrets(template: string, xml: string): void {
  const nodes = parseRendered(template, xml);
  for (const element of elements(nodes)) {
    if (element.name === 'set-header' || element.name === 'set-query-parameter') {
      const name = (attribute(element, 'name') ?? '').toLowerCase();
      const action = attribute(element, 'exists-action') ?? 'override';
      if (CREDENTIAL_NAMES.has(name) && action !== 'delete') {
        const values = element.children.filter((child): child is XmlElement => child.kind === 'element' && child.name === 'value');
        const literal = values.find((value) => !textOf(value).trim().startsWith('@'));
        if (literal !== undefined || values.length === 0) {
          throw new PolicyRenderError(
            template,
            `<${element.name} name="${name}"> sets a credential from a literal or named value; the gateway is keyless and may only delete it`,
          );
        }
      }
    }
    const texts = [
      ...element.attributes.map(([, value]) => value),
      ...element.children.flatMap((child) => (child.kind === 'text' ? [child.text] : [])),
    ];
    for (const text of texts) {
      for (const [pattern, description] of SECRET_PATTERNS) {
        const match = pattern.exec(text);
        if (match !== null) {
          throw new PolicyRenderError(
            template,
            `<${element.name}> contains a secret-looking literal: ${description} ("${preview(match[0])}")`,
          );
        }
      }
    }
  }
}

/** Rejects elements, attributes and placements that API Management's policy reference does not define. */
export function assertPolicyVocabulary(template: string, xml: string): void {
  const problems = vocabularyProblems(xml);
  if (problems.length > 0) {
    throw new PolicyRenderError(
      template,
      `rendered policy does not match the API Management policy reference (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n- ${problems.join('\n- ')}`,
    );
  }
}

export interface PolicyCheckContext {
  /** Named values that exist in the API Management instance. */
  readonly namedValues: ReadonlySet<string>;
  /** Backend ids (single backends and pools) that exist in the API Management instance. */
  readonly backendIds: ReadonlySet<string>;
}

/** Runs every check on a rendered policy document. */
export function checkRenderedPolicy(template: string, xml: string, context: PolicyCheckContext): void {
  assertWellFormed(template, xml);
  assertNoTemplateSyntax(template, xml);
  assertNamedValuesExist(template, xml, context.namedValues);
  assertBackendIdsExist(template, xml, context.backendIds);
  assertNoSecrets(template, xml);
  assertPolicyVocabulary(template, xml);
}
