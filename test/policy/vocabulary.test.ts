import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { assertPolicyVocabulary } from '../../lib/policy/checks';
import {
  DEFAULT_TEMPLATE_DIR,
  type OpenAiApiPolicyValues,
  type PolicyRenderContext,
  PolicyRenderError,
  renderOpenAiApiPolicy,
  renderTierPolicy,
  type TierPolicyValues,
} from '../../lib/policy/render';
import { parseTemplate, type XmlNode } from '../../lib/policy/template';
import {
  allowedSections,
  POLICY_SECTIONS,
  POLICY_VOCABULARY,
  SECTION_ALLOWANCES,
  vocabularyElementNames,
  vocabularyProblems,
} from '../../lib/policy/vocabulary';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const GATEWAY_APP = '11111111-2222-3333-4444-555555555555';
const CLIENT_APP = '99999999-8888-7777-6666-555555555555';
const GROUP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

const context: PolicyRenderContext = { namedValues: [], backendIds: ['aoai-pool'] };

const apiDefaults: OpenAiApiPolicyValues = {
  entra: { tenantId: TENANT, audiences: [GATEWAY_APP] },
  backendPoolId: 'aoai-pool',
  retryCount: 2,
  retryIntervalSeconds: 1,
};

/** Every optional branch of the API template switched on. */
const apiEverything: OpenAiApiPolicyValues = {
  ...apiDefaults,
  entra: { tenantId: TENANT, audiences: [GATEWAY_APP, 'api://aoai-gateway'], clientApplicationIds: [CLIENT_APP] },
  managedIdentityClientId: '12345678-1234-1234-1234-123456789012',
  metricDimensions: ['apiId', 'subscriptionId', 'productId', 'clientIp', 'deployment'],
};

const tierPerMinute: TierPolicyValues = {
  tierName: 'gold',
  entra: { tenantId: TENANT, audiences: [GATEWAY_APP] },
  requiredClaim: { name: 'roles', values: ['Gateway.Gold'] },
  allowedDeployments: ['gpt-4o'],
  tokensPerMinute: 100000,
};

/** Every optional branch of the tier template switched on. */
const tierEverything: TierPolicyValues = {
  ...tierPerMinute,
  entra: { tenantId: TENANT, audiences: [GATEWAY_APP], clientApplicationIds: [CLIENT_APP] },
  requiredClaim: { name: 'groups', values: [GROUP] },
  tokenQuota: { tokens: 5000000, period: 'Monthly' },
};

const policy = (sections: string): string => `<policies>${sections}</policies>`;
const inbound = (body: string): string => policy(`<inbound>${body}</inbound>`);

function templateElementNames(nodes: readonly XmlNode[]): string[] {
  return nodes.flatMap((node) => (node.kind === 'element' ? [node.name, ...templateElementNames(node.children)] : []));
}

describe('the policy table', () => {
  const entries = Object.entries(POLICY_VOCABULARY);

  it('names one policy reference page on learn.microsoft.com per policy', () => {
    for (const [name, spec] of entries) {
      expect([name, spec.source]).toEqual([
        name,
        expect.stringMatching(/^https:\/\/learn\.microsoft\.com\/azure\/api-management\/[a-z0-9-]+$/),
      ]);
    }
    const sources = entries.map(([, spec]) => spec.source);
    expect(new Set(sources).size).toBe(sources.length);
  });

  it('places every policy in at least one section and only names declared attributes as alternatives', () => {
    for (const [name, spec] of entries) {
      expect([name, spec.sections.length > 0]).toEqual([name, true]);
      for (const group of spec.requireOneOf ?? []) {
        expect([name, group.filter((attribute) => !(attribute in spec.attributes))]).toEqual([name, []]);
      }
    }
  });

  it('keeps every section allowance to a known policy, a section its page omits and a public source', () => {
    for (const allowance of SECTION_ALLOWANCES) {
      const spec = POLICY_VOCABULARY[allowance.policy];
      expect(spec).toBeDefined();
      expect(spec?.sections).not.toContain(allowance.section);
      expect(allowance.evidence).toMatch(/https:\/\/\S+/);
      expect(allowedSections(allowance.policy)).toContain(allowance.section);
    }
  });

  it('orders the allowed sections of a policy the way API Management runs them', () => {
    expect(allowedSections('set-body')).toEqual(['inbound', 'backend', 'outbound', 'on-error']);
    expect(allowedSections('forward-request')).toEqual(['backend']);
    expect(allowedSections('no-such-policy')).toEqual([]);
  });
});

