// Preloaded by the benchmark: records the process's peak resident set size when it exits.
const { writeFileSync } = require('node:fs');

const target = process.env.AOAI_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
  });
}
