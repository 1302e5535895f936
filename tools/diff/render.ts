import { ATTENTION_CATEGORIES, ATTENTION_TITLES, type AttentionItem } from './attention';
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

function itemsOf(report: DiffReport, category: AttentionItem['category']): AttentionItem[] {
  return report.attention.filter((i) => i.category === category);
}

/** The first screen: every category with its count, so "none" is stated rather than implied. */
function attentionText(report: DiffReport): string[] {
  const lines = [`ATTENTION: ${report.attention.length === 0 ? 'nothing to flag' : `${report.attention.length} item(s)`}`];
  for (const category of ATTENTION_CATEGORIES) {
    const items = itemsOf(report, category);
    lines.push(`  ${ATTENTION_TITLES[category]}: ${items.length === 0 ? 'none' : items.length}`);
    for (const item of items) {
      lines.push(`    ! ${item.stack} ${item.address}${item.constructPath ? `  [${item.constructPath}]` : ''}`, `        ${item.reason}`);
    }
  }
  return lines;
}

/** Plain text for terminals and logs. */
export function renderText(report: DiffReport): string {
  const lines = [`Synth diff: ${report.base} -> ${report.head}`];
  if (report.stacks.length === 0) {
    lines.push('No differences.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(...attentionText(report), '', headline(report));
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

/** The attention table keeps to a share of the comment, so the per-stack detail still has room. */
function attentionMarkdown(report: DiffReport, budget: number): string[] {
  if (report.attention.length === 0) {
    return ['**Attention:** nothing to flag (no replacement, destroy, protected resource or wider access).', ''];
  }
  const lines = [`**⚠️ Attention: ${report.attention.length} item(s)**`, ''];
  for (const category of ATTENTION_CATEGORIES) {
    const items = itemsOf(report, category);
    lines.push(`- ${ATTENTION_TITLES[category]}: ${items.length === 0 ? 'none' : `**${items.length}**`}`);
  }
  lines.push('', '| | Stack | Resource | Why |', '|---|---|---|---|');
  let used = lines.join('\n').length;
  let shown = 0;
  for (const item of report.attention) {
    const where = `${cell(item.address)}${item.constructPath ? `<br>${escapeHtml(item.constructPath)}` : ''}`;
    const row = `| ${item.category} | ${escapeHtml(item.stack)} | ${where} | ${escapeHtml(item.reason)} |`;
    if (used + row.length + 1 > budget) {
      break;
    }
    lines.push(row);
    used += row.length + 1;
    shown++;
  }
  if (shown < report.attention.length) {
    lines.push('', `_${report.attention.length - shown} more attention item(s) in the full report (workflow artifacts)._`);
  }
  lines.push('');
  return lines;
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
  header.push(...attentionMarkdown(report, Math.floor(maxLength / 2)), headline(report), '');
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
