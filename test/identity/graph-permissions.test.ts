import { readFileSync } from 'node:fs';

import { IDENTITY_LAYER_GRAPH_PERMISSIONS, NO_GRAPH_PERMISSION_TYPES } from '../../constructs/identity/graph-permissions';
import { projectPath } from '../../lib/paths';
import { SHIPPED_ENVIRONMENTS, stackOf, synthShipped } from '../helpers/synth';

const HEADING = '### Microsoft Graph permissions of the identity layer';

/** The permission rows of the README's table: `| \`Permission\` | needed for |`. */
function readmeRows(): Array<[string, string]> {
  const readme = readFileSync(projectPath('README.md'), 'utf8');
  const start = readme.indexOf(HEADING);
  expect(start).toBeGreaterThan(-1);
  const section = readme.slice(start + HEADING.length).split(/\n#{2,3} /)[0]!;
  return [...section.matchAll(/^\| `([A-Za-z.]+)` \| (.+) \|$/gm)].map((m) => [m[1]!, m[2]!]);
}

describe('Microsoft Graph permissions of the identity layer', () => {
  it('the README lists exactly the permission table, in order', () => {
    expect(readmeRows()).toEqual(IDENTITY_LAYER_GRAPH_PERMISSIONS.map((p) => [p.permission, p.neededFor]));
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: every azuread resource and data source of the layer is covered by a permission', (env) => {
    const stack = stackOf(synthShipped(), `${env}-identity`);
    const declared = [
      ...Object.keys(stack.resource ?? {}).filter((type) => type.startsWith('azuread_')),
      ...Object.keys(stack.data ?? {})
        .filter((type) => type.startsWith('azuread_'))
        .map((type) => `data.${type}`),
    ];
    const covered = new Set([...IDENTITY_LAYER_GRAPH_PERMISSIONS.flatMap((p) => p.terraformTypes), ...NO_GRAPH_PERMISSION_TYPES]);
    expect(declared.filter((type) => !covered.has(type))).toEqual([]);
    expect(declared).toEqual(expect.arrayContaining(['azuread_application', 'data.azuread_service_principal']));
  });
});
