import { block, isRecord, stringList } from './values';

/**
 * A storage account reachable from no network: public network access is on only so that the trusted-service
 * exceptions work, while the firewall refuses every network (default Deny, no IP rules, no subnet rules). Private
 * endpoints and trusted Azure services (`bypass`, resource instance rules) are then the only ways in. Turning
 * public network access off instead would refuse those exceptions too.
 */
export function isClosedStorageFirewall(values: Readonly<Record<string, unknown>>): boolean {
  const rules = block(values, 'network_rules');
  if (!isRecord(rules)) {
    return false;
  }
  const ipRules = stringList(rules['ip_rules']);
  const subnets = stringList(rules['virtual_network_subnet_ids']);
  return (
    values['public_network_access_enabled'] === true &&
    rules['default_action'] === 'Deny' &&
    ipRules.items.length === 0 &&
    ipRules.expressions.length === 0 &&
    subnets.items.length === 0 &&
    subnets.expressions.length === 0
  );
}
