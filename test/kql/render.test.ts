import {
  isKqlTimespan,
  kqlLiteral,
  kqlNumber,
  KqlRenderError,
  kqlString,
  kqlTimespan,
  renderKql,
  templateParameters,
  timespanMilliseconds,
} from '../../lib/kql/render';

describe('kqlNumber', () => {
  test('renders integers as plain literals', () => {
    expect(kqlNumber(0)).toBe('0');
    expect(kqlNumber(42)).toBe('42');
    expect(kqlNumber(5_000_000)).toBe('5000000');
  });

  test('renders non-integers as real() literals', () => {
    expect(kqlNumber(1.5)).toBe('real(1.5)');
    expect(kqlNumber(1e-7)).toBe('real(1e-7)');
  });

  test('parenthesises negative numbers so they cannot merge with a preceding minus', () => {
    expect(kqlNumber(-5)).toBe('(-5)');
    expect(kqlNumber(-0.25)).toBe('(real(-0.25))');
  });

  test('renders negative zero as 0', () => {
    expect(kqlNumber(-0)).toBe('0');
  });

  test('fails for NaN, infinities and integers beyond 2^53', () => {
    expect(() => kqlNumber(Number.NaN)).toThrow(/finite/);
    expect(() => kqlNumber(Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(() => kqlNumber(2 ** 60)).toThrow(/precision/);
  });
});

describe('kqlString', () => {
  test('quotes plain text', () => {
    expect(kqlString('team-a')).toBe('"team-a"');
    expect(kqlString('')).toBe('""');
  });

  test('escapes backslashes, quotes and line breaks', () => {
    expect(kqlString('a"b')).toBe('"a\\"b"');
    expect(kqlString('c:\\path')).toBe('"c:\\\\path"');
    expect(kqlString('one\ntwo\r\tthree')).toBe('"one\\ntwo\\r\\tthree"');
  });

  test('keeps non-ASCII text as is', () => {
    expect(kqlString('équipe ✓')).toBe('"équipe ✓"');
  });

  test('fails for other control characters', () => {
    expect(() => kqlString('a\u0000b')).toThrow(/U\+0000/);
    expect(() => kqlString('bell\u0007')).toThrow(/U\+0007/);
  });
});

describe('kqlTimespan', () => {
  test('renders a single field in its unit', () => {
    expect(kqlTimespan({ minutes: 5 })).toBe('5m');
    expect(kqlTimespan({ hours: 2 })).toBe('2h');
    expect(kqlTimespan({ days: 1 })).toBe('1d');
    expect(kqlTimespan({ seconds: 30 })).toBe('30s');
    expect(kqlTimespan({ milliseconds: 250 })).toBe('250ms');
  });

  test('uses the largest unit that represents the total exactly', () => {
    expect(kqlTimespan({ minutes: 60 })).toBe('1h');
    expect(kqlTimespan({ hours: 1, minutes: 30 })).toBe('90m');
    expect(kqlTimespan({ hours: 48 })).toBe('2d');
    expect(kqlTimespan({ minutes: 1.5 })).toBe('90s');
    expect(kqlTimespan({ seconds: 1, milliseconds: 500 })).toBe('1500ms');
  });

  test('renders zero as 0d', () => {
    expect(kqlTimespan({ minutes: 0 })).toBe('0d');
  });

  test('fails for negative, non-finite, empty and sub-millisecond timespans', () => {
    expect(() => kqlTimespan({ minutes: -5 })).toThrow(/>= 0/);
    expect(() => kqlTimespan({ hours: Number.NaN })).toThrow(/finite/);
    expect(() => kqlTimespan({})).toThrow(/at least one/);
    expect(() => kqlTimespan({ milliseconds: 0.5 })).toThrow(/whole number of milliseconds/);
  });

  test('timespanMilliseconds adds the fields up', () => {
    expect(timespanMilliseconds({ days: 1, hours: 1, minutes: 1, seconds: 1, milliseconds: 1 })).toBe(90_061_001);
  });
});

describe('kqlLiteral', () => {
  test('renders booleans', () => {
    expect(kqlLiteral(true)).toBe('true');
    expect(kqlLiteral(false)).toBe('false');
  });

  test('renders lists as dynamic arrays of literals', () => {
    expect(kqlLiteral(['azure-openai', 'say "hi"'])).toBe('dynamic(["azure-openai", "say \\"hi\\""])');
    expect(kqlLiteral([1, 2.5])).toBe('dynamic([1, real(2.5)])');
    expect(kqlLiteral([])).toBe('dynamic([])');
  });

  test('tells timespans from lists', () => {
    expect(isKqlTimespan({ minutes: 1 })).toBe(true);
    expect(isKqlTimespan(['a'])).toBe(false);
    expect(isKqlTimespan('1m')).toBe(false);
  });
});

describe('templateParameters', () => {
  test('lists placeholders once, in order of first use', () => {
    expect(templateParameters('T | where a > {{b}} and c < {{a}} and d == {{b}}')).toEqual(['b', 'a']);
  });

  test('returns nothing for a template without placeholders', () => {
    expect(templateParameters('T | take 1')).toEqual([]);
  });

  test('fails on a malformed placeholder, naming the template and offset', () => {
    expect(() => templateParameters('T | where x > {{ threshold }}', 'x.kql')).toThrow(
      /KQL template "x.kql": malformed placeholder at offset 14/,
    );
    expect(() => templateParameters('T | where x > {{1st}}')).toThrow(/malformed placeholder/);
    expect(() => templateParameters('{{ok}} then {{', 'y.kql')).toThrow(/offset 12/);
  });

  test('accepts closing braces of dynamic literals', () => {
    expect(templateParameters('print d = dynamic({"a":{"b":1}}), x = {{x}}')).toEqual(['x']);
  });
});

describe('renderKql', () => {
  test('replaces each placeholder with the literal of its value', () => {
    const rendered = renderKql(
      'T | where TimeGenerated > ago({{window}}) | where Product == {{product}} and Rate > {{threshold}} | where Api in ({{apis}})',
      { window: { minutes: 15 }, product: 'team "a"', threshold: 2.5, apis: ['x', 'y'] },
    );
    expect(rendered).toBe(
      'T | where TimeGenerated > ago(15m) | where Product == "team \\"a\\"" and Rate > real(2.5) | where Api in (dynamic(["x", "y"]))',
    );
  });

  test('replaces a repeated placeholder everywhere', () => {
    expect(renderKql('{{w}} {{w}}', { w: { hours: 1 } })).toBe('1h 1h');
  });

  test('fails when a placeholder has no value', () => {
    expect(() => renderKql('T | where a > {{threshold}} and b > {{other}}', { threshold: 1 }, 'a.kql')).toThrow(
      'KQL template "a.kql": no value for placeholder(s) other',
    );
  });

  test('fails when a value matches no placeholder', () => {
    expect(() => renderKql('T | take {{n}}', { n: 1, typo: 2, another: 3 }, 'b.kql')).toThrow(
      'KQL template "b.kql": value(s) another, typo match no placeholder',
    );
  });

  test('fails with the placeholder name when a value cannot be rendered', () => {
    expect(() => renderKql('T | take {{n}}', { n: Number.NaN }, 'c.kql')).toThrow(
      /KQL template "c.kql": value of n: number must be finite/,
    );
  });

  test('raises KqlRenderError carrying the template and the problem', () => {
    let caught: unknown;
    try {
      renderKql('{{x}}', {}, 'd.kql');
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KqlRenderError);
    expect(caught).toMatchObject({ template: 'd.kql', problem: 'no value for placeholder(s) x' });
  });
});
