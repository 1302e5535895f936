import { z } from 'zod';

/** A price per million tokens, in the table's currency; zero is allowed (free tiers, internal transfer prices). */
const pricePer1M = z.number({ message: 'a price per million tokens' }).min(0, { message: 'a price per million tokens >= 0' });

/**
 * List prices the cost queries estimate spend with. An estimate: the operator keeps it current from the Azure
 * OpenAI pricing page and the organisation's agreement; provisioned (PTU) deployments are billed per hour, not per
 * token, and are left out.
 */
export const pricingSchema = z
  .strictObject({
    /** ISO 4217 code the prices and budgets are in. */
    currency: z.string().regex(/^[A-Z]{3}$/, { message: 'an ISO 4217 currency code such as USD' }),
    /** When these prices took effect (shown with every estimate). */
    effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date as YYYY-MM-DD' }),
    models: z
      .array(
        z.strictObject({
          /** The model as the LLM log names it (`ModelName`), e.g. gpt-4o. */
          model: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'a model name such as gpt-4o' }),
          inputPer1M: pricePer1M,
          outputPer1M: pricePer1M,
        }),
      )
      .min(1, { message: 'at least one model price' }),
  })
  .superRefine((pricing, ctx) => {
    const seen = new Set<string>();
    pricing.models.forEach((entry, index) => {
      if (seen.has(entry.model)) {
        ctx.addIssue({ code: 'custom', path: ['models', index, 'model'], message: 'a model priced once', input: entry.model });
      }
      seen.add(entry.model);
    });
  });

export type PricingConfig = z.infer<typeof pricingSchema>;
