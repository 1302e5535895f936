import type { ApplicationGateway } from '@cdktf/provider-azurerm/lib/application-gateway';
import type { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { WebApplicationFirewallPolicy } from '@cdktf/provider-azurerm/lib/web-application-firewall-policy';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';

import { EdgeGateway } from '../constructs/edge/edge-gateway';
import type { Environment } from '../lib/environment';
import { LayerStack } from './base';
import type { DataStack } from './data';
import type { GatewayStack } from './gateway';
import type { MonitoringStack } from './monitoring';
import type { NetworkStack } from './network';

export interface EdgeStackProps {
  readonly monitoring: Pick<MonitoringStack, 'workspace'>;
  readonly network: Pick<NetworkStack, 'subnets'>;
  readonly data: Pick<DataStack, 'keyVault'>;
  readonly gateway: Pick<GatewayStack, 'gatewayHostName'>;
}

/** Application Gateway with WAF v2: the single public entry point. */
export class EdgeStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;
  readonly edge: EdgeGateway;
  /** API Management's gateway host name the Application Gateway forwards to. */
  readonly backendHostName: string;

  constructor(scope: Construct, environment: Environment, props: EdgeStackProps) {
    super(scope, environment, 'edge');
    this.useAzurerm();
    const { naming, config } = environment;
    this.resourceGroup = this.layerResourceGroup();
    this.backendHostName = props.gateway.gatewayHostName;

    this.edge = new EdgeGateway(this, 'edge', {
      names: {
        applicationGateway: naming.applicationGateway(),
        wafPolicy: naming.wafPolicy(),
        publicIp: naming.publicIp('agw'),
        domainNameLabel: naming.domainNameLabel('agw'),
        identity: naming.userAssignedIdentity('agw'),
        selfSignedCertificate: naming.keyVaultCertificate('agw'),
      },
      resourceGroupName: this.resourceGroup.name,
      location: this.resourceGroup.location,
      hostName: config.applicationGateway.hostName,
      zones: config.applicationGateway.zones,
      autoscale: config.applicationGateway.autoscale,
      requestTimeoutSeconds: config.applicationGateway.requestTimeoutSeconds,
      certificate: config.applicationGateway.certificate,
      waf: config.applicationGateway.waf,
      subnetId: props.network.subnets.applicationGateway.id,
      keyVault: props.data.keyVault,
      backendHostName: this.backendHostName,
      workspaceId: props.monitoring.workspace.id,
      protectPublicIp: environment.production,
    });

    new TerraformOutput(this, 'public-ip-address', {
      value: this.edge.publicIp.ipAddress,
      description: 'Address clients reach; the public host name resolves to it.',
    });
    new TerraformOutput(this, 'public-fqdn', {
      value: this.edge.publicIp.fqdn,
      description: 'Azure DNS name of the public IP, a CNAME target for the public host name.',
    });
    new TerraformOutput(this, 'host-name', {
      value: config.applicationGateway.hostName,
      description: 'Public host name the HTTPS listener answers for.',
    });
  }

  get applicationGateway(): ApplicationGateway {
    return this.edge.applicationGateway.gateway;
  }

  get publicIp(): PublicIp {
    return this.edge.publicIp;
  }

  get wafPolicy(): WebApplicationFirewallPolicy {
    return this.edge.wafPolicy;
  }
}
