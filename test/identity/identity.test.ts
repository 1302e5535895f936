import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TerraformStack, Testing } from 'cdktf';

import { AccessTierGroup, DEFAULT_ACCESS_ROLE_ID } from '../../constructs/identity/access-tier-group';
import {
  MICROSOFT_GRAPH_CLIENT_ID,
  PORTAL_GRAPH_APP_ROLES,
  PORTAL_GRAPH_SCOPES,
} from '../../constructs/identity/developer-portal-application';
import { gatewayApplicationProblems, type GatewayApplicationProps } from '../../constructs/identity/gateway-application';
import { Environment } from '../../lib/environment';
import {
  type Attributes,
  onlyResource,
  problemsOf,
  rawEnvironment,
  resourcesOf,
  SHIPPED_ENVIRONMENTS,
  shippedConfig,
  stackOf,
  synthesizeConfigs,
  synthShipped,
  validate,
} from '../helpers/synth';

const synth = synthShipped();
const identity = (env: string) => stackOf(synth, `${env}-identity`);
const ENVIRONMENTS = SHIPPED_ENVIRONMENTS;
/** The object id of whoever applies the identity layer. */
const DEPLOYER = '${data.azuread_client_config.deployer.object_id}';

function gatewayApp(env: string): Attributes {
  return Object.values(resourcesOf(identity(env), 'azuread_application')).find((a) => String(a.display_name).endsWith('-gateway'))!;
}

function portalApp(env: string): Attributes {
  return Object.values(resourcesOf(identity(env), 'azuread_application')).find((a) => String(a.display_name).endsWith('-portal'))!;
}

/** `${azuread_x.<name>.<attr>}` → the resource's attributes. */
function referenced(env: string, reference: unknown): Attributes {
  const match = /^\$\{([a-z_]+)\.([^.]+)\.[a-z_]+\}$/.exec(String(reference));
  if (match === null) {
    throw new Error(`not a resource reference: ${String(reference)}`);
  }
  return resourcesOf(identity(env), match[1]!)[match[2]!]!;
}

describe('identity layer', () => {
  it.each(ENVIRONMENTS)('%s: the azuread provider is pinned to the environment tenant; the layer holds no azurerm resources', (env) => {
    const stack = identity(env);
    expect(stack.provider?.azuread).toEqual([{ tenant_id: shippedConfig(env).azure.tenantId }]);
    expect(stack.provider?.azurerm).toBeUndefined();
    expect(Object.keys(stack.resource ?? {}).some((type) => type.startsWith('azurerm_'))).toBe(false);
  });

  it.each(ENVIRONMENTS)('%s: one security group per tier, owners from config, membership left to the owners', (env) => {
    const tiers = shippedConfig(env).access.tiers;
    const groups = Object.values(resourcesOf(identity(env), 'azuread_group_without_members'));
    // Besides the tiers' groups, the two workspace reader groups (tested in workspace-readers.test.ts).
    const readers = [`sg-aoaigw-${env}-log-readers`, `sg-aoaigw-${env}-prompt-readers`];
    expect(groups.map((g) => g.display_name).sort()).toEqual([...tiers.map((t) => `sg-aoaigw-${env}-${t.name}`), ...readers].sort());
    for (const group of groups) {
      expect(group).toMatchObject({ security_enabled: true, mail_enabled: false, prevent_duplicate_names: true });
      expect(group.members).toBeUndefined();
    }
    expect(resourcesOf(identity(env), 'azuread_group')).toEqual({});
  });

  it('group owners from config are set on the group', () => {
    const raw = rawEnvironment('dev') as { access: { tiers: Attributes[] } };
    raw.access.tiers[0]!.groupOwners = ['44444444-4444-4444-4444-444444444444'];
    const groups = Object.values(resourcesOf(stackOf(synthesizeConfigs([validate(raw)]), 'dev-identity'), 'azuread_group_without_members'));
    const group = groups.find((g) => g.display_name === `sg-aoaigw-dev-${String(raw.access.tiers[0]!.name)}`)!;
    expect(group.owners).toEqual([DEPLOYER, '44444444-4444-4444-4444-444444444444']);
  });

  it.each(ENVIRONMENTS)(
    '%s: the deploying identity owns every app registration, enterprise application and group, so azuread never drops it',
    (env) => {
      const stack = identity(env);
      expect(Object.keys(stack.data?.azuread_client_config ?? {})).toEqual(['deployer']);
      const owned = ['azuread_application', 'azuread_service_principal', 'azuread_group_without_members'].flatMap((type) =>
        Object.values(resourcesOf(stack, type)),
      );
      expect(owned.length).toBeGreaterThanOrEqual(5);
      for (const resource of owned) {
        expect((resource.owners as string[])[0]).toBe(DEPLOYER);
      }
    },
  );

  it('configured application owners join the deploying identity on both apps and their enterprise applications', () => {
    const raw = rawEnvironment('dev') as { access: Attributes };
    raw.access.applicationOwners = ['55555555-5555-4555-8555-555555555555'];
    const stack = stackOf(synthesizeConfigs([validate(raw)]), 'dev-identity');
    const owned = ['azuread_application', 'azuread_service_principal'].flatMap((type) => Object.values(resourcesOf(stack, type)));
    expect(owned).toHaveLength(4);
    for (const resource of owned) {
      expect(resource.owners).toEqual([DEPLOYER, '55555555-5555-4555-8555-555555555555']);
    }
  });

  it('refuses an application owner that is not an object id, in one line', () => {
    const raw = rawEnvironment('dev') as { access: Attributes };
    raw.access.applicationOwners = ['alice@contoso.com'];
    expect(problemsOf(raw, 'dev.yaml')).toEqual([
      'dev.json: access.applicationOwners[0]: expected a lowercase GUID such as 00000000-0000-0000-0000-000000000000, found "alice@contoso.com"',
    ]);
  });
});

