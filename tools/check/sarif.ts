import { createHash } from 'node:crypto';

import type { CheckReport, Finding } from './engine';
import type { Rule, Severity } from './model';
import type { ResourceSource, SourceLine } from './source';

/** The subset of SARIF 2.1.0 this tool writes. */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}

export interface SarifRun {
  readonly tool: { readonly driver: SarifDriver };
  readonly invocations: readonly SarifInvocation[];
  readonly results: readonly SarifResult[];
  readonly properties?: Readonly<Record<string, unknown>>;
}

export interface SarifDriver {
  readonly name: string;
  readonly informationUri?: string;
  readonly semanticVersion: string;
  readonly rules: readonly SarifRule[];
}

export interface SarifMessage {
  readonly text: string;
  readonly markdown?: string;
}

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription: SarifMessage;
  readonly help: SarifMessage;
  readonly helpUri?: string;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: Readonly<Record<string, unknown>>;
}

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export interface SarifInvocation {
  readonly executionSuccessful: boolean;
  readonly toolConfigurationNotifications: ReadonlyArray<{
    readonly level: SarifLevel;
    readonly message: SarifMessage;
    readonly descriptor?: { readonly id: string };
  }>;
}

export interface SarifPhysicalLocation {
  readonly artifactLocation: { readonly uri: string };
  readonly region: { readonly startLine: number };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly kind: 'fail';
  readonly message: SarifMessage;
  readonly locations: ReadonlyArray<{
    readonly physicalLocation: SarifPhysicalLocation;
    readonly logicalLocations: ReadonlyArray<{ readonly name: string; readonly fullyQualifiedName: string; readonly kind: string }>;
  }>;
  /** The synthesized file, the composing stack line and the environment file, when the primary location is a construct. */
  readonly relatedLocations?: ReadonlyArray<{
    readonly id: number;
    readonly physicalLocation: SarifPhysicalLocation;
    readonly message: SarifMessage;
  }>;
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly suppressions?: ReadonlyArray<{ readonly kind: 'external'; readonly status: 'accepted'; readonly justification: string }>;
  readonly properties: Readonly<Record<string, unknown>>;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export const SARIF_LEVELS: Readonly<Record<Severity, SarifLevel>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/** GitHub code scanning maps this score to its own critical/high/medium/low bands (>=9, >=7, >=4, >0). */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

function pascalName(title: string): string {
  return title
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function referenceLines(rule: Rule): string[] {
  const r = rule.references;
  return [
    `Microsoft cloud security benchmark: ${r.mcsb.join(', ')}`,
    ...(r.cis?.length ? [`CIS Microsoft Azure Foundations Benchmark 5.0.0: ${r.cis.join(', ')}`] : []),
    ...(r.checkov?.length ? [`Checkov: ${r.checkov.join(', ')}`] : []),
    ...(r.trivy?.length ? [`Trivy: ${r.trivy.join(', ')}`] : []),
    ...(r.other?.length ? [`See also: ${r.other.join(', ')}`] : []),
  ];
}

export function sarifRule(rule: Rule): SarifRule {
  const references = referenceLines(rule);
  const helpUri = rule.references.other?.find((o) => o.startsWith('https://'));
  return {
    id: rule.id,
    name: pascalName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.remediation}\n\n${references.join('\n')}`,
      markdown: `**Remediation:** ${rule.remediation}\n\n${references.map((l) => `- ${l}`).join('\n')}`,
    },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: SARIF_LEVELS[rule.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: 'high',
      tags: ['security', 'azure', 'terraform', ...rule.references.mcsb.map((c) => `MCSB-${c}`)],
    },
  };
}

/** Stable across runs and machines: rule, stack and address identify a finding. */
export function findingFingerprint(finding: Finding): string {
  return createHash('sha256').update(`${finding.ruleId}|${finding.stack}|${finding.address}`).digest('hex');
}

export interface SarifOptions {
  readonly version: string;
  /** Line of the resource in its stack file; 1 when unknown. */
  readonly lineOf?: (finding: Finding) => number;
  /**
   * Where the finding comes from in the repository. When the construct line is known it becomes the primary
   * location, so code scanning annotates a file that is under version control (cdktf.out is not).
   */
  readonly locate?: (finding: Finding) => ResourceSource;
  /** The environment's configuration file. */
  readonly configFile?: (environment: string) => string | undefined;
}

function physical(at: SourceLine): SarifPhysicalLocation {
  return { artifactLocation: { uri: at.file }, region: { startLine: Math.max(1, at.line) } };
}

function ruleIndexOf(rules: readonly Rule[], id: string): number {
  return rules.findIndex((r) => r.id === id);
}

export function toSarif(reports: readonly CheckReport[], rules: readonly Rule[], options: SarifOptions): SarifLog {
  const sortedRules = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(sortedRules.map((r, i) => [r.id, i]));
  const results: SarifResult[] = [];
  const notifications: SarifInvocation['toolConfigurationNotifications'][number][] = [];
  for (const report of reports) {
    for (const finding of report.findings) {
      const ruleIndex = index.get(finding.ruleId);
      if (ruleIndex === undefined) {
        throw new Error(`finding for unknown rule ${finding.ruleId}`);
      }
      const synthesized = physical({ file: finding.file, line: options.lineOf?.(finding) ?? 1 });
      const source = options.locate?.(finding);
      const configFile = options.configFile?.(report.environment);
      const related = source?.created
        ? [
            { physicalLocation: synthesized, message: { text: `synthesized ${finding.stack}/${finding.address}` } },
            ...(source.composed ? [{ physicalLocation: physical(source.composed), message: { text: 'composed by the stack here' } }] : []),
            ...(configFile
              ? [
                  {
                    physicalLocation: physical({ file: configFile, line: 1 }),
                    message: { text: `environment configuration${source.configKeys.length ? `: ${source.configKeys.join(', ')}` : ''}` },
                  },
                ]
              : []),
          ].map((r, id) => ({ id, ...r }))
        : [];
      const remediation = rules[ruleIndexOf(rules, finding.ruleId)]?.remediation;
      results.push({
        ruleId: finding.ruleId,
        ruleIndex,
        level: SARIF_LEVELS[finding.severity],
        kind: 'fail',
        message: {
          text: `${finding.title}: ${finding.message} (${report.environment}: ${finding.stack}/${finding.address})${remediation ? ` Fix: ${remediation}` : ''}`,
        },
        locations: [
          {
            physicalLocation: source?.created ? physical(source.created) : synthesized,
            logicalLocations: [{ name: finding.address, fullyQualifiedName: `${finding.stack}/${finding.address}`, kind: 'resource' }],
          },
        ],
        ...(related.length > 0 ? { relatedLocations: related } : {}),
        partialFingerprints: { 'aoaiGatewayFinding/v1': findingFingerprint(finding) },
        ...(finding.suppression
          ? { suppressions: [{ kind: 'external' as const, status: 'accepted' as const, justification: finding.suppression.reason }] }
          : {}),
        properties: {
          environment: report.environment,
          stack: finding.stack,
          severity: finding.severity,
          ...(finding.constructPath ? { constructPath: finding.constructPath } : {}),
        },
      });
    }
    for (const stale of report.staleSuppressions) {
      notifications.push({
        level: 'warning',
        message: {
          text: `${report.environment}: suppression of ${stale.suppression.rule}${stale.suppression.resource ? ` for ${stale.suppression.resource}` : ''} ${stale.problem}`,
        },
        descriptor: { id: stale.suppression.rule },
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'aoai-gateway-rule-pack', semanticVersion: options.version, rules: sortedRules.map(sarifRule) } },
        invocations: [{ executionSuccessful: true, toolConfigurationNotifications: notifications }],
        results,
        properties: { environments: reports.map((r) => ({ name: r.environment, production: r.production, stacks: r.stacks })) },
      },
    ],
  };
}

/** The 1-based line where `"<name>": {` opens under `"<type>": {` in a cdktf stack file. */
export function resourceLine(fileText: string, type: string, name: string): number {
  const lines = fileText.split('\n');
  const section = Math.max(
    0,
    lines.findIndex((l) => l.trim() === '"resource": {'),
  );
  const typeLine = lines.findIndex((l, i) => i >= section && l.trim() === `${JSON.stringify(type)}: {`);
  if (typeLine === -1) {
    return 1;
  }
  const nameLine = lines.findIndex((l, i) => i > typeLine && l.trim().startsWith(`${JSON.stringify(name)}:`));
  return nameLine === -1 ? typeLine + 1 : nameLine + 1;
}
