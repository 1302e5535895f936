/** Jest runs TypeScript through swc without type-checking; `tsc --noEmit` type-checks once in `npm test`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  maxWorkers: 2,
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
