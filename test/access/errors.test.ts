import type { XmlElement } from '../../lib/policy/template';
import { apiPolicy, attr, onlyElement } from '../gateway/helpers';
import { SHIPPED_ENVIRONMENTS, stackOf, synthShipped } from '../helpers/synth';

const synth = synthShipped();

interface ErrorBranch {
  readonly condition: string;
  readonly status?: string;
  readonly code?: string;
}

/** The branches of the on-error <choose>: the condition, the status it sets and the error code callers see. */
function onErrorBranches(xml: string): ErrorBranch[] {
  const choose = onlyElement(xml, 'on-error').children.find(
    (child): child is XmlElement => child.kind === 'element' && child.name === 'choose',
  )!;
  return choose.children
    .filter((child): child is XmlElement => child.kind === 'element' && child.name === 'when')
    .map((when) => {
      const elements = when.children.filter((child): child is XmlElement => child.kind === 'element');
      const status = elements.find((e) => e.name === 'set-status');
      const code = elements.find((e) => e.name === 'set-variable' && attr(e, 'name') === 'gatewayErrorCode');
      return { condition: attr(when, 'condition')!, status: status && attr(status, 'code'), code: code && attr(code, 'value') };
    });
}

describe('every refusal says which check refused it', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: a missing tier role and a used-up quota are distinct 403 codes', (env) => {
    const branches = onErrorBranches(apiPolicy(stackOf(synth, `${env}-gateway`))).filter((b) => b.status === '403');
    const bySource = (source: string) => branches.find((b) => b.condition.includes(`context.LastError.Source == "${source}"`));
    expect(bySource('validate-azure-ad-token')?.code).toBe('TierRoleRequired');
    expect(bySource('azure-openai-token-limit')?.code).toBe('TokenQuotaExceeded');
    // Source-specific branches come before the catch-all 403, which would otherwise hide them.
    expect(branches.at(-1)).toMatchObject({ code: 'Forbidden' });
    expect(new Set(branches.map((b) => b.code)).size).toBe(branches.length);
  });
});
