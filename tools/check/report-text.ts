import { type CheckReport, failingFindings, type Finding } from './engine';
import { SEVERITIES, type Severity } from './model';
import { formatSourceLine, type ResourceSource } from './source';

/** What turns a finding into an instruction: the rule's fix and where in the repository to make it. */
export interface FindingGuide {
  readonly remediation: (ruleId: string) => string | undefined;
  readonly locate: (finding: Finding) => ResourceSource;
  /** The environment's configuration file, relative to the working directory. */
  readonly configFile: (environment: string) => string | undefined;
}

/** Where to change the configuration or code that produced a finding, as one line. */
export function sourceText(source: ResourceSource, configFile: string | undefined): string | undefined {
  const parts = [
    ...(source.created ? [`created at ${formatSourceLine(source.created)}`] : []),
    ...(source.composed ? [`composed at ${formatSourceLine(source.composed)}`] : []),
    ...(configFile ? [`configured in ${configFile}${source.configKeys.length ? ` (${source.configKeys.join(', ')})` : ''}`] : []),
  ];
  return parts.length === 0 ? undefined : parts.join('; ');
}

function countBySeverity(findings: readonly Finding[]): string {
  return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

function findingLines(finding: Finding, environment: string, guide: FindingGuide | undefined): string[] {
  const label = finding.suppression ? 'suppressed' : finding.severity.toUpperCase();
  const where = finding.constructPath ? ` (${finding.constructPath})` : '';
  const lines = [
    `  ${label.padEnd(10)} ${finding.ruleId.padEnd(14)} ${finding.address}${where}`,
    `             ${finding.title}: ${finding.message}`,
  ];
  if (finding.suppression) {
    lines.push(`             accepted: ${finding.suppression.reason}`);
    return lines;
  }
  const fix = guide?.remediation(finding.ruleId);
  if (fix) {
    lines.push(`             fix: ${fix}`);
  }
  const source = guide ? sourceText(guide.locate(finding), guide.configFile(environment)) : undefined;
  if (source) {
    lines.push(`             where: ${source}`);
  }
  return lines;
}

/** A readable report of one environment, findings grouped by stack. */
export function renderEnvironmentText(report: CheckReport, threshold: Severity | 'none', ruleCount: number, guide?: FindingGuide): string {
  const lines: string[] = [];
  const kind = report.production ? 'production' : 'non-production';
  lines.push(
    `Environment ${report.environment} (${kind}): ${report.stacks.length} stack(s), ${ruleCount} rules, ${report.evaluations} resource checks`,
  );
  if (report.stacks.length === 0) {
    lines.push('  no synthesized stacks for this environment');
  }
  for (const stack of report.stacks) {
    const findings = report.findings.filter((f) => f.stack === stack);
    const file = findings[0]?.file;
    lines.push('', `${stack}${file ? `  ${file}` : ''}`);
    if (findings.length === 0) {
      lines.push('  no findings');
    }
    for (const finding of findings) {
      lines.push(...findingLines(finding, report.environment, guide));
    }
  }
  if (report.staleSuppressions.length > 0) {
    lines.push('', 'Stale suppressions:');
    for (const stale of report.staleSuppressions) {
      const target = stale.suppression.resource === undefined ? 'every resource' : stale.suppression.resource;
      lines.push(`  ${stale.suppression.rule} (${target}): ${stale.problem}`);
    }
  }
  const active = report.findings.filter((f) => !f.suppression);
  const failing = threshold === 'none' ? [] : failingFindings(report, threshold);
  const suppressed = report.findings.length - active.length;
  lines.push(
    '',
    `Summary ${report.environment}: ${active.length} finding(s)${active.length ? ` (${countBySeverity(active)})` : ''}, ` +
      `${threshold === 'none' ? '' : `${failing.length} at or above ${threshold}, `}${suppressed} suppressed, ${report.staleSuppressions.length} stale suppression(s)`,
  );
  return lines.join('\n');
}

export function renderText(reports: readonly CheckReport[], threshold: Severity | 'none', ruleCount: number, guide?: FindingGuide): string {
  const sections = reports.map((r) => renderEnvironmentText(r, threshold, ruleCount, guide));
  const failing = threshold === 'none' ? 0 : reports.reduce((n, r) => n + failingFindings(r, threshold).length, 0);
  const verdict =
    threshold === 'none'
      ? 'RESULT: report only (--fail-on none)'
      : failing > 0
        ? `RESULT: FAILED, ${failing} finding(s) at or above ${threshold}`
        : `RESULT: PASSED, no finding at or above ${threshold}`;
  return `${[...sections, verdict].join('\n\n')}\n`;
}
