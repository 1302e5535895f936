/**
 * Prints the command that creates the workspace query role of an environment's subscription, for whoever sets up
 * the pipeline identities (it needs `Microsoft.Authorization/roleDefinitions/write`, which the pipeline does not
 * hold: an identity that can write role definitions can widen a role it may assign):
 *   npm run workspace-role -- <environment>
 * The role's id is fixed per subscription, so running it again updates the same definition.
 */
import { workspaceQueryRoleDefinition, workspaceQueryRoleDefinitionId } from '../lib/azure/workspace-access';
import { configuredEnvironment } from './configured';

/** Role definitions API version (https://learn.microsoft.com/rest/api/authorization/role-definitions/create-or-update). */
export const ROLE_DEFINITIONS_API_VERSION = '2022-04-01';

/** The `az rest` command that creates or updates the role for a subscription. */
export function workspaceRoleCommand(subscriptionId: string): string {
  const url = `https://management.azure.com${workspaceQueryRoleDefinitionId(subscriptionId)}?api-version=${ROLE_DEFINITIONS_API_VERSION}`;
  const body = JSON.stringify(workspaceQueryRoleDefinition(subscriptionId));
  return `az rest --method put --url '${url}' --body '${body}'`;
}

function main(argv: readonly string[]): number {
  const [environment, ...rest] = argv;
  if (!environment || rest.length > 0) {
    process.stderr.write('usage: npm run workspace-role -- <environment>\n');
    return 2;
  }
  const configured = configuredEnvironment(environment);
  if ('problem' in configured) {
    process.stderr.write(`${configured.problem}\n`);
    return configured.exitCode;
  }
  process.stdout.write(`${workspaceRoleCommand(configured.environment.config.azure.subscriptionId)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
