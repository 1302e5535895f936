import { z } from 'zod';

import { duplicateReceiverNames } from '../../lib/azure/action-group';
import { apiManagementSizingProblems } from '../../lib/azure/api-management';
import { retriesToReachEveryMember, RETRY_COUNT_RANGE } from '../../lib/backend-pool';
import { contains, isCidr, overlaps, parseCidr } from '../../lib/cidr';
import { Naming, namingContextOf } from '../../lib/naming';
import { accessSchema } from './access';
import { apiManagementSchema } from './api-management';
import { applicationGatewaySchema } from './application-gateway';
import { ALERT_IDS, alertRuleProblems, alertsSchema, loggingSchema, resolveAlertRule } from './monitoring';
import { networkSchema, networkSizeProblems } from './network';
import { openAiSchema } from './openai';
import { pricingSchema } from './pricing';
import { region, uuid } from './primitives';
import { stateSchema } from './state';

const tagKey = z.string().regex(/^[^<>%&\\?/]{1,512}$/, { message: 'a tag name of 1-512 characters without < > % & \\ ? /' });
const tagValue = z.string().max(256, { message: 'a tag value of at most 256 characters' });

export const suppressionSchema = z.strictObject({
  /** Id of the check to suppress, e.g. AOAI-WAF-002. */
  rule: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, { message: 'a rule id such as AOAI-WAF-002' }),
  /** Terraform address (`type.name`) or a glob over addresses; every resource when absent. */
  resource: z.string().min(1).optional(),
  /** Why the finding is accepted: reviewers read this. */
  reason: z.string().trim().min(10, { message: 'a reason of at least 10 characters' }),
});

const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{1,5}$/;
const WORKLOAD_NAME = /^[a-z][a-z0-9]{1,7}$/;
const NAME_SUFFIX = /^[a-z0-9]{4}$/;

const environmentObject = z.strictObject({
  /** Editors' schema reference; ignored by synth. */
  $schema: z.string().optional(),
  /** Environment name; part of every resource and stack name. */
  name: z.string().regex(ENVIRONMENT_NAME, { message: 'an environment name of 2-6 lowercase letters or digits, starting with a letter' }),
  description: z.string().optional(),
  /** Production data is protected from destroy, and production rules are enforced. */
  production: z.boolean(),
  workload: z
    .string()
    .regex(WORKLOAD_NAME, { message: 'a workload name of 2-8 lowercase letters or digits, starting with a letter' })
    .default('aoaigw'),
  azure: z.strictObject({
    tenantId: uuid,
    subscriptionId: uuid,
    /** Primary region: network, API Management, Application Gateway, Key Vault, Storage, Log Analytics. */
    location: region,
  }),
  naming: z
    .strictObject({
      /** Suffix of globally unique names; derived from the subscription id when absent. */
      suffix: z.string().regex(NAME_SUFFIX, { message: 'exactly 4 lowercase letters or digits' }).optional(),
    })
    .default({}),
  tags: z.record(tagKey, tagValue).default({}),
  state: stateSchema.default({ backend: 'local' }),
  network: networkSchema,
  openai: openAiSchema,
  apiManagement: apiManagementSchema,
  applicationGateway: applicationGatewaySchema,
  access: accessSchema,
  logging: loggingSchema,
  alerts: alertsSchema,
  /** List prices for cost estimates per caller, product and model. @default no cost estimates */
  pricing: pricingSchema.optional(),
  suppressions: z.array(suppressionSchema).default([]),
});

type EnvironmentInput = z.infer<typeof environmentObject>;
type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, path: (string | number)[], message: string, input?: unknown): void {
  ctx.addIssue({ code: 'custom', path, message, input });
}

