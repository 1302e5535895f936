import {
  checkPolicyExpressions,
  decodeEntities,
  type ExpressionParser,
  extractExpressions,
  loadExpressionParser,
  type RenderedPolicy,
} from '../../lib/policy/expressions';
import { allResources, synthShipped } from '../helpers/synth';

let parser: ExpressionParser;

beforeAll(async () => {
  parser = await loadExpressionParser();
});

const policy = (inbound: string, outbound = ''): RenderedPolicy => ({
  name: 't',
  xml: `<policies><inbound>${inbound}</inbound><backend /><outbound>${outbound}</outbound><on-error /></policies>`,
});

/** The violations of one policy. */
function check(...policies: RenderedPolicy[]): readonly string[] {
  return checkPolicyExpressions(parser, policies).violations;
}

describe('extractExpressions', () => {
  it('takes expressions from attributes and text, decoding entities, and leaves literals alone', () => {
    const xml =
      '<policies><inbound>' +
      '<set-variable name="a" value="@(&quot;)&quot; + &apos;(&apos; &amp;&amp; x &#x3C; 1 &#62; 0)" />' +
      '<set-variable name="b" value="literal (not an expression)" />' +
      '<set-body>@{ return "}"; }</set-body>' +
      '<set-body><![CDATA[@(a < b && "&amp;" != "")]]></set-body>' +
      '</inbound></policies>';
    expect(extractExpressions('p', xml)).toEqual([
      {
        policy: 'p',
        location: 'inbound/set-variable[1]/@value',
        kind: 'expression',
        source: `@(")" + '(' && x < 1 > 0)`,
        variable: 'a',
      },
      { policy: 'p', location: 'inbound/set-body[1]', kind: 'block', source: '@{ return "}"; }' },
      { policy: 'p', location: 'inbound/set-body[2]', kind: 'expression', source: '@(a < b && "&amp;" != "")' },
    ]);
  });

  it('decodes character references once', () => {
    expect(decodeEntities('&amp;#40; &#40; &#x29; &lt;')).toBe('&#40; ( ) <');
  });
});

describe('checkPolicyExpressions on well-formed expressions', () => {
  it('accepts the reference examples, blocks and strings holding delimiters', () => {
    const report = checkPolicyExpressions(parser, [
      policy(
        '<set-variable name="maxAge" value="@(Regex.Match(context.Response.Headers.GetValueOrDefault(&quot;Cache-Control&quot;,&quot;&quot;), @&quot;max-age=(?&lt;maxAge&gt;\\d+)&quot;).Groups[&quot;maxAge&quot;]?.Value)" />' +
          '<set-header name="x" exists-action="override"><value>@(context.Variables.ContainsKey("maxAge") ? int.Parse((string)context.Variables["maxAge"]) : 3600)</value></set-header>' +
          '<set-header name="y" exists-action="override"><value>@{ string[] value; if (context.Request.Headers.TryGetValue("Authorization", out value)) { if (value != null &amp;&amp; value.Length &gt; 0) { return Encoding.UTF8.GetString(Convert.FromBase64String(value[0])); } } return null; }</value></set-header>' +
          '<set-body>@("){" + context.Request.Url.Query.GetValueOrDefault("a", "(") + new JObject(new JProperty("b", DateTime.UtcNow.ToString("o"))).ToString(Newtonsoft.Json.Formatting.None))</set-body>',
      ),
    ]);
    expect(report).toEqual({ expressions: 4, violations: [] });
  });

  it('resolves lambdas, locals and out variables without reporting them as unknown names', () => {
    expect(
      check(
        policy(
          '<set-body>@{ var parts = context.Request.Headers.GetValueOrDefault("a", "").Split(\',\').Select(p => p.Trim()).Where((string s, int i) => s.Length > i); foreach (var part in parts) { if (part.Length &gt; 0) { return part; } } return context.Request.IpAddress; }</set-body>',
        ),
      ),
    ).toEqual([]);
  });
});

