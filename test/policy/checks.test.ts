import {
  assertBackendIdsExist,
  assertNamedValuesExist,
  assertNoSecrets,
  assertNoTemplateSyntax,
  assertWellFormed,
  checkRenderedPolicy,
  listBackendIds,
  listNamedValueReferences,
} from '../../lib/policy/checks';

const policy = (inbound: string): string => `<policies><inbound>${inbound}</inbound></policies>`;

describe('listNamedValueReferences', () => {
  it('lists each referenced named value once, sorted', () => {
    const xml = policy('<a tenant="{{tenant-id}}">{{zeta}} {{tenant-id}} {{ alpha }}</a>');
    expect(listNamedValueReferences(xml)).toEqual(['alpha', 'tenant-id', 'zeta']);
  });

  it('returns nothing for a policy without references', () => {
    expect(listNamedValueReferences(policy('<base/>'))).toEqual([]);
  });
});

describe('assertNamedValuesExist', () => {
  it('passes when every reference is known and names the missing ones otherwise', () => {
    const xml = policy('<a tenant="{{tenant-id}}" b="{{client-id}}"/>');
    expect(() => assertNamedValuesExist('t.xml', xml, new Set(['tenant-id', 'client-id']))).not.toThrow();
    expect(() => assertNamedValuesExist('t.xml', xml, new Set(['tenant-id']))).toThrow(
      'Policy template "t.xml": named values referenced but not provided: {{client-id}}',
    );
  });
});

describe('backend ids', () => {
  it('lists the backend ids of set-backend-service', () => {
    expect(listBackendIds('t.xml', policy('<set-backend-service backend-id="pool-b"/><set-backend-service backend-id="pool-a"/>'))).toEqual(
      ['pool-a', 'pool-b'],
    );
  });

  it('fails on a backend id that does not exist', () => {
    expect(() => assertBackendIdsExist('t.xml', policy('<set-backend-service backend-id="pool"/>'), new Set(['other']))).toThrow(
      'Policy template "t.xml": backend ids referenced but not provided: pool',
    );
  });

  it('refuses a computed backend id and a base-url, which cannot be checked', () => {
    expect(() => listBackendIds('t.xml', policy('<set-backend-service backend-id="@(&quot;pool&quot;)"/>'))).toThrow(/must be a literal/);
    expect(() => listBackendIds('t.xml', policy('<set-backend-service base-url="https://example.com"/>'))).toThrow(
      /must route by backend-id/,
    );
  });
});

describe('assertNoSecrets', () => {
  it('accepts a keyless policy', () => {
    const xml = policy(
      '<set-header name="api-key" exists-action="delete"/>' +
        '<set-header name="Authorization" exists-action="override"><value>@("Bearer " + (string)context.Variables["token"])</value></set-header>' +
        '<validate-azure-ad-token tenant-id="72f988bf-86f1-41af-91ab-2d7cd011db47"/>',
    );
    expect(() => assertNoSecrets('t.xml', xml)).not.toThrow();
  });

  it.each([
    [
      'a literal api-key header',
      '<set-header name="api-key" exists-action="override"><value>not-a-real-key</value></set-header>',
      /sets a credential/,
    ],
    [
      'an api-key from a named value',
      '<set-header name="API-KEY" exists-action="override"><value>{{aoai-key}}</value></set-header>',
      /sets a credential/,
    ],
    [
      'a literal Authorization header',
      '<set-header name="Authorization" exists-action="append"><value>Basic abc</value></set-header>',
      /sets a credential/,
    ],
    [
      'a subscription key query parameter',
      '<set-query-parameter name="subscription-key" exists-action="override"><value>x</value></set-query-parameter>',
      /sets a credential/,
    ],
    ['a 32-character hex key', '<set-variable name="k" value="0123456789abcdef0123456789abcdef"/>', /32-character hex string/],
    ['a long base64 key', '<a>QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5eg==</a>', /long base64 string/],
    ['a JSON web token', '<a>Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig</a>', /JSON web token/],
    ['a connection string key', '<a>Endpoint=sb://x/;SharedAccessKey=abc</a>', /connection-string credential/],
    ['a SAS signature', '<a>https://x.blob.core.windows.net/c?sv=1&amp;sig=abc</a>', /SAS signature/],
  ])('rejects %s', (_name, inbound, problem) => {
    expect(() => assertNoSecrets('t.xml', policy(inbound))).toThrow(problem);
  });

  it('does not echo the whole secret in the message', () => {
    expect(() => assertNoSecrets('t.xml', policy('<a>0123456789abcdef0123456789abcdef</a>'))).toThrow('("0123…")');
  });

  it('does not mistake a GUID for a key', () => {
    expect(() => assertNoSecrets('t.xml', policy('<a>72f988bf-86f1-41af-91ab-2d7cd011db47</a>'))).not.toThrow();
  });
});

describe('document checks', () => {
  it('rejects left-over template syntax', () => {
    expect(() => assertNoTemplateSyntax('t.xml', policy('<a id="${id}"/>'))).toThrow('still contains the template placeholder "${id}"');
    expect(() => assertNoTemplateSyntax('t.xml', policy('<a tpl:if="x"/>'))).toThrow('still contains the template directive "tpl:if"');
  });

  it('rejects a document that is not well-formed', () => {
    expect(() => assertWellFormed('t.xml', '<policies><inbound></policies>')).toThrow(
      /^Policy template "t\.xml": rendered policy is not well-formed XML/,
    );
  });

  it('runs every check', () => {
    const context = { namedValues: new Set<string>(), backendIds: new Set(['pool']) };
    expect(() => checkRenderedPolicy('t.xml', policy('<set-backend-service backend-id="pool"/>'), context)).not.toThrow();
    expect(() => checkRenderedPolicy('t.xml', policy('<a b="{{x}}"/>'), context)).toThrow(/named values referenced but not provided/);
  });
});
