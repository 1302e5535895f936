import type { AttributeChange, DiffReport, EntryDiff, StackDiff } from './compare';

const MARK: Readonly<Record<EntryDiff['status'], string>> = { added: '+', removed: '-', changed: '~' };

function counts(stack: StackDiff): string {
  const n = (status: EntryDiff['status']) => stack.entries.filter((e) => e.status === status).length;
  return `${n('added')} added, ${n('removed')} removed, ${n('changed')} changed`;
}

function headline(report: DiffReport): string {
  const s = report.summary;
  const stacks = s.stacksAdded + s.stacksRemoved + s.stacksChanged;
  return (
    `${stacks} stack(s) differ (${s.stacksAdded} added, ${s.stacksRemoved} removed, ${s.stacksChanged} changed, ${s.stacksUnchanged} unchanged); ` +
    `entries: ${s.added} added, ${s.removed} removed, ${s.changed} changed`
  );
}

function hints(entry: EntryDiff): string[] {
  const lines: string[] = [];
  if (entry.renamedFrom) {
    lines.push(
      `address changed from ${entry.renamedFrom} with identical configuration: Terraform destroys and recreates it unless a moved block is added or the construct id is kept`,
    );
  }
  if (entry.renamedTo) {
    lines.push(`renamed to ${entry.renamedTo} (see above)`);
  }
  if (entry.replacedBy) {
    lines.push(`changing ${entry.replacedBy.join(', ')} replaces the resource`);
  }
  return lines;
}

function changeText(change: AttributeChange, indent: string): string[] {
  if (change.text) {
    const header =
      change.status === 'changed'
        ? `${change.before} -> ${change.after}`
        : change.status === 'added'
          ? `added ${change.after}`
          : `removed ${change.before}`;
    return [`${indent}${change.path}: ${header}`, ...change.text.map((line) => `${indent}  ${line}`)];
  }
  switch (change.status) {
    case 'added':
      return [`${indent}+ ${change.path} = ${change.after}`];
    case 'removed':
      return [`${indent}- ${change.path} (was ${change.before})`];
    case 'changed':
      return [`${indent}~ ${change.path}: ${change.before} -> ${change.after}`];
  }
}

/** Plain text for terminals and logs. */
export function renderText(report: DiffReport): string {
  const lines = [`Synth diff: ${report.base} -> ${report.head}`];
  if (report.stacks.length === 0) {
    lines.push('No differences.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(headline(report));
  for (const stack of report.stacks) {
    lines.push('', `Stack ${stack.name} (${stack.status}): ${counts(stack)}`);
    for (const entry of stack.entries) {
      lines.push(`  ${MARK[entry.status]} ${entry.address}${entry.constructPath ? `  [${entry.constructPath}]` : ''}`);
      for (const hint of hints(entry)) {
        lines.push(`      ! ${hint}`);
      }
      for (const change of entry.changes) {
        lines.push(...changeText(change, '      '));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

export function renderJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Marks the pull-request comment so a later run updates it instead of adding another. */
export const COMMENT_MARKER = '<!-- aoai-gateway-synth-diff -->';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;').replace(/\n/g, ' ');
}

function cell(text: string | undefined, max = 200): string {
  if (text === undefined) {
    return '';
  }
  const shown = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `<code>${escapeHtml(shown)}</code>`;
}

function fence(lines: readonly string[]): string {
  // A fence longer than any backtick run inside keeps the block closed.
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}diff\n${lines.join('\n')}\n${ticks}`;
}

function entryMarkdown(entry: EntryDiff): string {
  const title = `<b>${entry.status}</b> <code>${escapeHtml(entry.address)}</code>${entry.constructPath ? ` — ${escapeHtml(entry.constructPath)}` : ''}`;
  const parts: string[] = [];
  for (const hint of hints(entry)) {
    parts.push(`> ⚠️ ${escapeHtml(hint)}`);
  }
  const plain = entry.changes.filter((c) => !c.text);
  if (plain.length > 0) {
    parts.push('| Attribute | Before | After |', '|---|---|---|');
    for (const change of plain) {
      parts.push(`| ${cell(change.path)} | ${cell(change.before)} | ${cell(change.after)} |`);
    }
  }
  for (const change of entry.changes.filter((c) => c.text)) {
    parts.push(
      `<code>${escapeHtml(change.path)}</code> ${escapeHtml(change.before ?? '(none)')} → ${escapeHtml(change.after ?? '(none)')}`,
      '',
      fence(change.text ?? []),
    );
  }
  if (parts.length === 0) {
    return title;
  }
  return `<details><summary>${title}</summary>\n\n${parts.join('\n')}\n\n</details>`;
}

export interface MarkdownOptions {
  /** Longest comment to produce; GitHub refuses comments over 65,536 characters. */
  readonly maxLength?: number;
}

/** A pull-request comment: one section per stack, attribute tables, text diffs in diff blocks. */
export function renderMarkdown(report: DiffReport, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? 60_000;
  const header = [COMMENT_MARKER, `### Synth diff: <code>${escapeHtml(report.base)}</code> → <code>${escapeHtml(report.head)}</code>`, ''];
  if (report.stacks.length === 0) {
    return `${[...header, 'No differences in the synthesized stacks.'].join('\n')}\n`;
  }
  header.push(headline(report), '');
  const total = report.stacks.reduce((n, s) => n + s.entries.length, 0);
  // Room kept for the closing note, so the comment never exceeds the limit.
  const budget = maxLength - 300;
  let text = `${header.join('\n')}\n`;
  let shown = 0;
  for (const stack of report.stacks) {
    const heading = `#### ${escapeHtml(stack.name)} (${stack.status}): ${counts(stack)}\n\n`;
    if (text.length + heading.length > budget) {
      break;
    }
    text += heading;
    let full = false;
    for (const entry of stack.entries) {
      const block = `${entryMarkdown(entry)}\n\n`;
      if (text.length + block.length > budget) {
        full = true;
        break;
      }
      text += block;
      shown++;
    }
    if (full) {
      break;
    }
  }
  if (shown < total) {
    text += `_${total - shown} more change(s) not shown: the comment size limit was reached; the full report is in the workflow artifacts._\n`;
  }
  return text;
}
