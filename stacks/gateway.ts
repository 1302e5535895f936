import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';

import { AccessProduct } from '../constructs/apim/access-product';
import { ApiManagementService } from '../constructs/apim/api-management-service';
import { ApiManagementCustomDomain } from '../constructs/apim/custom-domain';
import { DeveloperPortalSignIn } from '../constructs/apim/developer-portal-sign-in';
import { ApiManagementDnsRecords } from '../constructs/apim/dns-records';
import { GatewayLogging } from '../constructs/apim/gateway-logging';
import { NamedValues } from '../constructs/apim/named-values';
import { OpenAiApi } from '../constructs/apim/openai-api';
import { OpenAiBackends } from '../constructs/apim/openai-backends';
import { SampleContentRemoval } from '../constructs/apim/sample-content';
import { WorkloadSubscriptions } from '../constructs/apim/workload-subscriptions';
import { OpenAiAccess } from '../constructs/openai/role-assignment';
import { retriesToReachEveryMember } from '../lib/backend-pool';
import type { Environment } from '../lib/environment';
import { OPENAI_API_SETTINGS } from '../lib/policy/openai-api';
import { type EntraTokenValidation, type PolicyRenderContext, renderOpenAiApiPolicy, renderTierPolicy } from '../lib/policy/render';
import { LayerStack } from './base';
import type { DataStack } from './data';
import type { IdentityStack } from './identity';
import type { MonitoringStack } from './monitoring';
import type { NetworkStack } from './network';
import type { OpenAiStack } from './openai';

export interface GatewayStackProps {
  readonly identity: Pick<IdentityStack, 'developerPortal' | 'workloadClientIds' | 'tiers' | 'gatewayApplication'>;
  readonly monitoring: Pick<MonitoringStack, 'workspace' | 'applicationInsights'>;
  readonly network: Pick<NetworkStack, 'subnets' | 'resourceGroup' | 'dns'>;
  readonly data: Pick<DataStack, 'keyVault'>;
  readonly openai: Pick<OpenAiStack, 'instances'>;
}

/** Named value holding the gateway app registration's client id: the `aud` of v2 tokens for the gateway. */
export const GATEWAY_CLIENT_ID_NAMED_VALUE = 'gateway-client-id';

/**
 * API Management in internal mode: who may call (Entra token with a tier's role, plus that tier's subscription key),
 * load balancing over the Azure OpenAI accounts with circuit breakers and retries, keyless calls with the instance's
 * managed identity, and complete logging of requests, prompts, completions and tokens.
 */
