import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { escapeXml, PolicyRenderError, renderTemplateFile, renderTemplateXml } from '../../lib/policy/template';
import { attr, elementsNamed, only, text } from './xml';

const NS = 'xmlns:tpl="urn:aoai-gateway:policy-template"';

function renderError(xml: string, scope: Parameters<typeof renderTemplateXml>[2]): PolicyRenderError {
  try {
    renderTemplateXml('sample.xml', xml, scope);
  } catch (error: unknown) {
    if (error instanceof PolicyRenderError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the template to fail');
}

describe('renderTemplateXml', () => {
  it('substitutes scalars and escapes them for XML', () => {
    const xml = renderTemplateXml('sample.xml', `<root ${NS}><a name="\${name}">\${body} and \${count}</a></root>`, {
      name: 'x"<y>',
      body: 'fish & chips',
      count: 3,
    });
    expect(xml).toContain('name="x&quot;&lt;y&gt;"');
    expect(xml).toContain('fish &amp; chips and 3');
    expect(attr(only(xml, 'a'), 'name')).toBe('x"<y>');
  });

  it('keeps API Management named value references and template text verbatim', () => {
    const xml = renderTemplateXml('sample.xml', `<root ${NS}><a id="{{tenant-id}}" c="@(a &amp;&amp; b)">"quoted"</a></root>`, {});
    expect(xml).toContain('id="{{tenant-id}}"');
    expect(xml).toContain('c="@(a &amp;&amp; b)"');
    expect(xml).toContain('>"quoted"<');
  });

  it('drops comments and the directive namespace declaration', () => {
    const xml = renderTemplateXml('sample.xml', `<!-- about --><root ${NS}><!-- inner --><a/></root>`, {});
    expect(xml).not.toContain('<!--');
    expect(xml).not.toContain('xmlns:tpl');
    expect(xml).toBe('<root>\n    <a/>\n</root>');
  });

  it('drops an optional attribute whose value is null and keeps it otherwise', () => {
    const template = `<root ${NS}><a id="\${?id}" keep="yes"/></root>`;
    expect(attr(only(renderTemplateXml('sample.xml', template, { id: null }), 'a'), 'id')).toBeUndefined();
    expect(attr(only(renderTemplateXml('sample.xml', template, { id: 'abc' }), 'a'), 'id')).toBe('abc');
  });

  it('keeps an element under tpl:if only when the value is true or a non-empty list', () => {
    const template = `<root ${NS}><a tpl:if="flag"/><b tpl:if="items"/></root>`;
    const on = renderTemplateXml('sample.xml', template, { flag: true, items: [{ v: 'x' }] });
    expect(elementsNamed(on, 'a')).toHaveLength(1);
    expect(elementsNamed(on, 'b')).toHaveLength(1);
    const off = renderTemplateXml('sample.xml', template, { flag: false, items: [] });
    expect(elementsNamed(off, 'a')).toHaveLength(0);
    expect(elementsNamed(off, 'b')).toHaveLength(0);
  });

  it('repeats an element per list item with the item fields in scope', () => {
    const xml = renderTemplateXml(
      'sample.xml',
      `<root ${NS}><h tpl:each="header in headers" name="\${header.name}">\${prefix}-\${header.value}</h></root>`,
      {
        prefix: 'p',
        headers: [
          { name: 'a', value: '1' },
          { name: 'b', value: '2' },
        ],
      },
    );
    const headers = elementsNamed(xml, 'h');
    expect(headers.map((header) => attr(header, 'name'))).toEqual(['a', 'b']);
    expect(headers.map(text)).toEqual(['p-1', 'p-2']);
  });

  it('fails naming the template and the placeholder when a value is missing', () => {
    const error = renderError(`<root ${NS}><a id="\${missing}" b="\${other}"/></root>`, { other: 'x' });
    expect(error.template).toBe('sample.xml');
    expect(error.message).toBe('Policy template "sample.xml": "${missing}" has no value (known values: other)');
  });

  it('fails when a value is not referenced by the template', () => {
    expect(renderError(`<root ${NS}><a id="\${used}"/></root>`, { used: 'x', spare: 'y' }).problem).toBe(
      'values not referenced by the template: spare',
    );
  });

  it('counts values referenced only inside a dropped element as used', () => {
    const xml = renderTemplateXml('sample.xml', `<root ${NS}><a tpl:if="flag" id="\${id}"/></root>`, { flag: false, id: 'x' });
    expect(elementsNamed(xml, 'a')).toHaveLength(0);
  });

  it('refuses a value that would start a policy expression', () => {
    expect(renderError(`<root ${NS}><a id="\${id}"/></root>`, { id: '@(context.Request.Body)' }).problem).toMatch(
      /would start a policy expression/,
    );
  });

  it('refuses a value holding a Terraform reference', () => {
    expect(renderError(`<root ${NS}><a id="\${id}"/></root>`, { id: '${TfToken[TOKEN.1]}' }).problem).toMatch(
      /holds a Terraform reference/,
    );
  });

  it('refuses a placeholder inside a policy expression', () => {
    expect(renderError(`<root ${NS}><a c="@(x == &quot;\${id}&quot;)"/></root>`, { id: 'x' }).problem).toMatch(
      /inside a policy expression/,
    );
  });

  it('refuses an optional placeholder that is not a whole attribute value', () => {
    expect(renderError(`<root ${NS}><a id="x-\${?id}"/></root>`, { id: 'x' }).problem).toMatch(/must be the whole value of an attribute/);
    expect(renderError(`<root ${NS}><a>\${?id}</a></root>`, { id: 'x' }).problem).toMatch(/must be the whole value of an attribute/);
  });

  it('refuses a required placeholder whose value is null', () => {
    expect(renderError(`<root ${NS}><a id="\${id}"/></root>`, { id: null }).problem).toBe('"${id}" is required but has no value');
  });

  it('refuses a list where a scalar is expected and a scalar where a list is expected', () => {
    expect(renderError(`<root ${NS}><a id="\${ids}"/></root>`, { ids: [] }).problem).toMatch(/is a list/);
    expect(renderError(`<root ${NS}><a tpl:each="i in ids" id="\${i.v}"/></root>`, { ids: 'x' }).problem).toMatch(
      /needs "ids" to be a list/,
    );
  });

  it('refuses unknown directives, malformed placeholders and malformed tpl:each', () => {
    expect(renderError(`<root ${NS}><a tpl:unless="x"/></root>`, {}).problem).toBe('unknown directive "tpl:unless" on <a>');
    expect(renderError(`<root ${NS}><a id="\${ bad }"/></root>`, {}).problem).toMatch(/malformed placeholder/);
    expect(renderError(`<root ${NS}><a tpl:each="ids"/></root>`, {}).problem).toMatch(/must read "item in list"/);
  });

  it('refuses a field that list items do not have', () => {
    expect(renderError(`<root ${NS}><a tpl:each="i in ids" id="\${i.name}"/></root>`, { ids: [{ value: 'x' }] }).problem).toBe(
      '"${i.name}": the items of "i" have no field "name"',
    );
  });

  it('reports malformed template XML with the template name', () => {
    expect(renderError('<root><a></root>', {}).message).toMatch(/^Policy template "sample\.xml": not well-formed XML/);
  });

  it('renders the same input to the same output', () => {
    const template = `<root ${NS}><h tpl:each="h in hs" name="\${h.n}"/></root>`;
    const scope = { hs: [{ n: 'b' }, { n: 'a' }] };
    expect(renderTemplateXml('sample.xml', template, scope)).toBe(renderTemplateXml('sample.xml', template, scope));
  });
});

describe('renderTemplateFile', () => {
  it('renders a template file and names the file in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-template-'));
    const path = join(dir, 'custom.xml');
    writeFileSync(path, `<root ${NS}><a id="\${id}"/></root>`);
    expect(attr(only(renderTemplateFile(path, { id: 'x' }), 'a'), 'id')).toBe('x');
    expect(() => renderTemplateFile(path, {})).toThrow('Policy template "custom.xml": "${id}" has no value (no values were given)');
    expect(() => renderTemplateFile(join(dir, 'absent.xml'), {})).toThrow(/^Policy template "absent\.xml": cannot read the template file/);
  });
});

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
