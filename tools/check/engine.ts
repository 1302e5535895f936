import { ResourceGraph } from './graph';
import { type CheckContext, type Rule, type RuleContext, type Severity, severityRank } from './model';
import { compareText, type StackDocument } from './synth-output';

/** An accepted finding, declared in the environment's configuration. */
export interface Suppression {
  /** Rule id, e.g. `AOAI-WAF-002`. */
  readonly rule: string;
  /** Terraform address, construct path, or a glob (`*`, `?`) over either; every resource when absent. */
  readonly resource?: string | undefined;
  /** Why the finding is accepted. Required: reviewers read it. */
  readonly reason: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly stack: string;
  /** The stack's cdk.tf.json, relative to the working directory. */
  readonly file: string;
  readonly address: string;
  readonly constructPath: string | undefined;
  readonly message: string;
  /** Present when a suppression accepts the finding; such findings never fail a run. */
  readonly suppression?: { readonly reason: string; readonly resource: string | undefined };
}

export interface StaleSuppression {
  readonly suppression: Suppression;
  readonly problem: string;
}

export interface CheckReport {
  readonly environment: string;
  readonly production: boolean;
  /** Stacks evaluated, sorted. */
  readonly stacks: readonly string[];
  /** Active and suppressed findings, ordered by stack, severity (worst first), rule and address. */
  readonly findings: readonly Finding[];
  readonly staleSuppressions: readonly StaleSuppression[];
  /** Number of (rule, resource) pairs a rule judged compliant or non-compliant. */
  readonly evaluations: number;
}

export class SuppressionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'SuppressionError';
  }
}

/** `*` matches any run of characters, `?` one character; everything else is literal. */
export function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

function suppressionMatches(suppression: Suppression, finding: Omit<Finding, 'suppression'>): boolean {
  if (suppression.rule !== finding.ruleId) {
    return false;
  }
  if (suppression.resource === undefined) {
    return true;
  }
  const pattern = globToRegExp(suppression.resource);
  return pattern.test(finding.address) || (finding.constructPath !== undefined && pattern.test(finding.constructPath));
}

function validateSuppressions(suppressions: readonly Suppression[]): void {
  const problems = suppressions.flatMap((s, index) => {
    const found: string[] = [];
    if (s.rule.trim() === '') {
      found.push(`suppressions[${index}]: rule must name a rule id`);
    }
    if (s.reason.trim() === '') {
      found.push(`suppressions[${index}] (${s.rule}): reason must explain why the finding is accepted`);
    }
    if (s.resource !== undefined && s.resource.trim() === '') {
      found.push(`suppressions[${index}] (${s.rule}): resource must be omitted or name an address or glob`);
    }
    return found;
  });
  if (problems.length > 0) {
    throw new SuppressionError(problems);
  }
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.stack, b.stack) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.address, b.address)
  );
}

export interface CheckInput {
  readonly stacks: readonly StackDocument[];
  readonly rules: readonly Rule[];
  readonly context: CheckContext;
  readonly suppressions?: readonly Suppression[];
}

/** Evaluates every rule against every resource of its types in one environment's stacks. */
export function runChecks(input: CheckInput): CheckReport {
  const suppressions = input.suppressions ?? [];
  validateSuppressions(suppressions);
  const graph = new ResourceGraph(input.stacks);
  const context: RuleContext = { environment: input.context.environment, production: input.context.production, graph };
  const used = new Set<number>();
  const findings: Finding[] = [];
  let evaluations = 0;
  for (const rule of input.rules) {
    const types = new Set(rule.resourceTypes);
    for (const resource of graph.resources) {
      if (resource.mode !== 'managed' || !types.has(resource.type)) {
        continue;
      }
      let result;
      try {
        result = rule.evaluate(resource, context);
      } catch (error) {
        throw new Error(`rule ${rule.id} failed on ${resource.stack}/${resource.address}: ${(error as Error).message}`);
      }
      if (result.status === 'not-applicable') {
        continue;
      }
      evaluations++;
      if (result.status === 'compliant') {
        continue;
      }
      const finding = {
        ruleId: rule.id,
        severity: rule.severity,
        title: rule.title,
        stack: resource.stack,
        file: resource.file,
        address: resource.address,
        constructPath: resource.constructPath,
        message: result.message,
      };
      const index = suppressions.findIndex((s) => suppressionMatches(s, finding));
      if (index === -1) {
        findings.push(finding);
      } else {
        used.add(index);
        const s = suppressions[index]!;
        findings.push({ ...finding, suppression: { reason: s.reason, resource: s.resource } });
      }
    }
  }
  const ruleIds = new Set(input.rules.map((r) => r.id));
  const staleSuppressions = suppressions
    .map((suppression, index) => ({ suppression, index }))
    .filter(({ index }) => !used.has(index))
    .map(({ suppression }) => ({
      suppression,
      problem: ruleIds.has(suppression.rule)
        ? `matches no finding${suppression.resource === undefined ? '' : ` for ${suppression.resource}`}: remove it`
        : `names no rule of the pack: check the id`,
    }));
  return {
    environment: input.context.environment,
    production: input.context.production,
    stacks: input.stacks.map((s) => s.name).sort(compareText),
    findings: findings.sort(compareFindings),
    staleSuppressions,
    evaluations,
  };
}

export function activeFindings(report: CheckReport): Finding[] {
  return report.findings.filter((f) => f.suppression === undefined);
}

/** Findings that make the run fail: active ones at or above the threshold. */
export function failingFindings(report: CheckReport, threshold: Severity): Finding[] {
  return activeFindings(report).filter((f) => severityRank(f.severity) >= severityRank(threshold));
}
