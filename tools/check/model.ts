/**
 * Shapes shared by the rule engine, its rules and its reports. Rules see resources exactly as cdktf synthesized
 * them (snake_case Terraform JSON), never the construct objects, so the pack checks what Terraform will apply.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is worse; used for thresholds and for ordering findings. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** One resource or data source of one synthesized stack. */
export interface Resource {
  /** Stack name as listed in cdktf.out/manifest.json, e.g. `dev-data`. */
  readonly stack: string;
  /** Path of the stack's cdk.tf.json, relative to the working directory. */
  readonly file: string;
  readonly mode: 'managed' | 'data';
  /** Terraform resource type, e.g. `azurerm_key_vault`. */
  readonly type: string;
  /** Terraform local name (cdktf's unique id). */
  readonly name: string;
  /** Terraform address: `type.name`, or `data.type.name` for data sources. */
  readonly address: string;
  /** Construct path from cdktf's `//` metadata, when present. */
  readonly constructPath: string | undefined;
  /** Synthesized attributes without the `//` metadata. */
  readonly values: Readonly<Record<string, unknown>>;
}

export interface CheckContext {
  /** Environment name, e.g. `dev`. */
  readonly environment: string;
  /** Production environments get the stricter variant of some rules. */
  readonly production: boolean;
}

export type RuleResult =
  { readonly status: 'compliant' } | { readonly status: 'non-compliant'; readonly message: string } | { readonly status: 'not-applicable' };

export function compliant(): RuleResult {
  return { status: 'compliant' };
}

export function nonCompliant(message: string): RuleResult {
  return { status: 'non-compliant', message };
}

export function notApplicable(): RuleResult {
  return { status: 'not-applicable' };
}

/** Every problem of one resource in one finding: reviewers fix a resource, not a list of symptoms. */
export function fromProblems(problems: readonly string[]): RuleResult {
  return problems.length === 0 ? compliant() : nonCompliant(problems.join('; '));
}

export interface RuleReferences {
  /** Microsoft cloud security benchmark v1 controls, e.g. `NS-2`. */
  readonly mcsb: readonly string[];
  /** CIS Microsoft Azure Foundations Benchmark v5.0.0 recommendations, e.g. `8.3.5`. */
  readonly cis?: readonly string[];
  /** Equivalent Checkov checks, e.g. `CKV_AZURE_110`. */
  readonly checkov?: readonly string[];
  /** Equivalent Trivy (tfsec) checks, e.g. `azure-keyvault-no-purge`. */
  readonly trivy?: readonly string[];
  /** Other sources: Azure Policy definitions, Microsoft Learn pages. */
  readonly other?: readonly string[];
}

export interface RuleMetadata {
  /** `AOAI-<AREA>-<NNN>`; the id suppressions name. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  readonly remediation: string;
  readonly references: RuleReferences;
  /** Terraform types the rule evaluates; every other resource is skipped without calling the rule. */
  readonly resourceTypes: readonly string[];
}

export interface Rule extends RuleMetadata {
  readonly evaluate: (resource: Resource, context: RuleContext) => RuleResult;
}

/** What a rule may consult besides the resource itself: the environment and every resource of it. */
export interface RuleContext extends CheckContext {
  readonly graph: ResourceLookup;
}

/** Cross-resource questions rules ask; implemented by `ResourceGraph`. */
export interface ResourceLookup {
  readonly resources: readonly Resource[];
  ofType(type: string): readonly Resource[];
  /** Resources a value (string, or any nesting of objects and lists) refers to, cross-stack references resolved. */
  referencedBy(from: Resource, value: unknown): readonly Resource[];
  /** Whether `value`, read from `from`, refers to `target`. */
  refersTo(from: Resource, value: unknown, target: Resource): boolean;
}

export const RULE_ID_PATTERN = /^AOAI-[A-Z]+-\d{3}$/;

/** Rules are data plus one pure function; this only checks the metadata is complete. */
export function defineRule(rule: Rule): Rule {
  const problems: string[] = [];
  if (!RULE_ID_PATTERN.test(rule.id)) {
    problems.push(`id must look like AOAI-AREA-001, got ${JSON.stringify(rule.id)}`);
  }
  for (const field of ['title', 'rationale', 'remediation'] as const) {
    if (rule[field].trim() === '') {
      problems.push(`${field} must not be empty`);
    }
  }
  if (rule.references.mcsb.length === 0) {
    problems.push('references.mcsb must name at least one control');
  }
  if (rule.resourceTypes.length === 0) {
    problems.push('resourceTypes must name at least one Terraform type');
  }
  if (problems.length > 0) {
    throw new Error(`rule ${rule.id}: ${problems.join('; ')}`);
  }
  return rule;
}
