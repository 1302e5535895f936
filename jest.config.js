/** Jest runs TypeScript through swc without type-checking; `tsc --noEmit` type-checks once in `npm test`. */
module.exports = {
  // Node, with one Kusto language service per worker (test/environment.ts).
  testEnvironment: '<rootDir>/test/environment.ts',
  // Modules compiled through V8's compilation cache, shared by the test files of a worker (test/runtime.cjs).
  runtime: '<rootDir>/test/runtime.cjs',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  maxWorkers: 2,
  // Beside ESLint's cache, not in the system's temporary directory, which a test run leaves as it found it.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  // One temporary folder and one synth of the shipped environments for the whole run (test/global-setup.ts).
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Workers that grow past this are restarted between files instead of ending the run with a heap that takes
  // longer to release than Jest waits.
  workerIdleMemoryLimit: '800MB',
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
