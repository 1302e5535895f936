import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { guardStaging, removeStaleStaging } from '../../app/synth';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aoai-staging-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The id of a process that has already ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('synth staging folder', () => {
  test('a staging folder left by a killed run is removed; a running synth keeps its own, other outputs keep theirs', () => {
    const stale = join(dir, `.cdktf.out.staging-${deadPid()}`);
    const running = join(dir, `.cdktf.out.staging-${process.pid}`);
    const other = join(dir, `.other.out.staging-${deadPid()}`);
    for (const folder of [stale, running, other]) {
      mkdirSync(join(folder, 'stacks'), { recursive: true });
    }
    expect(removeStaleStaging(join(dir, 'cdktf.out'))).toEqual([stale.slice(dir.length + 1)]);
    expect([existsSync(stale), existsSync(running), existsSync(other)]).toEqual([false, true, true]);
  });

  test('SIGINT or SIGTERM during a synth removes the staging folder and exits with the signal status', () => {
    const staging = join(dir, `.cdktf.out.staging-${process.pid}`);
    mkdirSync(staging);
    const exits: number[] = [];
    const before = process.listenerCount('SIGTERM');
    const unguard = guardStaging(staging, (code) => exits.push(code));
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    process.emit('SIGTERM', 'SIGTERM');
    expect(existsSync(staging)).toBe(false);
    expect(exits).toEqual([143]);
    unguard();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
