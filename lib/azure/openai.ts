/**
 * Deployment SKUs the gateway serves: the pay-as-you-go and provisioned kinds whose calls the gateway can route
 * per request (azurerm also accepts the batch SKUs, which take files, not requests). The configuration schema offers
 * these, and a test holds them to azurerm's own list for `azurerm_cognitive_deployment.sku.name`.
 */
export const DEPLOYMENT_SKUS = ['Standard', 'GlobalStandard', 'DataZoneStandard', 'ProvisionedManaged'] as const;
export type DeploymentSku = (typeof DEPLOYMENT_SKUS)[number];

/** How a deployment follows new model versions (azurerm `version_upgrade_option`). */
export const VERSION_UPGRADE_OPTIONS = ['OnceNewDefaultVersionAvailable', 'OnceCurrentVersionExpired', 'NoAutoUpgrade'] as const;
export type VersionUpgradeOption = (typeof VERSION_UPGRADE_OPTIONS)[number];
