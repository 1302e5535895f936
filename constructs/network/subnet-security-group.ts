import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { Construct } from 'constructs';

import { DiagnosticSettings } from '../diagnostics';
import { type NsgRule, ruleProblems } from './nsg-rules';

export interface SubnetSecurityGroupProps {
  /** Security group name, from the naming module. */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The subnet the group is associated with. */
  readonly subnetId: string;
  /** Every rule of the group, deny-all included; see `nsg-rules.ts`. */
  readonly rules: readonly NsgRule[];
  /** Log Analytics workspace for the group's events and rule counters. */
  readonly workspaceId: string;
}

/**
 * A network security group for one subnet: its rules as separate resources (one Terraform address per rule, so a
 * change shows as exactly the rule that changed), its association with the subnet, and its diagnostic settings.
 * Rules are checked when the construct is built, before anything reaches Azure.
 */
export class SubnetSecurityGroup extends Construct {
  readonly securityGroup: NetworkSecurityGroup;
  readonly rules: readonly NetworkSecurityRule[];

  constructor(scope: Construct, id: string, props: SubnetSecurityGroupProps) {
    super(scope, id);
    const problems = ruleProblems(props.rules);
    if (problems.length > 0) {
      throw new Error(`network security group ${props.name}: ${problems.join('; ')}`);
    }
    this.securityGroup = new NetworkSecurityGroup(this, 'group', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
    });
    this.rules = props.rules.map((rule) => {
      const anyPort = rule.ports.length === 1 && rule.ports[0] === '*';
      return new NetworkSecurityRule(this, rule.name, {
        name: rule.name,
        resourceGroupName: props.resourceGroupName,
        networkSecurityGroupName: this.securityGroup.name,
        priority: rule.priority,
        direction: rule.direction,
        access: rule.access,
        protocol: rule.protocol,
        sourceAddressPrefix: rule.source,
        sourcePortRange: '*',
        destinationAddressPrefix: rule.destination,
        destinationPortRange: anyPort || rule.ports.length === 1 ? rule.ports[0] : undefined,
        destinationPortRanges: anyPort || rule.ports.length === 1 ? undefined : [...rule.ports],
        description: rule.description,
      });
    });
    new SubnetNetworkSecurityGroupAssociation(this, 'association', {
      subnetId: props.subnetId,
      networkSecurityGroupId: this.securityGroup.id,
    });
    new DiagnosticSettings(this, 'diagnostics', {
      targetResourceId: this.securityGroup.id,
      workspaceId: props.workspaceId,
      profile: 'networkSecurityGroup',
    });
  }
}
