/**
 * The API Management policy vocabulary the gateway's templates rely on, as typed data, and a check of a rendered
 * policy document against it. API Management rejects a policy with an unknown element or attribute, or with a policy
 * in a section that does not allow it, only when Terraform applies the policy; checking at synthesis stops a bad
 * template before a plan is made.
 *
 * Every name below is taken from the policy reference page given as `source` (learn.microsoft.com). Policies the
 * templates do not use are listed only where they are close neighbours (the generic LLM policies and the per-key
 * rate limit), so that moving to them is checked too. Anything not listed is reported as unknown: extend the table,
 * with its reference page, rather than loosening the check.
 */
import { parseRendered, PolicyRenderError, type XmlElement, type XmlNode } from './template';

export const POLICY_SECTIONS = ['inbound', 'backend', 'outbound', 'on-error'] as const;

export type PolicySection = (typeof POLICY_SECTIONS)[number];

export type AttributeUse = 'required' | 'optional';

/** What an element may contain besides text. */
export type ChildrenSpec =
  /** Text only (a value, a message, a body expression). */
  | { readonly kind: 'none' }
  /** Fixed child elements of the policy (e.g. `audiences/audience`), each with its own attributes and children. */
  | { readonly kind: 'elements'; readonly elements: Readonly<Record<string, ElementSpec>> }
  /** Any policy that the enclosing section allows (the bodies of `when`, `otherwise` and `retry`). */
  | { readonly kind: 'section-policies' }
  /** Only the named policies, whatever the section (the response statements of `return-response`). */
  | { readonly kind: 'policies'; readonly names: readonly string[] };

export interface ElementSpec {
  /** Every allowed attribute, and whether it must be present. */
  readonly attributes: Readonly<Record<string, AttributeUse>>;
  /** Groups of alternatives: at least one attribute of each group must be present. */
  readonly requireOneOf?: ReadonlyArray<readonly string[]>;
  readonly children: ChildrenSpec;
}

export interface PolicySpec extends ElementSpec {
  /** Policy reference page the names were taken from. */
  readonly source: string;
  /** Sections the reference page allows the policy in ("Usage", "Policy sections"). */
  readonly sections: readonly PolicySection[];
}

const REFERENCE = 'https://learn.microsoft.com/azure/api-management/';
const EVERY_SECTION: readonly PolicySection[] = POLICY_SECTIONS;
const TEXT: ChildrenSpec = { kind: 'none' };

/**
 * "All policies have an optional `id` attribute that can be added to the root element of the policy"; its value is
 * reported as `context.LastError.PolicyId` (https://learn.microsoft.com/azure/api-management/api-management-error-handling-policies).
 */
function policyAttributes(attributes: Readonly<Record<string, AttributeUse>>): Readonly<Record<string, AttributeUse>> {
  const withId: Record<string, AttributeUse> = { id: 'optional' };
  for (const [name, use] of Object.entries(attributes)) {
    withId[name] = use;
  }
  return withId;
}

function textElement(attributes: Readonly<Record<string, AttributeUse>> = {}): ElementSpec {
  return { attributes, children: TEXT };
}

/** `dimension` of the token metric policies: a default dimension name alone, or any name with a value. */
const METRIC_DIMENSION = textElement({ name: 'required', value: 'optional' });

/** Attributes shared by `azure-openai-token-limit` and `llm-token-limit` (same table on both reference pages). */
const TOKEN_LIMIT_ATTRIBUTES = policyAttributes({
  'counter-key': 'required',
  'tokens-per-minute': 'optional',
  'token-quota': 'optional',
  'token-quota-period': 'optional',
  'estimate-prompt-tokens': 'required',
  'retry-after-header-name': 'optional',
  'retry-after-variable-name': 'optional',
  'remaining-quota-tokens-header-name': 'optional',
  'remaining-quota-tokens-variable-name': 'optional',
  'remaining-tokens-header-name': 'optional',
  'remaining-tokens-variable-name': 'optional',
  'tokens-consumed-header-name': 'optional',
  'tokens-consumed-variable-name': 'optional',
});