describe('the shipped templates', () => {
  const templates = readdirSync(DEFAULT_TEMPLATE_DIR)
    .filter((file) => file.endsWith('.xml'))
    .sort();

  it('are all covered by the table, including elements behind template conditions', () => {
    expect(templates).toEqual(['openai-api.xml', 'product-tier.xml']);
    const known = new Set(vocabularyElementNames());
    for (const template of templates) {
      const names = templateElementNames(parseTemplate(template, readFileSync(join(DEFAULT_TEMPLATE_DIR, template), 'utf8')));
      expect(names.length).toBeGreaterThan(10);
      expect([template, [...new Set(names)].filter((name) => !known.has(name)).sort()]).toEqual([template, []]);
    }
  });

  it.each<[string, () => string]>([
    ['the API policy with defaults', () => renderOpenAiApiPolicy(apiDefaults, context)],
    ['the API policy with every option', () => renderOpenAiApiPolicy(apiEverything, context)],
    ['a tier policy with a per-minute limit', () => renderTierPolicy(tierPerMinute, context)],
    ['a tier policy with every option', () => renderTierPolicy(tierEverything, context)],
  ])('render %s within the vocabulary', (_name, render) => {
    expect(vocabularyProblems(render())).toEqual([]);
  });
});

describe('vocabularyProblems', () => {
  const shipped = renderOpenAiApiPolicy(apiDefaults, context);

  it('reports a misspelled attribute with its path and the allowed names', () => {
    expect(shipped).toContain('buffer-response="false"');
    expect(vocabularyProblems(shipped.replace('buffer-response=', 'buffer-responce='))).toEqual([
      'policies/backend/retry/forward-request: unknown attribute "buffer-responce" on <forward-request> (allowed: buffer-request-body, buffer-response, continue-timeout, fail-on-error-status-code, follow-redirects, http-version, id, timeout, timeout-ms)',
    ]);
  });

  it('reports an unknown policy element', () => {
    expect(vocabularyProblems(policy('<outbound><base /><set-headers name="x-a" exists-action="delete" /></outbound>'))).toEqual([
      'policies/outbound/set-headers: unknown policy <set-headers>',
    ]);
  });

  it('reports a policy in a section that does not allow it', () => {
    expect(vocabularyProblems(inbound('<forward-request timeout="10" />'))).toEqual([
      'policies/inbound/forward-request: <forward-request> is not allowed in the inbound section (allowed in: backend)',
    ]);
    expect(
      vocabularyProblems(
        policy('<on-error><azure-openai-token-limit counter-key="k" tokens-per-minute="1" estimate-prompt-tokens="false" /></on-error>'),
      ),
    ).toEqual([
      'policies/on-error/azure-openai-token-limit: <azure-openai-token-limit> is not allowed in the on-error section (allowed in: inbound)',
    ]);
  });

  it('holds the policies inside choose and retry to the enclosing section', () => {
    const xml = inbound(
      '<choose><when condition="@(true)"><set-status code="403" reason="Forbidden" /></when><when condition="@(false)"><forward-request /></when><otherwise><retry condition="@(false)" count="1" interval="0"><forward-request /></retry></otherwise></choose>',
    );
    expect(vocabularyProblems(xml)).toEqual([
      'policies/inbound/choose/when[2]/forward-request: <forward-request> is not allowed in the inbound section (allowed in: backend)',
      'policies/inbound/choose/otherwise/retry/forward-request: <forward-request> is not allowed in the inbound section (allowed in: backend)',
    ]);
    expect(vocabularyProblems(policy('<backend><choose><when condition="@(true)"><forward-request /></when></choose></backend>'))).toEqual(
      [],
    );
  });

  it('reports missing required attributes and missing alternatives', () => {
    expect(vocabularyProblems(inbound('<set-status code="403" />'))).toEqual([
      'policies/inbound/set-status: <set-status> is missing the required attribute "reason"',
    ]);
    expect(vocabularyProblems(inbound('<set-backend-service sf-listener-name="x" />'))).toEqual([
      'policies/inbound/set-backend-service: <set-backend-service> needs at least one of the attributes "base-url", "backend-id"',
    ]);
    expect(
      vocabularyProblems(inbound('<azure-openai-token-limit counter-key="@(context.Subscription.Id)" estimate-prompt-tokens="true" />')),
    ).toEqual([
      'policies/inbound/azure-openai-token-limit: <azure-openai-token-limit> needs at least one of the attributes "tokens-per-minute", "token-quota"',
    ]);
    expect(vocabularyProblems(inbound('<choose><when><base /></when></choose>'))).toEqual([
      'policies/inbound/choose/when: <when> is missing the required attribute "condition"',
    ]);
  });

  it('reports unknown child elements of a policy and of its own elements', () => {
    const token = (children: string): string =>
      inbound(`<validate-azure-ad-token tenant-id="${TENANT}">${children}</validate-azure-ad-token>`);
    expect(vocabularyProblems(token(`<audience>${GATEWAY_APP}</audience>`))).toEqual([
      'policies/inbound/validate-azure-ad-token/audience: unknown child element <audience> of <validate-azure-ad-token> (allowed: audiences, backend-application-ids, client-application-ids, required-claims)',
    ]);
    expect(
      vocabularyProblems(token('<required-claims><claim name="roles" match="any"><values>A</values></claim></required-claims>')),
    ).toEqual([
      'policies/inbound/validate-azure-ad-token/required-claims/claim/values: unknown child element <values> of <claim> (allowed: value)',
    ]);
    expect(vocabularyProblems(inbound('<set-status code="403" reason="Forbidden"><value>x</value></set-status>'))).toEqual([
      'policies/inbound/set-status/value: unknown child element <value> of <set-status>, which takes no child elements',
    ]);
  });

  it('accepts only response statements inside return-response, in any section', () => {
    const response = (body: string): string => policy(`<on-error><return-response>${body}</return-response></on-error>`);
    expect(
      vocabularyProblems(
        response(
          '<set-status code="500" reason="Error" /><set-header name="Content-Type"><value>application/json</value></set-header><set-body>{}</set-body>',
        ),
      ),
    ).toEqual([]);
    expect(vocabularyProblems(response('<set-variable name="a" value="b" /><set-status code="500" />'))).toEqual([
      'policies/on-error/return-response/set-variable: unknown child element <set-variable> of <return-response> (allowed: set-body, set-header, set-status)',
      'policies/on-error/return-response/set-status: <set-status> is missing the required attribute "reason"',
    ]);
  });

  it('numbers repeated siblings in paths and keeps document order', () => {
    const xml = inbound('<set-header name="a" /><set-header nme="b" /><set-variable name="v" value="1" bogus="x" />');
    expect(vocabularyProblems(xml)).toEqual([
      'policies/inbound/set-header[2]: unknown attribute "nme" on <set-header> (allowed: exists-action, id, name)',
      'policies/inbound/set-header[2]: <set-header> is missing the required attribute "name"',
      'policies/inbound/set-variable: unknown attribute "bogus" on <set-variable> (allowed: id, name, value)',
    ]);
  });

  it('accepts the optional id attribute on policies but not on base', () => {
    expect(vocabularyProblems(inbound('<set-variable id="remember" name="v" value="1" />'))).toEqual([]);
    expect(vocabularyProblems(inbound('<base id="x" />'))).toEqual([
      'policies/inbound/base: unknown attribute "id" on <base> (allowed: none)',
    ]);
  });

  it('allows set-body directly in on-error, as the documented exception, and nothing else outside its page', () => {
    expect(vocabularyProblems(policy('<on-error><set-body>{}</set-body></on-error>'))).toEqual([]);
    expect(vocabularyProblems(policy('<on-error><set-query-parameter name="a" exists-action="delete" /></on-error>'))).toEqual([
      'policies/on-error/set-query-parameter: <set-query-parameter> is not allowed in the on-error section (allowed in: inbound, backend)',
    ]);
  });

  it('reports a document that is not a policy document', () => {
    expect(vocabularyProblems('<policy><inbound /></policy>')).toEqual([
      'document: the root element must be a single <policies>, got <policy>',
    ]);
    expect(vocabularyProblems(policy('<inbound /><on-errors />'))).toEqual([
      `policies/on-errors: unknown section <on-errors> (allowed: ${POLICY_SECTIONS.join(', ')})`,
    ]);
    expect(vocabularyProblems('<policies><inbound></policies>')).toEqual([expect.stringMatching(/^document: not well-formed XML/)]);
  });
});

