import { types } from 'node:util';

/**
 * Runs `work` without cdktf's token stack traces. cdktf records a full stack trace for every token it creates
 * (thousands per synth) into a plain object and formats each at once; the traces are only read when a token fails to
 * resolve. Here nothing is captured into a plain object (cdktf then records none) and any other stack formats as an
 * empty string: about a tenth of a synth, more under Jest, whose formatter maps sources. Errors keep their messages;
 * a run with AOAI_DEBUG=1 keeps the traces too.
 */
export function withoutTokenStackTraces<T>(work: () => T): T {
  const { prepareStackTrace, captureStackTrace } = Error;
  Error.prepareStackTrace = () => '';
  Error.captureStackTrace = (...args: Parameters<typeof captureStackTrace>) => {
    if (types.isNativeError(args[0])) {
      captureStackTrace(...args);
    }
  };
  try {
    return work();
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.captureStackTrace = captureStackTrace;
  }
}
