import { activeFindings, failingFindings, globToRegExp, runChecks, SuppressionError } from '../../../tools/check/engine';
import { defineRule, fromProblems, notApplicable, type Rule } from '../../../tools/check/model';
import { findRule } from '../../../tools/check/rules';
import { r, stacksOf } from './fixtures';

const vaultRule = findRule('AOAI-KV-002')!;

const weakVault = { purge_protection_enabled: false };
const stacks = stacksOf([
  r('azurerm_key_vault', 'kv', weakVault, 'dev-data'),
  r('azurerm_key_vault', 'kv2', weakVault, 'dev-data'),
  r('azurerm_key_vault', 'kv', weakVault, 'dev-backup'),
]);

function fakeRule(id: string, severity: Rule['severity'], evaluate: Rule['evaluate'], types = ['azurerm_key_vault']): Rule {
  return defineRule({
    id,
    title: `rule ${id}`,
    severity,
    rationale: 'because',
    remediation: 'fix it',
    references: { mcsb: ['NS-2'] },
    resourceTypes: types,
    evaluate,
  });
}

describe('runChecks', () => {
  test('reports a finding per non-compliant resource, with stack, file and construct path', () => {
    const report = runChecks({ stacks, rules: [vaultRule], context: { environment: 'dev', production: false } });
    expect(report.findings.map((f) => `${f.stack}/${f.address}`)).toEqual([
      'dev-backup/azurerm_key_vault.kv',
      'dev-data/azurerm_key_vault.kv',
      'dev-data/azurerm_key_vault.kv2',
    ]);
    expect(report.findings[1]).toMatchObject({
      ruleId: 'AOAI-KV-002',
      severity: 'high',
      file: 'cdktf.out/stacks/dev-data/cdk.tf.json',
      constructPath: 'dev-data/kv',
      message: 'purge_protection_enabled must be true, found false',
    });
    expect(report.evaluations).toBe(3);
  });

  test('orders findings by stack, then worst severity, rule and address, whatever the input order', () => {
    const low = fakeRule('AOAI-TST-001', 'low', () => fromProblems(['low']));
    const critical = fakeRule('AOAI-TST-002', 'critical', () => fromProblems(['critical']));
    const first = runChecks({ stacks, rules: [low, critical], context: { environment: 'dev', production: false } });
    const second = runChecks({ stacks: [...stacks].reverse(), rules: [critical, low], context: { environment: 'dev', production: false } });
    expect(second.findings).toEqual(first.findings);
    expect(first.findings.filter((f) => f.stack === 'dev-data').map((f) => `${f.ruleId} ${f.address}`)).toEqual([
      'AOAI-TST-002 azurerm_key_vault.kv',
      'AOAI-TST-002 azurerm_key_vault.kv2',
      'AOAI-TST-001 azurerm_key_vault.kv',
      'AOAI-TST-001 azurerm_key_vault.kv2',
    ]);
  });

  test('passes the production flag to rules and skips not-applicable results', () => {
    const seen: boolean[] = [];
    const rule = fakeRule('AOAI-TST-003', 'medium', (_resource, context) => {
      seen.push(context.production);
      return notApplicable();
    });
    const report = runChecks({ stacks, rules: [rule], context: { environment: 'prod', production: true } });
    expect(seen).toEqual([true, true, true]);
    expect(report.findings).toEqual([]);
    expect(report.evaluations).toBe(0);
  });

  test('never hands data sources to rules', () => {
    const calls: string[] = [];
    const rule = fakeRule('AOAI-TST-004', 'low', (resource) => {
      calls.push(resource.address);
      return fromProblems([]);
    });
    const withData = stacksOf([
      r('azurerm_key_vault', 'kv', {}),
      { type: 'azurerm_key_vault', name: 'existing', values: {}, mode: 'data' },
    ]);
    runChecks({ stacks: withData, rules: [rule], context: { environment: 'dev', production: false } });
    expect(calls).toEqual(['azurerm_key_vault.kv']);
  });

  test('names the rule and resource when a rule throws', () => {
    const broken = fakeRule('AOAI-TST-005', 'low', () => {
      throw new Error('boom');
    });
    expect(() => runChecks({ stacks, rules: [broken], context: { environment: 'dev', production: false } })).toThrow(
      /rule AOAI-TST-005 failed on dev-backup\/azurerm_key_vault\.kv: boom/,
    );
  });
});