export class GatewayStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;
  readonly apiManagement: ApiManagementService;
  /** `<apim name>.<zone>` (azure-api.net or the custom domain): what Application Gateway sends traffic and probes to. */
  readonly gatewayHostName: string;
  readonly dnsRecords: ApiManagementDnsRecords;
  readonly backends: OpenAiBackends;
  readonly namedValues: NamedValues;
  readonly api: OpenAiApi;
  readonly developerPortalSignIn: DeveloperPortalSignIn;
  /** By tier name. */
  readonly products: Readonly<Record<string, AccessProduct>>;
  readonly workloadSubscriptions: WorkloadSubscriptions;
  /** Present when the environment brings its own domain (`apiManagement.customDomain`). */
  readonly customDomain?: ApiManagementCustomDomain;
  readonly logging: GatewayLogging;
  /** "Cognitive Services OpenAI User" for the instance's identity on every account. */
  readonly openAiAccess: OpenAiAccess;

  constructor(scope: Construct, environment: Environment, props: GatewayStackProps) {
    super(scope, environment, 'gateway');
    this.useAzurerm();
    const { naming, config } = environment;
    const { identity, monitoring, network, openai } = props;
    const { tenantId } = config.azure;
    const apimConfig = config.apiManagement;
    this.resourceGroup = this.layerResourceGroup();
    const placement = { resourceGroupName: this.resourceGroup.name };

    const apimName = naming.apiManagement();
    this.gatewayHostName = naming.apiManagementGatewayHostName();
    this.apiManagement = new ApiManagementService(this, 'api-management', {
      ...placement,
      name: apimName,
      location: this.resourceGroup.location,
      sizing: apimConfig,
      publisher: { name: apimConfig.publisherName, email: apimConfig.publisherEmail },
      activationWaitSeconds: apimConfig.activationWaitSeconds,
      subnetId: network.subnets.apiManagement.id,
      publicIp: { name: naming.publicIp('apim'), domainNameLabel: naming.domainNameLabel('apim') },
      workspaceId: monitoring.workspace.id,
      preventDestroy: environment.production,
    });
    const apim = this.apiManagement;
    const service = { ...placement, apiManagementName: apim.name };
    const ready = [apim.ready];

    // The environment's own domain: API Management serves it only once the certificate is bound.
    const { customDomain } = apimConfig;
    if (customDomain !== undefined) {
      this.customDomain = new ApiManagementCustomDomain(this, 'custom-domain', {
        apiManagementId: apim.id,
        principalId: apim.principalId,
        keyVault: props.data.keyVault,
        certificateName: customDomain.certificateName,
        hostNames: naming.apiManagementHostNames(),
        dependsOn: ready,
      });
    }

    this.dnsRecords = new ApiManagementDnsRecords(this, 'dns', {
      recordNames: naming.apiManagementRecords(),
      zoneName: network.dns.zones.apiManagement.name,
      zoneResourceGroupName: network.resourceGroup.name,
      privateIpAddresses: apim.privateIpAddresses,
    });

    this.openAiAccess = new OpenAiAccess(this, 'openai-access', {
      instances: openai.instances,
      role: 'Cognitive Services OpenAI User',
      principalId: apim.principalId,
      principalType: 'ServicePrincipal',
      description: 'API Management calls the model deployments with its managed identity; keys are disabled',
    });

    const poolName = naming.apiManagementBackendPool();
    this.backends = new OpenAiBackends(this, 'backends', {
      ...service,
      apiManagementId: apim.id,
      poolName,
      targets: openai.instances.map((instance) => ({
        instance: instance.name,
        backendName: naming.apiManagementBackend(instance.name),
        endpoint: instance.endpoint,
        accountId: instance.account.id,
        priority: instance.priority,
        weight: instance.weight,
      })),
      circuitBreaker: apimConfig.circuitBreaker,
      dependsOn: ready,
    });

    // Workload client ids are known only once the identity layer has looked them up: each becomes a named value the
    // policies list by reference.
    const workloadClients = Object.entries(identity.workloadClientIds).map(([objectId, clientId]) => ({
      name: naming.apiManagementNamedValue(`workload-client-${objectId}`),
      clientId,
    }));
    this.namedValues = new NamedValues(this, 'named-values', {
      ...service,
      principalId: apim.principalId,
      values: [
        { name: naming.apiManagementNamedValue(GATEWAY_CLIENT_ID_NAMED_VALUE), value: identity.gatewayApplication.clientId },
        ...workloadClients.map(({ name, clientId }) => ({ name, value: clientId })),
      ],
      dependsOn: ready,
    });
    const namedValueResources = Object.values(this.namedValues.values);

    // Policies are rendered here, at synth time, and checked against what this stack declares: every named value
    // and backend id they name must exist, or synth fails naming the template and the missing item.
    const context: PolicyRenderContext = { namedValues: this.namedValues.names, backendIds: this.backends.backendIds };
    const entra: EntraTokenValidation = {
      tenantId,
      audiences: [`{{${naming.apiManagementNamedValue(GATEWAY_CLIENT_ID_NAMED_VALUE)}}}`, naming.gatewayIdentifierUri(tenantId)],
      // Only tokens obtained through a configured client application, or a workload's own, are accepted: any
      // other app in the tenant that a tier member signs in to cannot call as them.
      clientApplicationIds: [
        ...config.access.clientApplications.map((client) => client.clientId),
        ...workloadClients.map(({ name }) => `{{${name}}}`),
      ],
    };
    const apiPolicy = renderOpenAiApiPolicy(
      {
        entra,
        backendPoolId: poolName,
        retryCount: apimConfig.retry.count ?? retriesToReachEveryMember(openai.instances.length),
        retryIntervalSeconds: apimConfig.retry.intervalSeconds,
        backendTimeoutSeconds: apimConfig.backendTimeoutSeconds,
        // With every member tripped, callers are told to come back when the breakers close.
        retryAfterSeconds: apimConfig.circuitBreaker.tripDurationSeconds,
      },
      context,
    );
    this.api = new OpenAiApi(this, 'openai-api', {
      ...service,
      policyXml: apiPolicy,
      dependsOn: [...ready, this.backends.pool.resource, ...namedValueResources],
    });

    this.developerPortalSignIn = new DeveloperPortalSignIn(this, 'developer-portal', {
      ...service,
      apiManagementId: apim.id,
      tenantId,
      clientId: identity.developerPortal.clientId,
      clientSecret: identity.developerPortal.clientSecret,
      dependsOn: ready,
    });

    new SampleContentRemoval(this, 'samples', { apiManagementId: apim.id, dependsOn: ready });

    const products: Record<string, AccessProduct> = {};
    for (const tier of config.access.tiers) {
      const tierIdentity = identity.tiers.find((candidate) => candidate.tier === tier.name);
      if (tierIdentity === undefined) {
        throw new Error(`GatewayStack: the identity layer has no Entra group for tier "${tier.name}"`);
      }
      const policyXml = renderTierPolicy(
        {
          tierName: tier.name,
          entra,
          requiredClaim: { name: 'roles', values: [tierIdentity.roleValue] },
          allowedDeployments: tier.deployments,
          tokensPerMinute: tier.tokensPerMinute,
          tokenQuota: tier.tokenQuota,
        },
        context,
      );
      products[tier.name] = new AccessProduct(this, `tier-${tier.name}`, {
        ...service,
        displayName: tier.displayName,
        description: tier.description,
        approvalRequired: tier.approvalRequired,
        subscriptionsLimit: tier.subscriptionsLimit,
        productId: tier.name,
        groupName: naming.apiManagementGroup(tier.name),
        tenantId,
        entraGroupObjectId: tierIdentity.group.objectId,
        apis: [{ key: 'openai', name: this.api.api.name }],
        policyXml,
        dependsOn: [...ready, this.developerPortalSignIn.identityProvider, ...namedValueResources],
      });
    }
    this.products = products;

    // Workloads granted a tier get a subscription of its product, their key delivered to the Key Vault.
    this.workloadSubscriptions = new WorkloadSubscriptions(this, 'workload-subscriptions', {
      ...service,
      keyVaultId: props.data.keyVault.id,
      workloads: config.access.tiers.flatMap((tier) =>
        tier.servicePrincipals.map((principalId) => ({
          principalId,
          productId: products[tier.name]!.product.id,
          displayName: `Workload ${principalId} (${tier.name})`,
          subscriptionId: naming.workloadSubscription(tier.name, principalId),
          secretName: naming.workloadSubscriptionSecret(tier.name, principalId),
        })),
      ),
      dependsOn: Object.values(products).map((product) => product.policy),
    });

    this.logging = new GatewayLogging(this, 'logging', {
      ...service,
      apiManagementId: apim.id,
      applicationInsights: monitoring.applicationInsights,
      principalId: apim.principalId,
      apiName: this.api.apiName,
      logging: apimConfig.logging,
      dependsOn: [...ready, this.api.api],
    });

    new TerraformOutput(this, 'gateway-host-name', {
      value: this.gatewayHostName,
      description: 'Host name of the API Management gateway; resolves to its private address inside the network.',
    });
    new TerraformOutput(this, 'api-management-name', { value: apimName, description: 'Name of the API Management instance.' });
    new TerraformOutput(this, 'openai-base-path', {
      value: `https://${this.gatewayHostName}/${OPENAI_API_SETTINGS.path}`,
      description: 'Azure OpenAI endpoint as seen inside the network; clients use the Application Gateway host instead.',
    });
  }
}
