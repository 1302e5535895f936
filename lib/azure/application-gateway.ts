/**
 * Managed rule sets the WAF policy may run: the current release of each family Application Gateway WAF v2 offers
 * (https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules). The
 * configuration schema offers exactly these, and the WAF policy construct knows the exclusions each needs.
 */
export const WAF_RULE_SETS = [
  { type: 'Microsoft_DefaultRuleSet', version: '2.1' },
  { type: 'OWASP', version: '3.2' },
] as const;

export type WafRuleSetType = (typeof WAF_RULE_SETS)[number]['type'];