describe('suppressions', () => {
  const context = { environment: 'dev', production: false };

  test('a glob over addresses accepts matching findings, which then never fail the run', () => {
    const report = runChecks({
      stacks,
      rules: [vaultRule],
      context,
      suppressions: [{ rule: 'AOAI-KV-002', resource: 'azurerm_key_vault.kv?', reason: 'second vault is a disposable test fixture' }],
    });
    const suppressed = report.findings.filter((f) => f.suppression);
    expect(suppressed.map((f) => `${f.stack}/${f.address}`)).toEqual(['dev-data/azurerm_key_vault.kv2']);
    expect(suppressed[0]!.suppression).toEqual({ reason: 'second vault is a disposable test fixture', resource: 'azurerm_key_vault.kv?' });
    expect(activeFindings(report)).toHaveLength(2);
    expect(failingFindings(report, 'high')).toHaveLength(2);
    expect(report.staleSuppressions).toEqual([]);
  });

  test('a construct-path glob matches too, and a suppression without resource covers every resource', () => {
    const byPath = runChecks({
      stacks,
      rules: [vaultRule],
      context,
      suppressions: [{ rule: 'AOAI-KV-002', resource: 'dev-backup/*', reason: 'backup stack is torn down nightly' }],
    });
    expect(activeFindings(byPath).map((f) => f.stack)).toEqual(['dev-data', 'dev-data']);
    const all = runChecks({
      stacks,
      rules: [vaultRule],
      context,
      suppressions: [{ rule: 'AOAI-KV-002', reason: 'sandbox subscription, vaults hold nothing' }],
    });
    expect(activeFindings(all)).toEqual([]);
    expect(failingFindings(all, 'low')).toEqual([]);
  });

  test('a suppression that matches nothing is reported as stale, and so is one naming no rule', () => {
    const report = runChecks({
      stacks,
      rules: [vaultRule],
      context,
      suppressions: [
        { rule: 'AOAI-KV-002', resource: 'azurerm_key_vault.gone', reason: 'vault removed last sprint' },
        { rule: 'AOAI-XX-999', reason: 'typo in the rule id' },
      ],
    });
    expect(report.staleSuppressions.map((s) => `${s.suppression.rule}: ${s.problem}`)).toEqual([
      'AOAI-KV-002: matches no finding for azurerm_key_vault.gone: remove it',
      'AOAI-XX-999: names no rule of the pack: check the id',
    ]);
    expect(activeFindings(report)).toHaveLength(3);
  });

  test('a suppression without a reason is refused', () => {
    expect(() => runChecks({ stacks, rules: [vaultRule], context, suppressions: [{ rule: 'AOAI-KV-002', reason: '   ' }] })).toThrow(
      SuppressionError,
    );
    expect(() => runChecks({ stacks, rules: [vaultRule], context, suppressions: [{ rule: 'AOAI-KV-002', reason: '' }] })).toThrow(
      /suppressions\[0\] \(AOAI-KV-002\): reason must explain why/,
    );
  });
});

describe('globToRegExp', () => {
  test.each([
    ['azurerm_key_vault.*', 'azurerm_key_vault.kv_1A2B', true],
    ['azurerm_key_vault.*', 'azurerm_key_vault_secret.s', false],
    ['azurerm_*.kv', 'azurerm_key_vault.kv', true],
    ['a.b', 'aXb', false],
    ['dev-edge/edge/waf/*', 'dev-edge/edge/waf/policy', true],
  ])('%s against %s is %s', (pattern, text, expected) => {
    expect(globToRegExp(pattern).test(text)).toBe(expected);
  });
});
