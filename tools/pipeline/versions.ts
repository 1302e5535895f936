/**
 * Tool versions the pipeline pins. The workflows repeat them (a workflow cannot import TypeScript); a test fails
 * when a workflow disagrees. Terraform 1.9.8 is the release the deployments are tested with; the stacks require
 * TERRAFORM_REQUIRED_VERSION (lib/terraform.ts), and a test checks that this release satisfies it.
 */
export const TERRAFORM_VERSION = '1.9.8';
/** Node.js major version for the workflows; package.json asks for >= 20. */
export const NODE_VERSION = '20';
/** actionlint, run over the workflows in the pull-request pipeline (with shellcheck from the runner image). */
export const ACTIONLINT_VERSION = 'v1.7.12';