/** "Either a rate limit (`tokens-per-minute`), a quota (`token-quota` over a `token-quota-period`), or both." */
const TOKEN_LIMIT_ONE_OF: ReadonlyArray<readonly string[]> = [['tokens-per-minute', 'token-quota']];

/** A wrapper element holding repeated text elements, e.g. `audiences/audience`. */
function listOf(item: string): ElementSpec {
  return { attributes: {}, children: { kind: 'elements', elements: { [item]: textElement() } } };
}

/** The policies, by element name. */
export const POLICY_VOCABULARY: Readonly<Record<string, PolicySpec>> = {
  'authentication-managed-identity': {
    source: `${REFERENCE}authentication-managed-identity-policy`,
    sections: ['inbound'],
    attributes: policyAttributes({
      resource: 'required',
      'client-id': 'optional',
      'output-token-variable-name': 'optional',
      'ignore-error': 'optional',
    }),
    children: TEXT,
  },
  'azure-openai-emit-token-metric': {
    source: `${REFERENCE}azure-openai-emit-token-metric-policy`,
    sections: ['inbound'],
    // `value` is in the page's attribute table ("Value of metric expressed as a double"), not in its statement.
    attributes: policyAttributes({ namespace: 'optional', value: 'optional' }),
    children: { kind: 'elements', elements: { dimension: METRIC_DIMENSION } },
  },
  'azure-openai-token-limit': {
    source: `${REFERENCE}azure-openai-token-limit-policy`,
    sections: ['inbound'],
    attributes: TOKEN_LIMIT_ATTRIBUTES,
    requireOneOf: TOKEN_LIMIT_ONE_OF,
    children: TEXT,
  },
  base: {
    source: `${REFERENCE}api-management-howto-policies`,
    sections: EVERY_SECTION,
    attributes: {},
    children: TEXT,
  },
  choose: {
    source: `${REFERENCE}choose-policy`,
    sections: EVERY_SECTION,
    attributes: policyAttributes({}),
    children: {
      kind: 'elements',
      elements: {
        when: { attributes: { condition: 'required' }, children: { kind: 'section-policies' } },
        otherwise: { attributes: {}, children: { kind: 'section-policies' } },
      },
    },
  },
  'forward-request': {
    source: `${REFERENCE}forward-request-policy`,
    sections: ['backend'],
    attributes: policyAttributes({
      'http-version': 'optional',
      timeout: 'optional',
      'timeout-ms': 'optional',
      'continue-timeout': 'optional',
      'follow-redirects': 'optional',
      'buffer-request-body': 'optional',
      'buffer-response': 'optional',
      'fail-on-error-status-code': 'optional',
    }),
    children: TEXT,
  },
  'llm-emit-token-metric': {
    source: `${REFERENCE}llm-emit-token-metric-policy`,
    sections: ['inbound'],
    attributes: policyAttributes({ namespace: 'optional' }),
    children: { kind: 'elements', elements: { dimension: METRIC_DIMENSION } },
  },
  'llm-token-limit': {
    source: `${REFERENCE}llm-token-limit-policy`,
    sections: ['inbound'],
    attributes: TOKEN_LIMIT_ATTRIBUTES,
    requireOneOf: TOKEN_LIMIT_ONE_OF,
    children: TEXT,
  },
  'rate-limit-by-key': {
    source: `${REFERENCE}rate-limit-by-key-policy`,
    sections: ['inbound'],
    attributes: policyAttributes({
      calls: 'required',
      'renewal-period': 'required',
      'counter-key': 'required',
      'increment-condition': 'optional',
      'increment-count': 'optional',
      'retry-after-header-name': 'optional',
      'retry-after-variable-name': 'optional',
      'remaining-calls-header-name': 'optional',
      'remaining-calls-variable-name': 'optional',
      'total-calls-header-name': 'optional',
    }),
    children: TEXT,
  },
  retry: {
    source: `${REFERENCE}retry-policy`,
    sections: EVERY_SECTION,
    attributes: policyAttributes({
      condition: 'required',
      count: 'required',
      interval: 'required',
      'max-interval': 'optional',
      delta: 'optional',
      'first-fast-retry': 'optional',
    }),
    children: { kind: 'section-policies' },
  },
  'return-response': {
    source: `${REFERENCE}return-response-policy`,
    sections: EVERY_SECTION,
    attributes: policyAttributes({ 'response-variable-name': 'optional' }),
    children: { kind: 'policies', names: ['set-status', 'set-header', 'set-body'] },
  },
  'set-backend-service': {
    source: `${REFERENCE}set-backend-service-policy`,
    sections: ['inbound', 'backend'],
    attributes: policyAttributes({
      'base-url': 'optional',
      'backend-id': 'optional',
      'sf-resolve-condition': 'optional',
      'sf-service-instance-name': 'optional',
      'sf-partition-key': 'optional',
      'sf-listener-name': 'optional',
    }),
    requireOneOf: [['base-url', 'backend-id']],
    children: TEXT,
  },
  'set-body': {
    source: `${REFERENCE}set-body-policy`,
    sections: ['inbound', 'outbound', 'backend'],
    attributes: policyAttributes({ template: 'optional', 'xsi-nil': 'optional', 'parse-date': 'optional' }),
    children: TEXT,
  },
  'set-header': {
    source: `${REFERENCE}set-header-policy`,
    sections: EVERY_SECTION,
    attributes: policyAttributes({ name: 'required', 'exists-action': 'optional' }),
    children: { kind: 'elements', elements: { value: textElement() } },
  },
  'set-query-parameter': {
    source: `${REFERENCE}set-query-parameter-policy`,
    sections: ['inbound', 'backend'],
    attributes: policyAttributes({ name: 'required', 'exists-action': 'optional' }),
    children: { kind: 'elements', elements: { value: textElement() } },
  },
  'set-status': {
    source: `${REFERENCE}set-status-policy`,
    sections: EVERY_SECTION,
    attributes: policyAttributes({ code: 'required', reason: 'required' }),
    children: TEXT,
  },
  'set-variable': {
    source: `${REFERENCE}set-variable-policy`,
    sections: EVERY_SECTION,
    attributes: policyAttributes({ name: 'required', value: 'required' }),
    children: TEXT,
  },
  trace: {
    source: `${REFERENCE}trace-policy`,
    // The trace page lists inbound, outbound and backend; on-error is from "Policies allowed in on-error" on
    // https://learn.microsoft.com/azure/api-management/api-management-error-handling-policies.
    sections: EVERY_SECTION,
    attributes: policyAttributes({ source: 'required', severity: 'optional' }),
    children: {
      kind: 'elements',
      elements: {
        message: textElement(),
        metadata: textElement({ name: 'required', value: 'required' }),
      },
    },
  },
  'validate-azure-ad-token': {
    source: `${REFERENCE}validate-azure-ad-token-policy`,
    sections: ['inbound'],
    attributes: policyAttributes({
      'tenant-id': 'required',
      'header-name': 'optional',
      'query-parameter-name': 'optional',
      'token-value': 'optional',
      'failed-validation-httpcode': 'optional',
      'failed-validation-error-message': 'optional',
      'output-token-variable-name': 'optional',
    }),
    children: {
      kind: 'elements',
      elements: {
        'client-application-ids': listOf('application-id'),
        'backend-application-ids': listOf('application-id'),
        audiences: listOf('audience'),
        'required-claims': {
          attributes: {},
          children: {
            kind: 'elements',
            elements: {
              claim: {
                attributes: { name: 'required', match: 'optional', separator: 'optional' },
                children: { kind: 'elements', elements: { value: textElement() } },
              },
            },
          },
        },
      },
    },
  },
};

