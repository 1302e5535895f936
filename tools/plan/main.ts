import { readFileSync } from 'node:fs';

import { OutputError, writeReportFile } from '../check/output';
import { parsePlan, PlanInputError } from './model';
import { planDifferences } from './same';
import { planSummary } from './summary';

export const USAGE = `usage: npm run plan -- <command>

  summary <environment> <stack>=<plan.json>...   markdown table of the plans (terraform show -json output)
  same <approved.json> <fresh.json>              exit 0 when a fresh plan has the approved plan's effect, else 1
  --output <file>                                write the summary to a file (created with its folder)
`;

export interface PlanIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile?: (path: string) => string;
}

function load(io: PlanIo, path: string) {
  let text: string;
  try {
    text = (io.readFile ?? ((p) => readFileSync(p, 'utf8')))(path);
  } catch {
    throw new PlanInputError(`cannot read ${path}`);
  }
  return parsePlan(text, path);
}

/** Exit status: 0 done (or same), 1 plans differ, 2 usage or input error. */
export function main(argv: readonly string[], io: PlanIo): number {
  try {
    const args = [...argv];
    const outputAt = args.indexOf('--output');
    const output = outputAt === -1 ? undefined : args.splice(outputAt, 2)[1];
    const [command, ...rest] = args;
    if (command === 'summary' && rest.length >= 1) {
      const [environment, ...pairs] = rest;
      const layers = pairs.map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1) {
          throw new PlanInputError(`expected <stack>=<plan.json>, got "${pair}"`);
        }
        return { stack: pair.slice(0, at), plan: load(io, pair.slice(at + 1)) };
      });
      const text = planSummary(environment!, layers);
      if (output !== undefined) {
        writeReportFile(output, text, output);
      } else {
        io.stdout(text);
      }
      return 0;
    }
    if (command === 'same' && rest.length === 2) {
      const differences = planDifferences(load(io, rest[0]!), load(io, rest[1]!));
      if (differences.length === 0) {
        io.stdout('the fresh plan has the approved effect\n');
        return 0;
      }
      io.stdout(
        `the plan changed since it was approved (${differences.length} difference(s)):\n${differences.map((d) => `  ${d}\n`).join('')}`,
      );
      return 1;
    }
    io.stderr(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof PlanInputError || error instanceof OutputError) {
      io.stderr(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
