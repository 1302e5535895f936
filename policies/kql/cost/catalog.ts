/**
 * Cost estimates: KQL templates under `policies/kql/cost/` rendered with the environment's price table
 * (`pricing`), deployed only where one is configured. The price table travels inside each query as three parallel
 * lists (models, input and output prices per million tokens), so no data store is needed to join it.
 */
import { readFileSync } from 'node:fs';

import type { PricingConfig } from '../../../config/schema/pricing';
import { type KqlValues, renderKql } from '../../../lib/kql/render';
import type { TableName } from '../../../lib/kql/schemas';
import { projectPath } from '../../../lib/paths';
import type { SavedQuery } from '../catalog';

/** The saved query that estimates spend per caller; a template, unlike the library's fixed queries. */
export const COST_BY_CALLER: SavedQuery = {
  id: 'cost-by-caller',
  displayName: 'Estimated cost by subscription, product, client IP and model',
  description: 'Estimated spend over the last 30 days from the token counts and the configured list prices (an estimate, not a bill).',
  category: 'chargeback',
  packCategories: ['applications', 'audit'],
  resourceTypes: ['microsoft.apimanagement/service'],
  file: 'cost-by-caller.kql',
  tables: ['ApiManagementGatewayLlmLog', 'ApiManagementGatewayLogs'] satisfies TableName[],
};

/** The price table as template values: parallel lists, and the currency and date the estimates are labelled with. */
export function priceValues(pricing: PricingConfig): KqlValues {
  return {
    models: pricing.models.map((entry) => entry.model),
    inputPer1M: pricing.models.map((entry) => entry.inputPer1M),
    outputPer1M: pricing.models.map((entry) => entry.outputPer1M),
    currency: pricing.currency,
    effectiveDate: pricing.effectiveDate,
  };
}

/** The cost query with the environment's prices. */
export function renderCostQuery(pricing: PricingConfig): string {
  const template = readFileSync(projectPath('policies', 'kql', 'cost', COST_BY_CALLER.file), 'utf8');
  return renderKql(template, priceValues(pricing), COST_BY_CALLER.file);
}
