import { readFileSync } from 'node:fs';

import { projectPath } from '../../lib/paths';
import { TERRAFORM_REQUIRED_VERSION } from '../../lib/terraform';
import { TERRAFORM_VERSION } from '../../tools/pipeline/versions';
import { synthShipped } from '../helpers/synth';

/** Whether `version` (x.y.z) is at least the `>= x.y.z` constraint. */
function satisfies(version: string, constraint: string): boolean {
  const [, minimum] = /^>= (\d+\.\d+\.\d+)$/.exec(constraint)!;
  const parts = (text: string) => text.split('.').map(Number);
  const [a, b] = [parts(version), parts(minimum!)];
  for (let i = 0; i < 3; i++) {
    if (a[i]! !== b[i]!) {
      return a[i]! > b[i]!;
    }
  }
  return true;
}

describe('the Terraform release the stacks need', () => {
  it('every stack declares it, so an older binary stops at init', () => {
    const stacks = Object.entries(synthShipped().stacks);
    expect(stacks.length).toBeGreaterThan(0);
    expect(
      stacks
        .filter(([, json]) => (json.terraform as { required_version?: string }).required_version !== TERRAFORM_REQUIRED_VERSION)
        .map(([name]) => name),
    ).toEqual([]);
  });

  it('the release the pipeline pins satisfies it, and the README states it', () => {
    expect(satisfies(TERRAFORM_VERSION, TERRAFORM_REQUIRED_VERSION)).toBe(true);
    expect(satisfies('1.7.5', TERRAFORM_REQUIRED_VERSION)).toBe(false);
    const minimum = TERRAFORM_REQUIRED_VERSION.replace(/^>= (\d+\.\d+)\.0$/, '$1');
    expect(readFileSync(projectPath('README.md'), 'utf8')).toContain(`To deploy: Terraform >= ${minimum}`);
  });
});
