/**
 * Runs `work` with stack traces formatted as empty strings. cdktf records a full stack trace for every token it
 * creates (thousands per synth) and formats each at once; the traces are only read when a token fails to resolve,
 * and formatting them costs about a tenth of a synth (more under Jest, whose formatter maps sources). Errors keep
 * their messages; a run with AOAI_DEBUG=1 keeps the traces too.
 */
export function withoutTokenStackTraces<T>(work: () => T): T {
  const prepareStackTrace = Error.prepareStackTrace;
  Error.prepareStackTrace = () => '';
  try {
    return work();
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
  }
}