describe('gateway app registration', () => {
  it.each(ENVIRONMENTS)('%s: single tenant, identifier URI api://<tenant>/<app name>, v2 tokens, one role per tier', (env) => {
    const config = shippedConfig(env);
    const app = gatewayApp(env);
    expect(app).toMatchObject({
      display_name: `app-aoaigw-${env}-gateway`,
      sign_in_audience: 'AzureADMyOrg',
      identifier_uris: [`api://${config.azure.tenantId}/app-aoaigw-${env}-gateway`],
    });
    expect((app.api as Attributes).requested_access_token_version).toBe(2);
    const roles = app.app_role as Attributes[];
    expect(roles.map((r) => r.value)).toEqual(config.access.tiers.map((t) => `Gateway.${t.name}`));
    for (const role of roles) {
      expect(role.allowed_member_types).toEqual(['User', 'Application']);
      expect(role.enabled).toBe(true);
    }
  });

  it('app role ids are stable GUIDs derived from the environment and tier, different across tiers and environments', () => {
    const roles = (env: string) =>
      Object.fromEntries((gatewayApp(env).app_role as Attributes[]).map((r) => [String(r.value), String(r.id)]));
    const prod = roles('prod');
    const naming = new Environment(shippedConfig('prod')).naming;
    expect(prod['Gateway.standard']).toBe(naming.appRoleId('standard'));
    expect(prod['Gateway.standard']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(prod['Gateway.standard']).not.toBe(prod['Gateway.embeddings']);
    expect(roles('dev')['Gateway.developers']).not.toBe(roles('test')['Gateway.developers']);
    const again = stackOf(synthesizeConfigs([shippedConfig('prod')]), 'prod-identity');
    const rolesAgain = Object.values(again.resource?.azuread_application ?? {}).find((a) =>
      String(a.display_name).endsWith('-gateway'),
    )!.app_role;
    expect(rolesAgain).toEqual(gatewayApp('prod').app_role);
  });

  it('its enterprise application requires assignment: only granted principals obtain tokens for the gateway', () => {
    const sp = Object.values(resourcesOf(identity('prod'), 'azuread_service_principal')).find((s) =>
      String(s.client_id).includes('gateway-application'),
    )!;
    expect(sp.app_role_assignment_required).toBe(true);
  });

  it('each tier group is assigned its own role on the gateway enterprise application', () => {
    const env = 'prod';
    const app = gatewayApp(env);
    const roleIds = Object.fromEntries((app.app_role as Attributes[]).map((r) => [String(r.id), String(r.value)]));
    const assignments = Object.values(resourcesOf(identity(env), 'azuread_app_role_assignment')).filter((a) =>
      String(a.resource_object_id).includes('gateway-application'),
    );
    const byGroup = Object.fromEntries(
      assignments.map((a) => [String(referenced(env, a.principal_object_id).display_name), roleIds[String(a.app_role_id)]]),
    );
    expect(byGroup).toEqual({ 'sg-aoaigw-prod-standard': 'Gateway.standard', 'sg-aoaigw-prod-embeddings': 'Gateway.embeddings' });
  });

  it('workload identities listed on a tier get the role directly (group roles never reach app-only tokens)', () => {
    const raw = rawEnvironment('dev') as { access: { tiers: Attributes[] } };
    raw.access.tiers[0]!.servicePrincipals = ['55555555-5555-5555-5555-555555555555'];
    const stack = stackOf(synthesizeConfigs([validate(raw)]), 'dev-identity');
    const direct = Object.values(resourcesOf(stack, 'azuread_app_role_assignment')).filter(
      (a) => a.principal_object_id === '55555555-5555-5555-5555-555555555555',
    );
    expect(direct).toHaveLength(1);
    expect(direct[0]!.app_role_id).toBe(new Environment(validate(raw)).naming.appRoleId('developers'));
    expect(String(direct[0]!.resource_object_id)).toMatch(/gateway-application_service-principal.*\.object_id\}$/);
  });

  it('exposes a delegated scope only an administrator can consent to, with a stable id', () => {
    const scopes = (gatewayApp('dev').api as { oauth2_permission_scope: Attributes[] }).oauth2_permission_scope;
    expect(scopes).toEqual([
      expect.objectContaining({
        value: 'user_impersonation',
        type: 'Admin',
        enabled: true,
        id: new Environment(shippedConfig('dev')).naming.gatewayApiScopeId(),
      }),
    ]);
  });
});

