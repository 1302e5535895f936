import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A report file that cannot be written: one line for the user, exit status 2 (never "findings found"). */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** Writes a report, creating the folders on the way; `shown` is the path as the user typed it. */
export function writeReportFile(file: string, text: string, shown: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'a part of the path is a file, not a folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (code ?? (error as Error).message);
    throw new OutputError(`cannot write ${shown}: ${why}`);
  }
}
