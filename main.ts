/**
 * Entry point: reads configuration and synthesizes every environment. `GATEWAY_CONFIG` names an environment file
 * or folder to synthesize instead of the shipped environments; the cdktf CLI passes `CDKTF_OUTDIR`.
 */
import { SynthError, synthesize } from './app/synth';
import { ConfigError } from './config/load';

function main(): number {
  try {
    const result = synthesize({
      config: process.env.GATEWAY_CONFIG || undefined,
      outdir: process.env.CDKTF_OUTDIR || 'cdktf.out',
      tokenStackTraces: process.env.AOAI_DEBUG === '1',
    });
    process.stdout.write(`synthesized ${result.stacks.length} stacks for ${result.environments.join(', ')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SynthError) {
      process.stderr.write(`${error.problems.join('\n')}\n`);
    } else {
      // Construct-time validation throws plain errors whose message already names the problem.
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 1;
  }
}

process.exitCode = main();