describe('developer portal app registration', () => {
  it.each(ENVIRONMENTS)('%s: single-page redirect to the internal developer portal, single tenant', (env) => {
    const name = new Environment(shippedConfig(env)).naming.apiManagement();
    expect(portalApp(env)).toMatchObject({
      display_name: `app-aoaigw-${env}-portal`,
      sign_in_audience: 'AzureADMyOrg',
      single_page_application: { redirect_uris: [`https://${name}.developer.azure-api.net/signin`] },
    });
  });

  it('asks Microsoft Graph for the least API Management needs: sign-in scopes, and read users and groups for group sync', () => {
    const access = (portalApp('prod').required_resource_access as Attributes[])[0]!;
    expect(access.resource_app_id).toBe(MICROSOFT_GRAPH_CLIENT_ID);
    const entries = (access.resource_access as Attributes[]).map((a) => `${String(a.type)}:${/\["(.+)"\]/.exec(String(a.id))![1]}`);
    expect(entries.sort()).toEqual(
      [...PORTAL_GRAPH_SCOPES.map((s) => `Scope:${s}`), ...PORTAL_GRAPH_APP_ROLES.map((r) => `Role:${r}`)].sort(),
    );
    expect(entries).not.toContain('Role:Directory.Read.All');
  });

  it('grants that consent in Terraform: app role assignments on Graph and a delegated grant', () => {
    const stack = identity('prod');
    const graphRoles = Object.values(resourcesOf(stack, 'azuread_app_role_assignment')).filter((a) =>
      String(a.app_role_id).includes('microsoft-graph'),
    );
    expect(graphRoles.map((a) => /\["(.+)"\]/.exec(String(a.app_role_id))![1]).sort()).toEqual([...PORTAL_GRAPH_APP_ROLES].sort());
    expect(onlyResource(stack, 'azuread_service_principal_delegated_permission_grant').claim_values).toEqual([...PORTAL_GRAPH_SCOPES]);
    // Microsoft Graph's well-known application id: the roles and scopes above are Graph's.
    expect(Object.values(stack.data?.azuread_service_principal ?? {}).map((sp) => sp.client_id)).toEqual([
      '00000003-0000-0000-c000-000000000000',
    ]);
  });

  it('only members of a tier group may sign in to the portal', () => {
    const stack = identity('prod');
    const portalSp = Object.values(resourcesOf(stack, 'azuread_service_principal')).find((s) =>
      String(s.client_id).includes('developer-portal'),
    )!;
    expect(portalSp.app_role_assignment_required).toBe(true);
    const portalAssignments = Object.values(resourcesOf(stack, 'azuread_app_role_assignment')).filter((a) =>
      String(a.resource_object_id).includes('developer-portal_service-principal'),
    );
    expect(portalAssignments).toHaveLength(shippedConfig('prod').access.tiers.length);
    expect(portalAssignments.every((a) => a.app_role_id === DEFAULT_ACCESS_ROLE_ID)).toBe(true);
  });

  it('two client secrets rotate alternately, each outliving the next rotation of the other, never literals', () => {
    const stack = identity('prod');
    const passwords = Object.values(resourcesOf(stack, 'azuread_application_password'));
    const days = shippedConfig('prod').access.developerPortal.secretRotationDays;
    expect(passwords).toHaveLength(2);
    expect(resourcesOf(stack, 'time_rotating')).toEqual({});
    expect(stack.terraform?.required_providers?.time).toEqual({ source: 'hashicorp/time', version: '0.13.1' });
    for (const password of passwords) {
      expect(password.end_date_relative).toBe(`${(2 * days + 30) * 24}h`);
      expect(password.value).toBeUndefined();
      // The new secret exists before the old one goes.
      expect(password.lifecycle).toEqual({ create_before_destroy: true });
    }
    const windows = passwords.map((p) => String((p.rotate_when_changed as Attributes).window));
    expect(windows).toEqual([
      `\${floor((provider::time::rfc3339_parse(plantimestamp()).unix + ${days * 86_400}) / ${2 * days * 86_400})}`,
      `\${floor((provider::time::rfc3339_parse(plantimestamp()).unix) / ${2 * days * 86_400})}`,
    ]);
  });

  it('over a year of daily applies, an apply replaces at most one secret and never the newer one', () => {
    const stack = identity('prod');
    const days = shippedConfig('prod').access.developerPortal.secretRotationDays;
    const lifetimeDays = parseInt(String(Object.values(resourcesOf(stack, 'azuread_application_password'))[0]!.end_date_relative)) / 24;
    // The synthesized window expressions, evaluated for a plan on a given day (plantimestamp's unix seconds).
    const windows = Object.values(resourcesOf(stack, 'azuread_application_password')).map((p) => {
      const [, offset, span] = /\.unix(?: \+ (\d+))?\) \/ (\d+)\)\}$/.exec(String((p.rotate_when_changed as Attributes).window))!;
      return (day: number) => Math.floor((day * 86_400 + Number(offset ?? 0)) / Number(span));
    });
    const created = windows.map(() => 0);
    for (let day = 1; day <= 365 * 2; day++) {
      const replaced = windows.map((window, i) => (window(day) !== window(day - 1) ? i : -1)).filter((i) => i >= 0);
      expect(replaced.length).toBeLessThanOrEqual(1);
      for (const i of replaced) {
        // The secret replaced is the older one: the one API Management uses (the newer) stays.
        expect(created[i]!).toBeLessThanOrEqual(created[1 - i]!);
        created[i] = day;
      }
      // Whatever API Management holds (the newer before this apply) is still valid.
      expect(day - Math.max(...created)).toBeLessThan(lifetimeDays);
      expect(day - Math.min(...created)).toBeLessThanOrEqual(2 * days);
    }
  });

  it('the gateway reads the newer secret, by creation time, from the state of this layer', () => {
    const provider = onlyResource(stackOf(synth, 'prod-gateway'), 'azurerm_api_management_identity_provider_aad');
    const output = (name: string, attribute: string) =>
      `data.terraform_remote_state.cross-stack-reference-input-prod-identity.outputs.cross-stack-output-azuread_application_passworddeveloper-portal_${name}${attribute}`;
    const [a, b] = ['secret_C2BFC4E2', 'secret-staggered_FBB84C79'];
    expect(provider.client_secret).toBe(
      `\${(timecmp(${output(a, 'start_date')}, ${output(b, 'start_date')}) == -1) ? ${output(b, 'value')} : ${output(a, 'value')}}`,
    );
  });

  it('the secrets leave the layer only as sensitive cross-stack outputs', () => {
    const outputs = identity('prod').output ?? {};
    const carrying = Object.entries(outputs).filter(([, o]) => String(o.value).includes('azuread_application_password'));
    // Value and creation time of each of the two secrets.
    expect(carrying).toHaveLength(4);
    expect(carrying.every(([, o]) => o.sensitive === true)).toBe(true);
  });
});

