/**
 * Prints what the workflows iterate over as JSON: the promotion chain (config/promotion.yaml checked against
 * config/environments/) and the layers in LAYER_ORDER with the identity each is applied with. With
 * `--github-output <file>` it appends `stages=` and `layers=` lines for a workflow step's outputs.
 */
import { appendFileSync } from 'node:fs';

import { ConfigError } from '../config/load';
import { pipelineMatrix } from '../tools/pipeline/promotion';

function run(argv: readonly string[]): number {
  try {
    const matrix = pipelineMatrix();
    const at = argv.indexOf('--github-output');
    if (at !== -1) {
      const file = argv[at + 1];
      if (!file) {
        process.stderr.write('error: --github-output needs a file (use "$GITHUB_OUTPUT")\n');
        return 2;
      }
      appendFileSync(file, `stages=${JSON.stringify(matrix.stages)}\nlayers=${JSON.stringify(matrix.layers)}\n`);
    }
    process.stdout.write(`${JSON.stringify(matrix)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.problems.join('\n')}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = run(process.argv.slice(2));