export interface SectionAllowance {
  readonly policy: string;
  readonly section: PolicySection;
  /** Why the reference page's "Policy sections" is known to be incomplete here. */
  readonly evidence: string;
}

/**
 * Sections a policy works in although its reference page does not list them. Each needs public evidence that the
 * page is wrong; everything else follows the reference pages exactly.
 */
export const SECTION_ALLOWANCES: readonly SectionAllowance[] = [
  {
    policy: 'set-body',
    section: 'on-error',
    evidence:
      'set-body-policy lists inbound, outbound, backend and the on-error list omits it, but the omission was triaged as ' +
      'a documentation bug (https://github.com/MicrosoftDocs/azure-docs/issues/59226, "Set-body policy is allowed in ' +
      'on-error block", labelled doc-bug) and the maintainers of the Azure API Management policy toolkit accepted the ' +
      'missing set-body in on-error as a bug (https://github.com/Azure/azure-api-management-policy-toolkit/issues/148)',
  },
];

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Sections a policy may appear in: its reference page's, plus any documented allowance. */
export function allowedSections(policy: string): PolicySection[] {
  const spec = own(POLICY_VOCABULARY, policy);
  if (spec === undefined) {
    return [];
  }
  const extra = SECTION_ALLOWANCES.filter((allowance) => allowance.policy === policy).map((allowance) => allowance.section);
  return POLICY_SECTIONS.filter((section) => spec.sections.includes(section) || extra.includes(section));
}