function checkNetwork(env: EnvironmentInput, ctx: Ctx): void {
  const spaces = env.network.addressSpace.map((text, index) => ({ index, cidr: parseCidr(text) }));
  const parsedSpaces = spaces.flatMap((s) => (isCidr(s.cidr) ? [{ index: s.index, cidr: s.cidr }] : []));
  parsedSpaces.forEach((a, i) =>
    parsedSpaces.slice(i + 1).forEach((b) => {
      if (overlaps(a.cidr, b.cidr)) {
        issue(ctx, ['network', 'addressSpace', b.index], `an address range that does not overlap ${a.cidr.text}`, b.cidr.text);
      }
    }),
  );
  const subnets = Object.entries(env.network.subnets).flatMap(([name, text]) => {
    const parsed = parseCidr(text);
    return isCidr(parsed) ? [{ name, cidr: parsed }] : [];
  });
  for (const subnet of subnets) {
    if (parsedSpaces.length > 0 && !parsedSpaces.some((s) => contains(s.cidr, subnet.cidr))) {
      issue(
        ctx,
        ['network', 'subnets', subnet.name],
        `a subnet inside the address space (${parsedSpaces.map((s) => s.cidr.text).join(', ')})`,
        subnet.cidr.text,
      );
    }
  }
  subnets.forEach((a, i) =>
    subnets.slice(i + 1).forEach((b) => {
      if (overlaps(a.cidr, b.cidr)) {
        issue(ctx, ['network', 'subnets', b.name], `a subnet that does not overlap subnets.${a.name} (${a.cidr.text})`, b.cidr.text);
      }
    }),
  );
  // Peered networks cannot overlap the network they peer with.
  env.network.operators.addressPrefixes.forEach((text, index) => {
    const range = parseCidr(text);
    const inside = isCidr(range) ? parsedSpaces.find((s) => overlaps(s.cidr, range)) : undefined;
    if (inside && isCidr(range)) {
      issue(
        ctx,
        ['network', 'operators', 'addressPrefixes', index],
        `a range outside this network's address space (${inside.cidr.text}): operators reach it through peering`,
        range.text,
      );
    }
  });
  const prefixLengths = Object.fromEntries(subnets.map((s) => [s.name, { text: s.cidr.text, prefixLength: s.cidr.prefixLength }]));
  const tenants = { apiManagement: env.apiManagement, applicationGateway: env.applicationGateway.autoscale };
  for (const problem of networkSizeProblems(prefixLengths, tenants)) {
    issue(ctx, problem.path, problem.message, problem.input);
  }
}

function duplicates<T>(items: readonly T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  return items.flatMap((item, index) => {
    const k = key(item);
    if (seen.has(k)) {
      return [index];
    }
    seen.add(k);
    return [];
  });
}

function checkOpenAi(env: EnvironmentInput, ctx: Ctx): void {
  const { instances } = env.openai;
  for (const index of duplicates(instances, (i) => i.name)) {
    issue(ctx, ['openai', 'instances', index, 'name'], 'an instance name not used by another instance', instances[index]!.name);
  }
  instances.forEach((instance, i) => {
    for (const index of duplicates(instance.deployments, (d) => d.name)) {
      issue(
        ctx,
        ['openai', 'instances', i, 'deployments', index, 'name'],
        'a deployment name unique within its instance',
        instance.deployments[index]!.name,
      );
    }
  });
  const regions = new Set(instances.map((i) => i.location));
  if (env.production && instances.length > 0 && regions.size < 2 && !env.openai.acceptSingleRegion) {
    issue(
      ctx,
      ['openai', 'instances'],
      'instances in at least two regions for a production environment (or openai.acceptSingleRegion: true)',
      `${instances.length} instance(s) in ${[...regions].join(', ')}`,
    );
  }
  const deployed = new Set(instances.flatMap((i) => i.deployments.map((d) => d.name)));
  // With no instances at all, that one problem is reported already; every routed deployment would repeat it.
  const routable = instances.length > 0 ? env.access.tiers : [];
  routable.forEach((tier, t) =>
    tier.deployments.forEach((name, d) => {
      if (!deployed.has(name)) {
        issue(
          ctx,
          ['access', 'tiers', t, 'deployments', d],
          `a deployment that exists on at least one instance (${[...deployed].sort().join(', ')})`,
          name,
        );
      }
    }),
  );
  for (const index of duplicates(env.access.tiers, (t) => t.name)) {
    issue(ctx, ['access', 'tiers', index, 'name'], 'a tier name not used by another tier', env.access.tiers[index]!.name);
  }
  checkDeploymentModels(env, ctx);
  checkDeploymentCoverage(env, ctx);
  const retries = env.apiManagement.retry.count;
  const needed = retriesToReachEveryMember(instances.length);
  // Below the policy's range is the field's own problem, reported once.
  if (retries !== undefined && retries >= RETRY_COUNT_RANGE.min && retries < needed) {
    issue(
      ctx,
      ['apiManagement', 'retry', 'count'],
      `a retry count of at least ${needed} (one less than the ${instances.length} pool members), so a request can reach every member`,
      retries,
    );
  }
}