describe('rendering', () => {
  function templateDirWith(template: string, change: (xml: string) => string): string {
    const dir = mkdtempSync(join(tmpdir(), 'policy-vocabulary-'));
    const original = readFileSync(join(DEFAULT_TEMPLATE_DIR, template), 'utf8');
    const changed = change(original);
    expect(changed).not.toBe(original);
    writeFileSync(join(dir, template), changed);
    return dir;
  }

  it('stops on a misspelled attribute in a template, naming the template and the element', () => {
    const templateDir = templateDirWith('openai-api.xml', (xml) => xml.replace('buffer-response="false"', 'buffer-responce="false"'));
    expect(() => renderOpenAiApiPolicy(apiDefaults, { ...context, templateDir })).toThrow(
      new PolicyRenderError(
        'openai-api.xml',
        'rendered policy does not match the API Management policy reference (1 problem):\n- policies/backend/retry/forward-request: unknown attribute "buffer-responce" on <forward-request> (allowed: buffer-request-body, buffer-response, continue-timeout, fail-on-error-status-code, follow-redirects, http-version, id, timeout, timeout-ms)',
      ),
    );
  });

  it('stops on a policy moved into a section that does not allow it', () => {
    const templateDir = templateDirWith('product-tier.xml', (xml) =>
      xml.replace('<base />\n    </backend>', '<base />\n        <validate-azure-ad-token tenant-id="${tenantId}" />\n    </backend>'),
    );
    expect(() => renderTierPolicy(tierPerMinute, { ...context, templateDir })).toThrow(
      'Policy template "product-tier.xml": rendered policy does not match the API Management policy reference (1 problem):\n- policies/backend/validate-azure-ad-token: <validate-azure-ad-token> is not allowed in the backend section (allowed in: inbound)',
    );
  });

  it('lists every problem of a document at once', () => {
    expect(() => assertPolicyVocabulary('t.xml', inbound('<set-status /><forward-request />'))).toThrow(
      'Policy template "t.xml": rendered policy does not match the API Management policy reference (3 problems):\n' +
        '- policies/inbound/set-status: <set-status> is missing the required attribute "code"\n' +
        '- policies/inbound/set-status: <set-status> is missing the required attribute "reason"\n' +
        '- policies/inbound/forward-request: <forward-request> is not allowed in the inbound section (allowed in: backend)',
    );
    expect(() => assertPolicyVocabulary('t.xml', inbound('<base />'))).not.toThrow();
  });
});