describe('construct validation', () => {
  const valid: GatewayApplicationProps = {
    displayName: 'app',
    identifierUri: 'api://00000000-0000-0000-0000-000000000000/app',
    scope: { id: '11111111-1111-5111-8111-111111111111' },
    roles: [{ tier: 't', id: '22222222-2222-5222-8222-222222222222', value: 'Gateway.t', displayName: 'T', description: 'd' }],
    owners: ['33333333-3333-4333-8333-333333333333'],
  };

  it('accepts a valid app and reports each problem of an invalid one', () => {
    expect(gatewayApplicationProblems(valid)).toEqual([]);
    expect(gatewayApplicationProblems({ ...valid, identifierUri: 'api://my-gateway' })).toEqual([
      'identifierUri must read api://<tenant id>/<name> (the form Entra accepts without a verified domain), got "api://my-gateway"',
    ]);
    expect(gatewayApplicationProblems({ ...valid, owners: [] })).toEqual([
      'owners is empty; it must name the identity that applies the stack (data azuread_client_config object_id)',
    ]);
    expect(gatewayApplicationProblems({ ...valid, roles: [] })).toEqual(['roles is empty; the gateway needs one app role per access tier']);
    expect(gatewayApplicationProblems({ ...valid, roles: [valid.roles[0]!, { ...valid.roles[0]!, tier: 'u' }] })).toEqual([
      'roles[1].id "22222222-2222-5222-8222-222222222222" is used twice; app role and scope ids must be unique',
      'roles[1].value "Gateway.t" is used twice',
    ]);
    expect(gatewayApplicationProblems({ ...valid, roles: [{ ...valid.roles[0]!, value: 'has space' }] })).toEqual([
      'roles[0].value must start with a letter and hold only letters, digits, ".", "_" or "-", got "has space"',
    ]);
  });

  it('an access tier group refuses owners that are not object ids', () => {
    expect(
      () =>
        new AccessTierGroup(new TerraformStack(Testing.app(), 's'), 'tier', {
          displayName: 'g',
          description: 'd',
          owners: ['alice@contoso.com'],
          gatewayServicePrincipalObjectId: 'sp',
          appRoleId: '22222222-2222-5222-8222-222222222222',
        }),
    ).toThrow(/AccessTierGroup "tier": owners\[0\] must be a lowercase object id \(GUID\), got "alice@contoso.com"/);
  });
});

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const describeWithTerraform = terraform.status === 0 ? describe : describe.skip;

