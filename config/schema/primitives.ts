import { z } from 'zod';

import { accepts, attributeValidator, type Check, describe } from '../../lib/azure/provider-validators';
import { isCidr, parseCidr } from '../../lib/cidr';
import { GUID } from '../../lib/guid';
import { REGION_NAMES } from '../../lib/regions';
import { closest } from '../../lib/suggest';

/**
 * Building blocks of the environment schema. Each custom message states what is *expected*; the loader adds the
 * field path and the value that was found.
 */

export const uuid = z.string().regex(GUID, {
  message: 'a lowercase GUID such as 00000000-0000-0000-0000-000000000000',
});

/**
 * A region the project has a naming code for (lib/regions.ts). Azure has regions the project does not list yet;
 * the message says how to add one rather than calling the name wrong.
 */
export const region = z.enum(REGION_NAMES, {
  error: (issue) => {
    const found = typeof issue.input === 'string' ? issue.input : '';
    const suggestion = closest(found, REGION_NAMES, 3);
    return suggestion
      ? `a supported Azure region (did you mean "${suggestion}"?)`
      : 'a supported Azure region (lib/regions.ts lists them; adding one is one line there, with its short code)';
  },
});

export const cidr = z.string().superRefine((value, ctx) => {
  const parsed = parseCidr(value);
  if (!isCidr(parsed)) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
  }
});

/**
 * A number the provider accepts for `<resource type>.<attribute>`, by the provider's own validator
 * (lib/azure/provider-validators): the schema refuses at the edge, in one line, what `terraform plan` would refuse.
 * `what` names the value in the message ("a total retention in days").
 */
export function providerNumber(resourceType: string, attribute: string, what: string): z.ZodType<number> {
  const { check } = attributeValidator(resourceType, attribute);
  return numberSchema(check, `${what} (${describe(check)})`);
}

/** Ranges and lists as zod's own constraints, so the editor schema shows them too. */
function numberSchema(check: Check, message: string): z.ZodType<number> {
  switch (check.kind) {
    case 'between': {
      let schema = z.number({ message });
      schema = check.integer ? schema.int({ message }) : schema;
      schema = check.min === undefined ? schema : schema.min(check.min, { message });
      return check.max === undefined ? schema : schema.max(check.max, { message });
    }
    case 'oneOf':
      return z.literal(
        check.values.filter((value): value is number => typeof value === 'number'),
        { message },
      );
    case 'any':
      return z.union(
        check.of.map((inner) => numberSchema(inner, message)),
        { message },
      );
    default:
      return z.number({ message }).refine((value) => accepts(check, value), { message });
  }
}

/** A certificate already imported into the environment's Key Vault, by name. */
export const keyVaultCertificateName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,127}$/, { message: 'a Key Vault certificate name (1-127 letters, digits or hyphens)' });

export const positiveInt = z.number().int({ message: 'a whole number' }).positive({ message: 'a number > 0' });

export const shortName = (what: string, maxLength: number) =>
  z.string().regex(new RegExp(`^[a-z][a-z0-9]{1,${maxLength - 1}}$`), {
    message: `${what}: 2-${maxLength} lowercase letters or digits, starting with a letter`,
  });

/** Resource names inside API Management, deployments and Entra ID display names share this safe alphabet. */
export const resourceId = (what: string) =>
  z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/, {
    message: `${what}: 2-64 lowercase letters, digits or hyphens, not starting or ending with a hyphen`,
  });

export const availabilityZones = z
  .array(z.enum(['1', '2', '3'], { message: 'an availability zone "1", "2" or "3"' }))
  .refine((zones) => new Set(zones).size === zones.length, { message: 'a list of distinct availability zones' });

export const email = z.email({ message: 'an email address' });

export const httpsUrl = z.url({ protocol: /^https$/, message: 'an https:// URL' });
