import { types } from 'node:util';

import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import NodeEnvironment from 'jest-environment-node';

import { loadKustoGlobals } from '../lib/kql/engine';

let kusto: unknown;

/**
 * Jest's Node environment, with one Kusto language service per worker process instead of one per test file.
 * Loading it and warming it up costs one to two seconds, and five test files check KQL. The service is loaded on
 * the first read of the global `Kusto`, in the worker's own realm, and kept for every later test file of that
 * worker; it holds no state between analyses (each check builds its own global state).
 */
export default class TestEnvironment extends NodeEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    Object.defineProperty(this.global, 'Kusto', {
      configurable: true,
      enumerable: false,
      get: () => (kusto ??= loadKustoGlobals()),
    });
    (this.global.Error as ErrorConstructor).prepareStackTrace = formatStackTrace;
  }
}

/**
 * cdktf records a full stack trace for every token it creates (thousands per synth) into a plain object, read only
 * when a token fails to resolve. Synths through app/synth format none of them (lib/stack-traces.ts), but tests that
 * build constructs directly would have Jest map every frame of each through source maps; V8's own format costs a
 * fraction. Errors keep Jest's mapped stacks.
 */
function formatStackTrace(error: unknown, frames: NodeJS.CallSite[]): unknown {
  const jest = Error.prepareStackTrace;
  if (types.isNativeError(error) && jest) {
    return jest(error, frames);
  }
  return `${types.isNativeError(error) ? String(error) : 'Error'}${frames.map((f) => `\n    at ${f.toString()}`).join('')}`;
}