/**
 * The gateway balances every request over one pool of all instances, so an instance without a deployment would
 * answer that deployment's requests with 404. Every instance therefore serves every deployment; a model that only
 * some regions offer belongs in an environment (or instance set) of those regions. This also makes every
 * deployment as multi-regional as the environment, which production's region rule requires.
 */
function checkDeploymentCoverage(env: EnvironmentInput, ctx: Ctx): void {
  const { instances } = env.openai;
  const names = [...new Set(instances.flatMap((i) => i.deployments.map((d) => d.name)))];
  instances.forEach((instance, i) => {
    const own = new Set(instance.deployments.map((d) => d.name));
    for (const name of names.filter((n) => !own.has(n))) {
      const holder = instances.find((other) => other.deployments.some((d) => d.name === name))!;
      issue(
        ctx,
        ['openai', 'instances', i, 'deployments'],
        `deployment ${name} on every instance (the gateway's pool sends any request to any instance; ${holder.name} has it)`,
        `no ${name} on instance ${instance.name}`,
      );
    }
  });
}

/**
 * The gateway balances a deployment name over every instance that has it, so a name must mean the same model
 * everywhere; versions may differ while an upgrade rolls from one region to the next.
 */
function checkDeploymentModels(env: EnvironmentInput, ctx: Ctx): void {
  const first = new Map<string, { instance: string; model: string }>();
  env.openai.instances.forEach((instance, i) =>
    instance.deployments.forEach((deployment, d) => {
      const seen = first.get(deployment.name);
      if (!seen) {
        first.set(deployment.name, { instance: instance.name, model: deployment.model.name });
      } else if (seen.model !== deployment.model.name) {
        issue(
          ctx,
          ['openai', 'instances', i, 'deployments', d, 'model', 'name'],
          `the model deployment ${deployment.name} serves on instance ${seen.instance} (${seen.model})`,
          deployment.model.name,
        );
      }
    }),
  );
}

function checkSizing(env: EnvironmentInput, ctx: Ctx): void {
  for (const problem of apiManagementSizingProblems(env.apiManagement)) {
    issue(ctx, ['apiManagement', problem.field], problem.expected, problem.found);
  }
  const { autoscale } = env.applicationGateway;
  if (autoscale.minCapacity > autoscale.maxCapacity) {
    issue(
      ctx,
      ['applicationGateway', 'autoscale', 'maxCapacity'],
      `a maximum >= minCapacity (${autoscale.minCapacity})`,
      autoscale.maxCapacity,
    );
  }
  if (env.production && env.applicationGateway.waf.mode !== 'Prevention') {
    issue(ctx, ['applicationGateway', 'waf', 'mode'], 'Prevention in a production environment', env.applicationGateway.waf.mode);
  }
}

/**
 * Rules that keep one environment from being mistaken for another: the `environment` tag (cost reports and
 * policies read it) names this environment, and production state is never a file on one machine.
 */
function checkIdentity(env: EnvironmentInput, ctx: Ctx): void {
  const tagged = env.tags.environment;
  // A malformed name is reported by its own rule; the tag would only repeat it.
  if (tagged !== undefined && tagged !== env.name && ENVIRONMENT_NAME.test(env.name)) {
    issue(ctx, ['tags', 'environment'], `the environment's name (${JSON.stringify(env.name)}) or no such tag`, tagged);
  }
  if (env.production && env.state.backend === 'local') {
    issue(
      ctx,
      ['state', 'backend'],
      'a shared, locked backend ("azurerm" or "remote") in a production environment; local state lives on one machine',
      env.state.backend,
    );
  }
}

