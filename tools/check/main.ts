import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { type CheckReport, failingFindings, runChecks, SuppressionError } from './engine';
import { configuredEnvironments, environmentOfStack, type EnvironmentSettings } from './environments';
import { isSeverity, type Rule, type Severity } from './model';
import { OutputError, writeReportFile } from './output';
import { type FindingGuide, renderText } from './report-text';
import { ALL_RULES } from './rules';
import { resourceLine, toSarif } from './sarif';
import { SourceIndex } from './source';
import { loadSynthOutput, SynthOutputError } from './synth-output';

export const USAGE = `usage: npm run check -- [options]

Runs the security rule pack over the synthesized stacks (cdktf.out).

  --env <name>          check one environment (default: every environment with synthesized stacks)
  --out <dir>           cdktf output folder (default: cdktf.out)
  --config <path>       environment file or folder (default: config/environments)
  --format text|sarif   report format (default: text)
  --fail-on <severity>  critical | high | medium | low | none (default: high)
  --output <file>       write the report to a file instead of standard output
  --list-rules          print the rule catalogue (id, severity, title, rationale, fix, references) and exit
  --help                show this text

Exit status: 0 no active finding at or above --fail-on, 1 such findings exist, 2 usage or input error.
`;

export interface CheckIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Environments and their suppressions; the project's configuration files by default. */
  readonly environments?: (configPath: string | undefined) => readonly EnvironmentSettings[];
  readonly rules?: readonly Rule[];
  readonly version?: string;
  /** Where constructs/ and stacks/ are read to point findings at their source; the working directory by default. */
  readonly sourceRoot?: string;
}

interface Options {
  readonly env: string | undefined;
  readonly out: string;
  readonly config: string | undefined;
  readonly format: 'text' | 'sarif';
  readonly failOn: Severity | 'none';
  readonly output: string | undefined;
}

class UsageError extends Error {}

function parseOptions(argv: readonly string[]): Options | 'help' | 'list' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: {
        env: { type: 'string' },
        out: { type: 'string' },
        config: { type: 'string' },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        output: { type: 'string' },
        'list-rules': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    return 'help';
  }
  if (v['list-rules']) {
    return 'list';
  }
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'sarif') {
    throw new UsageError(`--format must be text or sarif, got ${JSON.stringify(format)}`);
  }
  const failOn = v['fail-on'] ?? 'high';
  if (failOn !== 'none' && !isSeverity(failOn)) {
    throw new UsageError(`--fail-on must be critical, high, medium, low or none, got ${JSON.stringify(failOn)}`);
  }
  return { env: v.env, out: v.out ?? 'cdktf.out', config: v.config, format, failOn, output: v.output };
}

function readVersion(cwd: string): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(resolve(cwd, 'package.json'), 'utf8'));
    const version = typeof pkg === 'object' && pkg !== null ? (pkg as Record<string, unknown>)['version'] : undefined;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** One block per rule: what suppressions name and what reviewers look up. */
export function ruleCatalogue(rules: readonly Rule[]): string {
  return rules
    .map((rule) => {
      const r = rule.references;
      const refs = [
        `MCSB ${r.mcsb.join(', ')}`,
        ...(r.cis?.length ? [`CIS ${r.cis.join(', ')}`] : []),
        ...(r.checkov?.length ? [r.checkov.join(', ')] : []),
        ...(r.trivy?.length ? [`Trivy ${r.trivy.join(', ')}`] : []),
      ];
      return (
        `${rule.id}  ${rule.severity.padEnd(8)} ${rule.title}\n    types: ${rule.resourceTypes.join(', ')}\n` +
        `    why: ${rule.rationale}\n    fix: ${rule.remediation}\n    ${refs.join(' | ')}\n`
      );
    })
    .join('');
}

/** Runs the check; returns the process exit status. */
export function main(argv: readonly string[], io: CheckIo): number {
  let options: Options | 'help' | 'list';
  try {
    options = parseOptions(argv);
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const rules = io.rules ?? ALL_RULES;
  if (options === 'list') {
    io.stdout(ruleCatalogue(rules));
    return 0;
  }
  try {
    const output = loadSynthOutput(resolve(io.cwd, options.out), io.cwd);
    const loadEnvironments = io.environments ?? configuredEnvironments;
    const configured = loadEnvironments(options.config === undefined ? undefined : resolve(io.cwd, options.config));
    const known = new Map(configured.map((e) => [e.name, e]));
    const synthesized = new Set(output.stacks.map((s) => environmentOfStack(s.name)));
    for (const name of [...synthesized].sort()) {
      if (!known.has(name)) {
        io.stderr(`warning: stacks of environment "${name}" are not checked: no such environment is configured\n`);
      }
    }
    let selected: EnvironmentSettings[];
    if (options.env !== undefined) {
      const env = known.get(options.env);
      if (!env) {
        io.stderr(`error: unknown environment "${options.env}"; configured: ${[...known.keys()].sort().join(', ') || 'none'}\n`);
        return 2;
      }
      // A gate that checks nothing must not pass: the environment's stacks have to be in the output.
      if (!synthesized.has(env.name)) {
        io.stderr(`error: ${options.out} holds no stacks of environment "${env.name}": synthesize it first\n`);
        return 2;
      }
      selected = [env];
    } else {
      selected = configured.filter((e) => synthesized.has(e.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
    }
    if (selected.length === 0) {
      io.stderr(`error: no synthesized stacks in ${options.out} belong to a configured environment\n`);
      return 2;
    }
    const reports: CheckReport[] = selected.map((env) =>
      runChecks({
        stacks: output.stacks.filter((s) => environmentOfStack(s.name) === env.name),
        rules,
        context: { environment: env.name, production: env.production },
        suppressions: env.suppressions,
      }),
    );
    const sources = SourceIndex.fromProject(io.sourceRoot ?? io.cwd);
    const guide: FindingGuide = {
      remediation: (id) => rules.find((r) => r.id === id)?.remediation,
      locate: (finding) => sources.locate(finding.address.split('.')[0]!, finding.constructPath),
      configFile: (environment) => known.get(environment)?.file,
    };
    const text =
      options.format === 'sarif'
        ? `${JSON.stringify(
            toSarif(reports, rules, {
              version: io.version ?? readVersion(io.cwd),
              lineOf: (finding) => {
                const stack = output.stacks.find((s) => s.name === finding.stack);
                const [type, ...name] = finding.address.split('.');
                return stack && type ? resourceLine(stack.text, type, name.join('.')) : 1;
              },
              locate: guide.locate,
              configFile: guide.configFile,
            }),
            null,
            2,
          )}\n`
        : renderText(reports, options.failOn, rules.length, guide);
    const failing = options.failOn === 'none' ? 0 : reports.reduce((n, r) => n + failingFindings(r, options.failOn as Severity).length, 0);
    if (options.output !== undefined) {
      writeReportFile(resolve(io.cwd, options.output), text, options.output);
      const total = reports.reduce((n, r) => n + r.findings.filter((f) => !f.suppression).length, 0);
      io.stdout(`wrote ${options.format} report to ${options.output}: ${total} finding(s), ${failing} at or above ${options.failOn}\n`);
    } else {
      io.stdout(text);
    }
    return failing > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof SynthOutputError || error instanceof SuppressionError || error instanceof OutputError) {
      io.stderr(`error: ${error.message}\n`);
      return 2;
    }
    if (error instanceof Error && error.name === 'ConfigError') {
      io.stderr(`error: invalid environment configuration:\n${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
