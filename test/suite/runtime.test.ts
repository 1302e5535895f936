import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where this function is called from, as the stack trace reports it: `file:line:column`. */
function callSite(): string {
  const frame = new Error('here').stack!.split('\n')[2]!;
  return /\(([^)]+)\)$/.exec(frame)?.[1] ?? frame;
}

type Read = (filename: string) => string;
/** The runtime's own helpers, loaded as a module of this file (so with state of their own). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readingPackagesOnce, wrapped } = require('../runtime.cjs') as {
  readingPackagesOnce: (read: Read) => Read;
  wrapped: (filename: string, prefix: string, source: string) => string;
};

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
    expect(here).toMatch(/runtime\.test\.ts:43:28$/);
    expect(there).toMatch(/runtime\.test\.ts:43:40$/);
  });

  it('keeps first-line columns of a module without a source map', () => {
    const stack = (requireModule('first-line.js', "module.exports = () => new Error('x').stack;\n") as () => string)();
    expect(stack.split('\n')[1]).toMatch(/first-line\.js:1:24\)?$/);
  });

  it('reads a package file once for all test files of a worker, the project’s files once per test file', () => {
    const reads: string[] = [];
    const disk: Read = (filename) => {
      reads.push(filename);
      return `source ${reads.length}`;
    };
    const [firstFile, secondFile] = [readingPackagesOnce(disk), readingPackagesOnce(disk)];
    const pkg = join(dir, 'node_modules', 'probe', 'index.js');
    const own = join(dir, 'lib', 'probe.ts');
    expect([firstFile(pkg), secondFile(pkg)]).toEqual(['source 1', 'source 1']);
    expect([firstFile(own), secondFile(own)]).toEqual(['source 2', 'source 3']);
    expect(reads).toEqual([pkg, own, own]);
  });

  it('wraps a module in its function anew when its source or the parameters change', () => {
    const file = join(dir, 'wrapped.js');
    expect(wrapped(file, '(function (module) {', 'first')).toBe('(function (module) {first\n})');
    expect(wrapped(file, '(function (module) {', 'first')).toBe('(function (module) {first\n})');
    expect(wrapped(file, '(function (module) {', 'second')).toBe('(function (module) {second\n})');
    expect(wrapped(file, '(function (module, jest) {', 'second')).toBe('(function (module, jest) {second\n})');
  });
});

describe('the test environment (test/environment.ts)', () => {
  /** `line:column` of this file's frame in a stack. */
  const reported = (stack: string) => /runtime\.test\.ts:(\d+:\d+)\)?$/m.exec(stack)?.[1];
  /** `line:column` where `text` (found once) starts in this file's TypeScript source. */
  function inSource(text: string): string {
    const lines = readFileSync(__filename, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes(text) && !l.includes('inSource'));
    return `${line + 1}:${lines[line]!.indexOf(text) + 1}`;
  }

  it('maps the stack of an error to the TypeScript source', () => {
    const error: Error = new Error('mapped');
    expect(reported(error.stack!)).toBe(inSource("new Error('mapped')"));
  });

  it('formats a stack captured into a plain object (as cdktf does for each token) in V8’s format, unmapped', () => {
    const holder = { stack: '' };
    const result: void = Error.captureStackTrace(holder);
    expect(result).toBeUndefined();
    expect(holder.stack).toMatch(/^Error\n {4}at /);
    // A position in the code swc compiled, which dropped the type annotation before the call.
    expect(reported(holder.stack)).toMatch(/^\d+:\d+$/);
    expect(reported(holder.stack)).not.toBe(inSource('captureStackTrace(holder)'));
  });
});
