/**
 * The Terraform releases the synthesized stacks need, written to every stack as `terraform.required_version` so an
 * older binary stops at `init` with Terraform's own message instead of failing half-way:
 * - 1.8: `moved` blocks between resource types (the virtual network flow log moved from azurerm to azapi) and
 *   provider-defined functions (`provider::time::rfc3339_parse`, the portal secrets' rotation windows);
 *   https://developer.hashicorp.com/terraform/language/modules/develop/refactoring#moving-resources-between-types
 * - 1.5: `plantimestamp()`, which 1.8 includes.
 */
export const TERRAFORM_REQUIRED_VERSION = '>= 1.8.0';