describeWithTerraform(
  `the rotation expressions in a real Terraform (${terraform.status === 0 ? terraform.stdout.split('\n')[0] : 'not installed: skipped'})`,
  () => {
    /** Evaluates one expression with `terraform console` (built-in functions only) in an empty folder. */
    function evaluate(expression: string): string {
      const dir = mkdtempSync(join(tmpdir(), 'aoai-console-'));
      try {
        // An empty CLI configuration of its own: the machine's may name a file that is not there.
        writeFileSync(join(dir, 'none.tfrc'), '');
        const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: join(dir, 'none.tfrc') };
        const result = spawnSync('terraform', ['console'], { cwd: dir, env, input: `${expression}\n`, encoding: 'utf8' });
        expect(result.stderr).toBe('');
        return result.stdout.trim();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it('the rotation window is valid Terraform and counts whole double periods', () => {
      const days = shippedConfig('prod').access.developerPortal.secretRotationDays;
      const windows = Object.values(resourcesOf(identity('prod'), 'azuread_application_password')).map((p) =>
        String((p.rotate_when_changed as Attributes).window),
      );
      // The time provider's function is not available offline; its result for a plan on day 1000 stands in for it.
      const atDay = (window: string, day: number) =>
        evaluate(window.slice(2, -1).replace('provider::time::rfc3339_parse(plantimestamp()).unix', String(day * 86_400)));
      expect(windows.map((window) => atDay(window, 1000))).toEqual([
        String(Math.floor((1000 + days) / (2 * days))),
        String(Math.floor(1000 / (2 * days))),
      ]);
    });

    it('the gateway expression picks the secret created later', () => {
      const expression = String(
        onlyResource(stackOf(synth, 'prod-gateway'), 'azurerm_api_management_identity_provider_aad').client_secret,
      ).slice(2, -1);
      const withState = (aCreated: string, bCreated: string) =>
        expression
          .replace(/data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+_secret_C2BFC4E2start_date/, `"${aCreated}"`)
          .replace(/data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+_secret-staggered_FBB84C79start_date/, `"${bCreated}"`)
          .replace(/data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+_secret_C2BFC4E2value/, '"secret a"')
          .replace(/data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+_secret-staggered_FBB84C79value/, '"secret b"');
      expect(evaluate(withState('2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z'))).toBe('"secret b"');
      expect(evaluate(withState('2026-06-30T00:00:00Z', '2026-04-01T00:00:00Z'))).toBe('"secret a"');
    });
  },
);
