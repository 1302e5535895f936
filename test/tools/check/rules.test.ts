import { ALL_RULES, findRule } from '../../../tools/check/rules';
import { apimCases } from './cases/apim';
import { dataCases } from './cases/data';
import { edgeCases } from './cases/edge';
import { monitoringCases } from './cases/monitoring';
import { networkCases } from './cases/network';
import { openAiCases } from './cases/openai';
import { terraformCases } from './cases/terraform';
import { evaluate, type RuleCase } from './fixtures';

const cases: RuleCase[] = [
  ...networkCases,
  ...dataCases,
  ...openAiCases,
  ...apimCases,
  ...edgeCases,
  ...monitoringCases,
  ...terraformCases,
];

describe('rule pack cases', () => {
  test.each(cases.map((c) => [`${c.rule} ${c.expect}: ${c.name}`, c] as const))('%s', (_title, c) => {
    const rule = findRule(c.rule);
    if (!rule) {
      throw new Error(`no rule ${c.rule}`);
    }
    const result = evaluate(rule, c.resources, c.target, c.production ?? false, c.outputs);
    expect(result.status).toBe(c.expect);
    if (c.message) {
      expect(result.status === 'non-compliant' ? result.message : '').toMatch(c.message);
    }
  });
});

describe('rule pack coverage', () => {
  test.each(ALL_RULES.map((rule) => [rule.id] as const))('%s has a compliant and a non-compliant case', (id) => {
    const statuses = new Set(cases.filter((c) => c.rule === id).map((c) => c.expect));
    expect(statuses).toContain('compliant');
    expect(statuses).toContain('non-compliant');
  });

  test('every non-compliant case states the message it expects', () => {
    const vague = cases.filter((c) => c.expect === 'non-compliant' && c.message === undefined).map((c) => `${c.rule}: ${c.name}`);
    expect(vague).toEqual([]);
  });

  test('cases name only rules of the pack', () => {
    const unknown = cases.filter((c) => findRule(c.rule) === undefined).map((c) => c.rule);
    expect(unknown).toEqual([]);
  });
});