function isSection(name: string): name is PolicySection {
  return (POLICY_SECTIONS as readonly string[]).includes(name);
}

function childElements(element: { readonly children: readonly XmlNode[] }): XmlElement[] {
  return element.children.filter((child): child is XmlElement => child.kind === 'element');
}

/** Child elements with their paths; a name repeated among siblings gets its 1-based position, e.g. `when[2]`. */
function withPaths(parentPath: string, elements: readonly XmlElement[]): Array<readonly [XmlElement, string]> {
  const totals = new Map<string, number>();
  for (const element of elements) {
    totals.set(element.name, (totals.get(element.name) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  return elements.map((element) => {
    const position = (seen.get(element.name) ?? 0) + 1;
    seen.set(element.name, position);
    const step = (totals.get(element.name) ?? 0) > 1 ? `${element.name}[${position}]` : element.name;
    return [element, parentPath === '' ? step : `${parentPath}/${step}`] as const;
  });
}

function list(names: Iterable<string>): string {
  const sorted = [...names].sort();
  return sorted.length > 0 ? sorted.join(', ') : 'none';
}

function checkAttributes(spec: ElementSpec, element: XmlElement, path: string, problems: string[]): void {
  const present = new Set(element.attributes.map(([name]) => name));
  for (const name of present) {
    if (own(spec.attributes, name) === undefined) {
      problems.push(`${path}: unknown attribute "${name}" on <${element.name}> (allowed: ${list(Object.keys(spec.attributes))})`);
    }
  }
  for (const [name, use] of Object.entries(spec.attributes)) {
    if (use === 'required' && !present.has(name)) {
      problems.push(`${path}: <${element.name}> is missing the required attribute "${name}"`);
    }
  }
  for (const group of spec.requireOneOf ?? []) {
    if (!group.some((name) => present.has(name))) {
      problems.push(`${path}: <${element.name}> needs at least one of the attributes ${group.map((name) => `"${name}"`).join(', ')}`);
    }
  }
}

function checkChildren(spec: ElementSpec, element: XmlElement, path: string, section: PolicySection | null, problems: string[]): void {
  const children = spec.children;
  for (const [child, childPath] of withPaths(path, childElements(element))) {
    switch (children.kind) {
      case 'none':
        problems.push(`${childPath}: unknown child element <${child.name}> of <${element.name}>, which takes no child elements`);
        break;
      case 'elements': {
        const childSpec = own(children.elements, child.name);
        if (childSpec === undefined) {
          problems.push(
            `${childPath}: unknown child element <${child.name}> of <${element.name}> (allowed: ${list(Object.keys(children.elements))})`,
          );
        } else {
          checkElement(childSpec, child, childPath, section, problems);
        }
        break;
      }
      case 'section-policies':
        checkPolicy(child, childPath, section, problems);
        break;
      case 'policies':
        if (children.names.includes(child.name)) {
          checkPolicy(child, childPath, null, problems);
        } else {
          problems.push(`${childPath}: unknown child element <${child.name}> of <${element.name}> (allowed: ${list(children.names)})`);
        }
        break;
    }
  }
}

function checkElement(spec: ElementSpec, element: XmlElement, path: string, section: PolicySection | null, problems: string[]): void {
  checkAttributes(spec, element, path, problems);
  checkChildren(spec, element, path, section, problems);
}

/** `section` is null where the parent policy fixes which policies it contains (`return-response`). */
function checkPolicy(element: XmlElement, path: string, section: PolicySection | null, problems: string[]): void {
  const spec = own(POLICY_VOCABULARY, element.name);
  if (spec === undefined) {
    problems.push(`${path}: unknown policy <${element.name}>`);
    return;
  }
  if (section !== null) {
    const sections = allowedSections(element.name);
    if (!sections.includes(section)) {
      problems.push(`${path}: <${element.name}> is not allowed in the ${section} section (allowed in: ${sections.join(', ')})`);
    }
  }
  checkElement(spec, element, path, section, problems);
}

/**
 * Every way a rendered policy document departs from the vocabulary, one line each, prefixed with the element's path
 * (`policies/backend/retry/forward-request`): unknown policies, policies in a section that does not allow them,
 * unknown or missing attributes, and unknown child elements. Inside `choose` and `retry`, any policy the enclosing
 * section allows may appear. An empty list means the document only uses the vocabulary.
 */
export function vocabularyProblems(xml: string): string[] {
  let nodes: XmlNode[];
  try {
    nodes = parseRendered('policy', xml);
  } catch (error: unknown) {
    if (error instanceof PolicyRenderError) {
      return [`document: ${error.problem}`];
    }
    throw error;
  }
  const roots = nodes.filter((node): node is XmlElement => node.kind === 'element');
  const root = roots[0];
  if (roots.length !== 1 || root === undefined || root.name !== 'policies') {
    return [
      `document: the root element must be a single <policies>, got ${roots.length === 0 ? 'none' : roots.map((node) => `<${node.name}>`).join(', ')}`,
    ];
  }
  const problems: string[] = [];
  checkAttributes({ attributes: {}, children: TEXT }, root, 'policies', problems);
  for (const [section, path] of withPaths('policies', childElements(root))) {
    if (!isSection(section.name)) {
      problems.push(`${path}: unknown section <${section.name}> (allowed: ${POLICY_SECTIONS.join(', ')})`);
      continue;
    }
    checkAttributes({ attributes: {}, children: TEXT }, section, path, problems);
    for (const [policy, policyPath] of withPaths(path, childElements(section))) {
      checkPolicy(policy, policyPath, section.name, problems);
    }
  }
  return problems;
}

/** Every element name the vocabulary knows: policies, their child elements, sections and the root. */
export function vocabularyElementNames(): string[] {
  const names = new Set<string>(['policies', ...POLICY_SECTIONS]);
  const visit = (spec: ElementSpec): void => {
    if (spec.children.kind === 'elements') {
      for (const [name, child] of Object.entries(spec.children.elements)) {
        names.add(name);
        visit(child);
      }
    }
  };
  for (const [name, spec] of Object.entries(POLICY_VOCABULARY)) {
    names.add(name);
    visit(spec);
  }
  return [...names].sort();
}
