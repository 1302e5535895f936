import { NetworkDdosProtectionPlan } from '@cdktf/provider-azurerm/lib/network-ddos-protection-plan';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import type { Construct } from 'constructs';

import type { Naming } from '../../lib/naming';
import { DiagnosticSettings } from '../diagnostics';
import { FRONTEND_PORTS } from '../edge/application-gateway';
import { apiManagementRules, applicationGatewayRules, type NsgRule, privateEndpointRules, runnerRules } from './nsg-rules';
import { SubnetSecurityGroup } from './subnet-security-group';

/** Subnets by purpose; each is dedicated to what its name says. */
export interface GatewaySubnets {
  readonly applicationGateway: Subnet;
  readonly apiManagement: Subnet;
  readonly privateEndpoints: Subnet;
}

export type GatewaySubnetKey = keyof GatewaySubnets;

/** Short purpose of each subnet in resource names. Part of the names, so never renamed. */
export const SUBNET_PURPOSES: Readonly<Record<GatewaySubnetKey, string>> = {
  applicationGateway: 'appgw',
  apiManagement: 'apim',
  privateEndpoints: 'pep',
};

/** Short purpose of the optional deployment runners' subnet in resource names. */
export const RUNNER_SUBNET_PURPOSE = 'runner';

function purposeOf(key: GatewaySubnetKey | 'runner'): string {
  return key === 'runner' ? RUNNER_SUBNET_PURPOSE : SUBNET_PURPOSES[key];
}

/** The edge gateway's own frontend ports: 443, and 80 for the redirect to HTTPS. */
export const DEFAULT_LISTENER_PORTS: readonly number[] = [FRONTEND_PORTS.https, FRONTEND_PORTS.http];

/** The address plan of the network and where operators connect from; the configuration schema validates it. */
export interface GatewayAddressPlan {
  readonly addressSpace: readonly string[];
  /** A prefix per subnet; the deployment runners' subnet is optional. */
  readonly subnets: Readonly<Record<GatewaySubnetKey, string>> & { readonly runner?: string | undefined };
  /** Address ranges of peered networks of runners and operators, admitted where the runner subnet is. */
  readonly operators: { readonly addressPrefixes: readonly string[] };
  /** An Azure DDoS Network Protection plan on the virtual network. */
  readonly ddosProtection: boolean;
}

export interface GatewayNetworkProps {
  readonly naming: Naming;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Address plan, operators' ranges, DDoS protection. */
  readonly network: GatewayAddressPlan;
  /** Log Analytics workspace for the network's diagnostics. */
  readonly workspaceId: string;
  /**
   * Ports the Application Gateway listeners accept.
   * @default DEFAULT_LISTENER_PORTS
   */
  readonly listenerPorts?: readonly number[];
}

/** What `addGatewayNetwork` created, for the stack to expose. */
export interface GatewayNetwork {
  readonly virtualNetwork: VirtualNetwork;
  readonly subnets: GatewaySubnets;
  readonly securityGroups: Readonly<Record<GatewaySubnetKey, SubnetSecurityGroup>>;
  /** The deployment runners' subnet and its security group, when the configuration has one. */
  readonly runner?: { readonly subnet: Subnet; readonly securityGroup: SubnetSecurityGroup };
  /** The plan protecting the network's public addresses; absent when DDoS protection is off. */
  readonly ddosProtectionPlan?: NetworkDdosProtectionPlan;
}

/**
 * Adds the environment's virtual network to `scope`: one dedicated subnet each for Application Gateway, API
 * Management and the private endpoints (the address space leaves room for more), a network security group on
 * every subnet that denies what its tenant does not need, optional DDoS Network Protection, and diagnostic
 * settings throughout.
 * The network and its subnets are created directly in `scope`, under the ids the first release gave them
 * (`virtual-network`, `subnet-<purpose>`): their Terraform addresses, and the cross-stack outputs other layers
 * read, must not change, or Terraform would replace the network.
 */
