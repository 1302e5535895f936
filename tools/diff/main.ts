import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { OutputError, writeReportFile } from '../check/output';
import { loadSynthOutput, SynthOutputError } from '../check/synth-output';
import { compareOutputs } from './compare';
import { type CommandRunner, DiffInputError, outputDirName, resolveBase, runCommand, synthesize, synthesizeCommit } from './git';
import { renderJson, renderMarkdown, renderText } from './render';

export const USAGE = `usage: npm run diff -- [options] <base>

Compares the synthesized stacks of <base> with those of the working tree, resource by resource.
<base> is a git revision (branch, tag, commit) or a cdktf output folder.

  --head <dir>                    compare against this cdktf output folder instead of synthesizing the working tree
  --save-base <dir>               keep the base's synthesized output in <dir> (when <base> is a git revision)
  --format text|markdown|json     report format (default: text)
  --output <file>                 write the report to a file instead of standard output
  --max-length <n>                longest markdown report (default 60000; GitHub comments hold 65536)
  --exit-code                     exit 1 when there are differences
  --help                          show this text
`;

export interface DiffIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly run?: CommandRunner;
}

interface Options {
  readonly base: string;
  readonly head: string | undefined;
  readonly saveBase: string | undefined;
  readonly format: 'text' | 'markdown' | 'json';
  readonly output: string | undefined;
  readonly maxLength: number;
  readonly exitCode: boolean;
}

function parseOptions(argv: readonly string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        head: { type: 'string' },
        'save-base': { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string' },
        'max-length': { type: 'string' },
        'exit-code': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new DiffInputError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    return 'help';
  }
  if (positionals.length !== 1) {
    throw new DiffInputError(
      positionals.length === 0
        ? 'missing <base>: a git revision or a cdktf output folder'
        : `expected one <base>, got ${positionals.join(' ')}`,
    );
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'markdown' && format !== 'json') {
    throw new DiffInputError(`--format must be text, markdown or json, got ${JSON.stringify(format)}`);
  }
  const maxLength = Number(values['max-length'] ?? 60000);
  if (!Number.isInteger(maxLength) || maxLength < 1000) {
    throw new DiffInputError(`--max-length must be a whole number >= 1000, got ${JSON.stringify(values['max-length'])}`);
  }
  return {
    base: positionals[0]!,
    head: values.head,
    saveBase: values['save-base'],
    format,
    output: values.output,
    maxLength,
    exitCode: values['exit-code'] ?? false,
  };
}

/** Runs the diff; returns the process exit status (0 done, 1 differences with --exit-code, 2 input error). */
export function main(argv: readonly string[], io: DiffIo): number {
  const run = io.run ?? runCommand;
  try {
    const options = parseOptions(argv);
    if (options === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    const base = resolveBase(options.base, io.cwd, run);
    const saveTo = options.saveBase === undefined ? undefined : resolve(io.cwd, options.saveBase);
    const baseOutput =
      base.kind === 'dir'
        ? loadSynthOutput(base.dir, io.cwd)
        : synthesizeCommit(io.cwd, base, run, saveTo, (line) => io.stderr(`${line}\n`));
    const headOutput =
      options.head !== undefined ? loadSynthOutput(resolve(io.cwd, options.head), io.cwd) : synthesize(io.cwd, run, 'the working tree');
    const headLabel = options.head ?? `working tree (${join('.', outputDirName(io.cwd))})`;
    const report = compareOutputs(baseOutput.stacks, headOutput.stacks, { base: options.base, head: headLabel });
    const text =
      options.format === 'json'
        ? renderJson(report)
        : options.format === 'markdown'
          ? renderMarkdown(report, { maxLength: options.maxLength })
          : renderText(report);
    if (options.output !== undefined) {
      writeReportFile(resolve(io.cwd, options.output), text, options.output);
      io.stdout(`wrote ${options.format} diff to ${options.output}: ${report.stacks.length} stack(s) differ\n`);
    } else {
      io.stdout(text);
    }
    return options.exitCode && report.stacks.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof DiffInputError || error instanceof SynthOutputError || error instanceof OutputError) {
      io.stderr(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