describe('checkPolicyExpressions catches', () => {
  it('an unbalanced parenthesis, with the policy, location and position', () => {
    const violations = check(
      policy(
        '<choose><when condition="@(context.Response.StatusCode == 429 || (context.Response.StatusCode &gt;= 500)"><base /></when></choose>',
      ),
    );
    expect(violations).toEqual([
      'Policy "t" inbound/choose/when/@condition (line 1, column 41): syntax error: "(" is never closed: @(context.Response.StatusCode == 429 || (context.Response.StatusCode >= 500)',
    ]);
  });

  it('an expression that closes before its end', () => {
    expect(check(policy('<set-body>@(context.RequestId) + ("x")</set-body>'))).toEqual([
      'Policy "t" inbound/set-body: the expression closes before its end ("@(" ... ")" must enclose one C# expression): @(context.RequestId) + ("x")',
    ]);
  });

  it('a missing semicolon and a block that does not return on every path', () => {
    expect(check(policy('<set-body>@{ var a = 1 return a.ToString(); }</set-body>'))[0]).toMatch(/\(line 1, column \d+\): syntax error/);
    expect(check(policy('<set-body>@{ if (context.Tracing) { return "a"; } }</set-body>'))).toEqual([
      'Policy "t" inbound/set-body: not every path of the block ends with "return": @{ if (context.Tracing) { return "a"; } }',
    ]);
  });

  it('an undocumented context member', () => {
    expect(check(policy('<set-header name="x" exists-action="override"><value>@(context.Request.Ip)</value></set-header>'))).toEqual([
      'Policy "t" inbound/set-header/value (line 1, column 19): "context.Request.Ip" is not a documented member of context.Request (documented: Body, Certificate, Headers, IpAddress, MatchedParameters, Method, OriginalUrl, Url, PrivateEndpointConnection): @(context.Request.Ip)',
    ]);
    expect(check(policy('<set-body>@(context.Response?.Status.ToString())</set-body>'))[0]).toContain(
      '"context.Response.Status" is not a documented member of context.Response',
    );
    expect(check(policy('<set-body>@(context.Request.Body.As&lt;System.IO.Stream&gt;())</set-body>'))).toHaveLength(2);
  });

  it('a type outside the allowed .NET types, named, constructed, cast or as a generic argument', () => {
    expect(check(policy('<set-body>@(System.IO.File.ReadAllText("/etc/passwd"))</set-body>'))).toEqual([
      'Policy "t" inbound/set-body (line 1, column 3): "System.IO.File" is not one of the .NET types policy expressions allow (used as "System.IO.File.ReadAllText"): @(System.IO.File.ReadAllText("/etc/passwd"))',
    ]);
    const violations = check(
      policy(
        '<set-body>@(new System.Net.WebClient().DownloadString("x"))</set-body>' +
          '<set-body>@(((System.Diagnostics.Process)null).Id.ToString())</set-body>' +
          '<set-body>@(context.Variables.GetValueOrDefault&lt;System.Reflection.Assembly&gt;("a").ToString())</set-body>' +
          '<set-body>@(XDocument.Load("x").ToString())</set-body>' +
          '<set-body>@(unknownName.ToString())</set-body>',
      ),
    );
    expect(violations.map((line) => line.replace(/^.*?: /, '').replace(/: @.*$/, ''))).toEqual([
      'type "System.Net.WebClient" is not one of the .NET types policy expressions allow',
      'type "System.Diagnostics.Process" is not one of the .NET types policy expressions allow',
      'type "System.Reflection.Assembly" is not one of the .NET types policy expressions allow',
      '"XDocument.Load" is not allowed: the reference allows only every member except Load',
      '"unknownName" is not one of the .NET types policy expressions allow (used as "unknownName.ToString")',
    ]);
  });

  it('syntax newer than C# 7', () => {
    expect(check(policy('<set-body>@(context.Response.StatusCode switch { 429 => "busy", _ => "ok" })</set-body>'))[0]).toContain(
      'a switch expression (C# 8) does not compile: policy expressions are C# 7',
    );
  });

  it('a variable read with another type than its set-variable wrote, across policies', () => {
    const api = policy('<set-variable name="status" value="@(context.Response.StatusCode)" /><set-variable name="label" value="gold" />');
    const tier = policy(
      '<set-body>@(context.Variables.GetValueOrDefault&lt;string&gt;("status") + (int)context.Variables["label"] + (context.Variables["status"] as string))</set-body>',
    );
    expect(check(api, { ...tier, name: 'tier' }).map((line) => line.replace(/^.*?: /, '').replace(/: @.*$/, ''))).toEqual([
      'reads variable "status" as string, but set-variable at t inbound/set-variable[1]/@value writes int',
      'reads variable "label" as int, but set-variable at t inbound/set-variable[2]/@value writes string',
      'reads variable "status" as string, but set-variable at t inbound/set-variable[1]/@value writes int',
    ]);
  });

  it('infers obvious expression types and leaves the rest unknown', () => {
    const writes =
      '<set-variable name="text" value="@(context.RequestId.ToString())" />' +
      '<set-variable name="flag" value="@(context.Response != null &amp;&amp; context.Response.StatusCode == 200)" />' +
      '<set-variable name="count" value="@((long)context.Response.StatusCode)" />' +
      '<set-variable name="parsed" value="@{ return int.Parse(&quot;1&quot;); }" />' +
      '<set-variable name="unknown" value="@(context.Request.Headers.GetValueOrDefault(&quot;a&quot;, &quot;&quot;).Split(&apos;,&apos;).Length)" />';
    const reads = (type: string, name: string) => `<set-body>@(context.Variables.GetValueOrDefault&lt;${type}&gt;("${name}"))</set-body>`;
    expect(
      check(
        policy(
          writes +
            reads('string', 'text') +
            reads('bool', 'flag') +
            reads('long', 'count') +
            reads('int', 'parsed') +
            reads('bool', 'unknown'),
        ),
      ),
    ).toEqual([]);
    expect(
      check(policy(writes + reads('int', 'text') + reads('string', 'flag') + reads('int', 'count') + reads('long', 'parsed'))),
    ).toHaveLength(4);
  });
});