export function addGatewayNetwork(scope: Construct, props: GatewayNetworkProps): GatewayNetwork {
  const { naming, network } = props;
  const placement = { resourceGroupName: props.resourceGroupName, location: props.location };

  const ddosProtectionPlan = network.ddosProtection
    ? new NetworkDdosProtectionPlan(scope, 'ddos-protection-plan', { ...placement, name: naming.ddosProtectionPlan() })
    : undefined;
  const virtualNetwork = new VirtualNetwork(scope, 'virtual-network', {
    ...placement,
    name: naming.virtualNetwork(),
    addressSpace: [...network.addressSpace],
    ddosProtectionPlan: ddosProtectionPlan ? { id: ddosProtectionPlan.id, enable: true } : undefined,
  });
  new DiagnosticSettings(scope, 'virtual-network-diagnostics', {
    targetResourceId: virtualNetwork.id,
    workspaceId: props.workspaceId,
    profile: 'virtualNetwork',
  });

  const subnet = (key: GatewaySubnetKey | 'runner', extra: { privateEndpointNetworkPolicies?: string } = {}) =>
    new Subnet(scope, `subnet-${purposeOf(key)}`, {
      name: naming.subnet(purposeOf(key)),
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: virtualNetwork.name,
      addressPrefixes: [network.subnets[key]!],
      // No implicit internet egress. Application Gateway and API Management manage their own outbound path
      // (Azure does not apply private subnets to managed PaaS subnets), and private endpoints never start
      // connections.
      defaultOutboundAccessEnabled: false,
      ...extra,
    });
  const subnets: GatewaySubnets = {
    applicationGateway: subnet('applicationGateway'),
    apiManagement: subnet('apiManagement'),
    // Network security group rules apply to private endpoints only with network policies on.
    privateEndpoints: subnet('privateEndpoints', { privateEndpointNetworkPolicies: 'Enabled' }),
  };

  const prefixes = network.subnets;
  // Runners and operators (in this network or peered ones) reach Key Vault, storage and API Management.
  const operatorPrefixes: Record<string, string> = {
    ...(prefixes.runner ? { Runner: prefixes.runner } : {}),
    ...Object.fromEntries(network.operators.addressPrefixes.map((prefix, index) => [`Operators${index + 1}`, prefix])),
  };
  const rules: Record<GatewaySubnetKey, NsgRule[]> = {
    applicationGateway: applicationGatewayRules({ listenerPorts: props.listenerPorts ?? DEFAULT_LISTENER_PORTS }),
    apiManagement: apiManagementRules({
      apiManagementPrefix: prefixes.apiManagement,
      applicationGatewayPrefix: prefixes.applicationGateway,
      privateEndpointsPrefix: prefixes.privateEndpoints,
      operatorPrefixes,
    }),
    privateEndpoints: privateEndpointRules({
      privateEndpointsPrefix: prefixes.privateEndpoints,
      // API Management calls Azure OpenAI and Key Vault; Application Gateway reads its certificate from Key Vault.
      clientPrefixes: { ApiManagement: prefixes.apiManagement, ApplicationGateway: prefixes.applicationGateway, ...operatorPrefixes },
    }),
  };
  const keys = Object.keys(SUBNET_PURPOSES) as GatewaySubnetKey[];
  const securityGroups = Object.fromEntries(
    keys.map((key) => [
      key,
      new SubnetSecurityGroup(scope, `nsg-${SUBNET_PURPOSES[key]}`, {
        ...placement,
        name: naming.networkSecurityGroup(SUBNET_PURPOSES[key]),
        subnetId: subnets[key].id,
        rules: rules[key],
        workspaceId: props.workspaceId,
      }),
    ]),
  ) as Record<GatewaySubnetKey, SubnetSecurityGroup>;
  const runner = prefixes.runner ? addRunnerSubnet() : undefined;
  return { virtualNetwork, subnets, securityGroups, runner, ddosProtectionPlan };

  function addRunnerSubnet(): NonNullable<GatewayNetwork['runner']> {
    // Runners need an egress path to the internet (a NAT gateway, or the hub's firewall through a route table):
    // like the other subnets, this one has no implicit outbound access.
    const runnerSubnet = subnet('runner');
    const securityGroup = new SubnetSecurityGroup(scope, `nsg-${RUNNER_SUBNET_PURPOSE}`, {
      ...placement,
      name: naming.networkSecurityGroup(RUNNER_SUBNET_PURPOSE),
      subnetId: runnerSubnet.id,
      rules: runnerRules({
        runnerPrefix: prefixes.runner!,
        privateEndpointsPrefix: prefixes.privateEndpoints,
        apiManagementPrefix: prefixes.apiManagement,
      }),
      workspaceId: props.workspaceId,
    });
    return { subnet: runnerSubnet, securityGroup };
  }
}
