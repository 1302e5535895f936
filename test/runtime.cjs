/**
 * Jest's module runtime, compiling each module with `vm.Script` (as Jest 29 did) instead of `vm.compileFunction`.
 *
 * Every test file gets a fresh module registry, so a worker compiles cdktf, zod, the provider bindings and the
 * project's sources once per test file. Node 20's `vm.compileFunction` bypasses V8's per-process compilation cache;
 * `vm.Script` uses it, so the second and later test files of a worker reuse the bytecode of the first, lazily
 * compiled functions included. Measured on the suite run in one process: about a fifth less CPU time. Each file
 * still runs every module afresh in its own context: only compiled code, package sources and module texts are
 * shared, never module state.
 *
 * The wrapper adds no line, and its first-line columns are offset away, so positions in stack traces and source
 * maps stay those of the transformed module (test/suite/runtime.test.ts holds both).
 */
const { sep } = require('node:path');
const vm = require('node:vm');

const Runtime = require('jest-runtime').default;

class CachedCompileRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    // Jest 30 compiles in its module executor; fail loudly if an upgrade moves it rather than lose the cache unseen.
    const executor = this.executor;
    if (typeof executor?.compile !== 'function' || !Array.isArray(executor.injectedModuleParameters)) {
      throw new Error('test/runtime.cjs: this Jest has no ModuleExecutor.compile; remove the `runtime` option or adapt the file');
    }
    if (typeof this.fileCache?.readFile !== 'function') {
      throw new Error('test/runtime.cjs: this Jest has no Runtime.fileCache.readFile; remove the `runtime` option or adapt the file');
    }
    const compileFunction = executor.compile.bind(executor);
    executor.compile = (scriptSource, filename) => {
      const vmContext = executor.environment.getVmContext();
      if (vmContext == null) {
        return null;
      }
      const prefix = `(function (${executor.injectedModuleParameters.join(', ')}) {`;
      const scriptFilename = executor.resolution.isCoreModule(filename) ? `jest-nodejs-core-${filename}` : filename;
      let script;
      try {
        script = new vm.Script(wrapped(filename, prefix, scriptSource), {
          filename: scriptFilename,
          columnOffset: -prefix.length,
          importModuleDynamically: async (specifier, _script, importAttributes, ...rest) =>
            executor.dynamicImport(specifier, scriptFilename, vmContext, importAttributes, rest[0]),
        });
      } catch {
        // Jest's own path turns a syntax error into its readable message (and ESM source into its hint).
        return compileFunction(scriptSource, filename);
      }
      return script.runInContext(vmContext);
    };
    this.fileCache.readFile = readingPackagesOnce(this.fileCache.readFile.bind(this.fileCache));
  }
}

const wrappers = new Map();

/**
 * The module wrapped in its function, the same string for every test file of the worker while the module's source is
 * unchanged. V8 finds a script in its compilation cache by the text's hash, which a string computes once: a fresh copy
 * of a megabyte-sized provider binding is hashed again in every test file (about a tenth of the time of compiling it).
 */
function wrapped(filename, prefix, source) {
  let entry = wrappers.get(filename);
  if (entry === undefined || entry.prefix !== prefix || entry.source !== source) {
    entry = { prefix, source, text: `${prefix}${source}\n})` };
    wrappers.set(filename, entry);
  }
  return entry.text;
}

const NODE_MODULES = `${sep}node_modules${sep}`;
const packageSources = new Map();

/**
 * A test file's `readFile`, reading each file of an installed package once per worker instead of once per test file
 * (packages do not change during a run; the project's own files are still read by each test file). Reading, decoding
 * and handing V8 a fresh copy of cdktf, zod and the provider bindings for every test file cost about a tenth of the
 * suite's CPU time, measured in one process.
 */
function readingPackagesOnce(readFile) {
  return (filename) => {
    if (!filename.includes(NODE_MODULES)) {
      return readFile(filename);
    }
    let source = packageSources.get(filename);
    if (source === undefined) {
      source = readFile(filename);
      packageSources.set(filename, source);
    }
    return source;
  };
}

module.exports = CachedCompileRuntime;
module.exports.readingPackagesOnce = readingPackagesOnce;
module.exports.wrapped = wrapped;
