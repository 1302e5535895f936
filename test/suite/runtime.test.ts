import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where this function is called from, as the stack trace reports it: `file:line:column`. */
function callSite(): string {
  const frame = new Error('here').stack!.split('\n')[2]!;
  return /\(([^)]+)\)$/.exec(frame)?.[1] ?? frame;
}

describe('the test runtime (test/runtime.cjs)', () => {
  it('compiles the suite’s modules as scripts, not with vm.compileFunction', () => {
    // A script's function text is the wrapper and the module on one line; compileFunction's starts a new line.
    const dir = mkdtempSync(join(tmpdir(), 'aoai-runtime-'));
    try {
      const file = join(dir, 'wrapper.js');
      writeFileSync(file, 'module.exports = arguments.callee.toString();\n');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const source = require(file) as string;
      expect(source.split('\n')[0]).toBe(
        'function (module, exports, require, __dirname, __filename, jest) {module.exports = arguments.callee.toString();',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps lines and columns of stack traces those of the source', () => {
    const [here, there] = [callSite(), callSite()];
    expect(here).toMatch(/runtime\.test\.ts:29:28$/);
    expect(there).toMatch(/runtime\.test\.ts:29:40$/);
  });

  it('keeps first-line columns of a module without a source map', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aoai-runtime-'));
    try {
      const file = join(dir, 'first-line.js');
      writeFileSync(file, "module.exports = () => new Error('x').stack;\n");
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const stack = (require(file) as () => string)();
      expect(stack.split('\n')[1]).toMatch(/first-line\.js:1:24\)?$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
