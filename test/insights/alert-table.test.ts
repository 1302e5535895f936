import { readFileSync } from 'node:fs';

import { alertTableMarkdown } from '../../constructs/monitoring/alert-table';
import { projectPath } from '../../lib/paths';

describe('README alert table', () => {
  it('is the table derived from the alert catalog and the shipped defaults', () => {
    const readme = readFileSync(projectPath('README.md'), 'utf8');
    const table = alertTableMarkdown();
    // Show the expected table on failure, so it can be pasted into the README.
    expect(readme.includes(table) ? table : readme).toContain(table);
  });

  it('names every split dimension of a per-entity alert', () => {
    expect(alertTableMarkdown()).toMatch(/^\| caller-5xx \|.*\| `BackendHost`, `Cause` \|/m);
    expect(alertTableMarkdown()).toMatch(/^\| appgw-unhealthy-backend \| .*\| metric UnhealthyHostCount \| `BackendSettingsPool` \|/m);
  });
});