describe('every shipped policy', () => {
  const synth = synthShipped();
  const byStack = new Map<string, RenderedPolicy[]>();
  for (const resource of allResources(synth)) {
    const xml = resource.attributes.xml_content;
    if (typeof xml === 'string') {
      byStack.set(resource.stack, [
        ...(byStack.get(resource.stack) ?? []),
        { name: `${resource.stack}/${resource.type}.${resource.name}`, xml },
      ]);
    }
  }
  const stacks = [...byStack.keys()].sort();
  // Counted without the parser so each test's name says how many expressions it checks.
  const cases = stacks.map((stack) => {
    const policies = byStack.get(stack) ?? [];
    const count = policies.reduce((sum, { name, xml }) => sum + extractExpressions(name, xml).length, 0);
    return { stack, policies, count };
  });

  it('is found in every environment', () => {
    expect(stacks).toEqual(['dev-gateway', 'prod-gateway', 'test-gateway']);
  });

  it.each(cases.map((c) => [c.stack, c.count, c.policies.length, c] as const))(
    '%s: %i expressions in %i policies parse as C# 7, name only documented context members and allowed types, and read variables as written',
    (_stack, count, _policies, { policies }) => {
      const report = checkPolicyExpressions(parser, policies);
      expect(report.violations).toEqual([]);
      expect(report.expressions).toBe(count);
      expect(count).toBeGreaterThan(20);
    },
  );

  it("compares the shipped policies' variable reads with their writes and resolves their names", () => {
    // One slip in the shipped templates' expressions, each of which the check must report.
    const policies = byStack.get('dev-gateway') ?? [];
    const changed = (from: string, to: string) => {
      const xml = policies.map((p) => p.xml).join('');
      expect(xml).toContain(from);
      return checkPolicyExpressions(
        parser,
        policies.map((p) => ({ ...p, xml: p.xml.split(from).join(to) })),
      ).violations.map((line) => line.replace(/^.*?: /, '').replace(/: @.*$/, ''));
    };
    // The tier policy reads the variable twice (deployment check, deployment list): each wrong read is one line.
    const wrongReads = changed(
      '(string)context.Variables[&quot;tierAllowedDeployments&quot;]',
      '(int)context.Variables[&quot;tierAllowedDeployments&quot;]',
    );
    expect(wrongReads).toEqual([
      expect.stringMatching(
        /^reads variable "tierAllowedDeployments" as int, but set-variable at dev-gateway\/\S+ inbound\/set-variable\/@value writes string$/,
      ),
      expect.stringMatching(
        /^reads variable "tierAllowedDeployments" as int, but set-variable at dev-gateway\/\S+ inbound\/set-variable\/@value writes string$/,
      ),
    ]);
    expect(changed('context.Request.IpAddress', 'context.Request.Ip')).toEqual([
      expect.stringContaining('"context.Request.Ip" is not a documented member'),
    ]);
    expect(
      changed('context.LastError.Reason, context.LastError.Message))', 'context.LastError.Reason, context.LastError.Message)'),
    ).toEqual([expect.stringMatching(/^syntax error/)]);
  });
});
