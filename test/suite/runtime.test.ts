import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where this function is called from, as the stack trace reports it: `file:line:column`. */
function callSite(): string {
  const frame = new Error('here').stack!.split('\n')[2]!;
  return /\(([^)]+)\)$/.exec(frame)?.[1] ?? frame;
}

describe('the test runtime (test/runtime.cjs)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aoai-runtime-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Loads a plain JavaScript module (no transform, no source map) through the runtime and returns its exports. */
  function requireModule(name: string, source: string): unknown {
    const file = join(dir, name);
    writeFileSync(file, source);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file);
  }

  it('compiles the suite’s modules as scripts, not with vm.compileFunction', () => {
    // A script's function text is the wrapper and the module on one line; compileFunction's starts a new line.
    const source = requireModule('wrapper.js', 'module.exports = arguments.callee.toString();\n') as string;
    expect(source.split('\n')[0]).toBe(
      'function (module, exports, require, __dirname, __filename, jest) {module.exports = arguments.callee.toString();',
    );
  });

  it('keeps lines and columns of stack traces those of the source', () => {
    const [here, there] = [callSite(), callSite()];
    expect(here).toMatch(/runtime\.test\.ts:35:28$/);
    expect(there).toMatch(/runtime\.test\.ts:35:40$/);
  });

  it('keeps first-line columns of a module without a source map', () => {
    const stack = (requireModule('first-line.js', "module.exports = () => new Error('x').stack;\n") as () => string)();
    expect(stack.split('\n')[1]).toMatch(/first-line\.js:1:24\)?$/);
  });
});