/** Production rules of the public entry point; ranges and shapes are checked by the schema itself. */
function checkEdge(env: EnvironmentInput, ctx: Ctx): void {
  if (!env.production) {
    return;
  }
  const gateway = env.applicationGateway;
  if (gateway.zones.length < 2) {
    issue(
      ctx,
      ['applicationGateway', 'zones'],
      'at least two availability zones in a production environment (the gateway and its public IP span them)',
      gateway.zones,
    );
  }
  if (gateway.certificate.source !== 'keyVault') {
    issue(
      ctx,
      ['applicationGateway', 'certificate', 'source'],
      'keyVault (a CA-issued certificate imported into the Key Vault) in a production environment; clients cannot trust a self-signed one',
      gateway.certificate.source,
    );
  }
}

function checkNames(env: EnvironmentInput, ctx: Ctx): void {
  // A malformed name or workload is already reported; derived names would only repeat it.
  if (
    !ENVIRONMENT_NAME.test(env.name) ||
    !WORKLOAD_NAME.test(env.workload) ||
    (env.naming.suffix !== undefined && !NAME_SUFFIX.test(env.naming.suffix))
  ) {
    return;
  }
  const problems = Naming.problems(
    namingContextOf(env),
    env.openai.instances,
    env.access.tiers.map((t) => t.name),
  );
  for (const problem of problems) {
    issue(
      ctx,
      ['name'],
      `a name and workload that give valid Azure names (${problem.kind}: ${problem.rule.min}-${problem.rule.max} characters, ${problem.rule.description})`,
      `${env.name} (gives "${problem.candidate}")`,
    );
  }
}

/**
 * Receivers reach someone and can all be told apart. Alert settings are overrides merged field by field over the
 * shipped defaults, so a window or frequency Azure Monitor refuses can come from the combination: the merged rule
 * is checked, and reported at the field to change.
 */
function checkMonitoring(env: EnvironmentInput, ctx: Ctx): void {
  const { receivers } = env.alerts;
  for (const name of duplicateReceiverNames(receivers)) {
    issue(ctx, ['alerts', 'receivers'], 'receiver names unique across emails and webhooks', name);
  }
  if (env.production && receivers.emails.length + receivers.webhooks.length === 0) {
    issue(
      ctx,
      ['alerts', 'receivers'],
      'at least one email or webhook receiver in a production environment, or alerts reach nobody',
      'no receivers',
    );
  }
  for (const id of ALERT_IDS) {
    const override = env.alerts.rules[id];
    for (const problem of alertRuleProblems(id, resolveAlertRule(id, override))) {
      issue(ctx, ['alerts', 'rules', id, problem.field], problem.expected, problem.found);
    }
  }
}

/** The environment file's schema: structure first, then rules that span fields. */
function checkPricing(env: EnvironmentInput, ctx: Ctx): void {
  env.access.tiers.forEach((tier, index) => {
    if (tier.monthlyBudget !== undefined && env.pricing === undefined) {
      issue(ctx, ['access', 'tiers', index, 'monthlyBudget'], 'a pricing section to estimate spend with', tier.monthlyBudget);
    }
  });
}

export const environmentSchema = environmentObject.superRefine((env, ctx) => {
  checkNetwork(env, ctx);
  checkOpenAi(env, ctx);
  checkSizing(env, ctx);
  checkNames(env, ctx);
  checkMonitoring(env, ctx);
  checkEdge(env, ctx);
  checkIdentity(env, ctx);
  checkPricing(env, ctx);
});

/** A validated environment, defaults applied. */
export type EnvironmentConfig = z.infer<typeof environmentSchema>;

/** The schema without cross-field rules, for generating the editor's JSON Schema. */
export const environmentStructure = environmentObject;
