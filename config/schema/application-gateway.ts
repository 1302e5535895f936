import { z } from 'zod';

import { WAF_RULE_SETS } from '../../lib/azure/application-gateway';
import { availabilityZones, keyVaultCertificateName, providerNumber } from './primitives';

const hostName = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { message: 'a lowercase DNS host name' });

export const applicationGatewaySchema = z.strictObject({
  /** Instance bounds of autoscaling, as azurerm validates them. */
  autoscale: z.strictObject({
    minCapacity: providerNumber('azurerm_application_gateway', 'autoscale_configuration.min_capacity', 'a minimum capacity'),
    maxCapacity: providerNumber('azurerm_application_gateway', 'autoscale_configuration.max_capacity', 'a maximum capacity'),
  }),
  /** Availability zones of the gateway and its public IP; production needs at least two. */
  zones: availabilityZones.default([]),
  /** The public host name clients use; the TLS certificate must cover it. */
  hostName,
  certificate: z.discriminatedUnion(
    'source',
    [
      /** Key Vault issues a self-signed certificate: for environments without a public CA certificate. */
      z.strictObject({ source: z.literal('selfSigned') }),
      /** A certificate already imported into the environment's Key Vault, by its certificate name. */
      z.strictObject({
        source: z.literal('keyVault'),
        certificateName: keyVaultCertificateName,
      }),
    ],
    { message: 'a certificate source: "selfSigned" or "keyVault"' },
  ),
  waf: z.strictObject({
    mode: z.enum(['Prevention', 'Detection'], { message: 'a WAF mode: Prevention or Detection' }),
    ruleSet: z
      .strictObject({
        type: z.enum(['Microsoft_DefaultRuleSet', 'OWASP'], { message: 'a managed rule set: Microsoft_DefaultRuleSet or OWASP' }),
        version: z.string(),
      })
      .refine((rs) => WAF_RULE_SETS.some((known) => known.type === rs.type && known.version === rs.version), {
        message: `a current managed rule set: ${WAF_RULE_SETS.map((r) => `${r.type} ${r.version}`).join(' or ')}`,
      })
      .default({ type: 'Microsoft_DefaultRuleSet', version: '2.1' }),
    /** Large prompts are large JSON bodies; 2000 KB is the most a v2 WAF policy inspects. */
    maxRequestBodySizeKb: providerNumber(
      'azurerm_web_application_firewall_policy',
      'policy_settings.max_request_body_size_in_kb',
      'a size in KB',
    ).default(2000),
    fileUploadLimitMb: providerNumber(
      'azurerm_web_application_firewall_policy',
      'policy_settings.file_upload_limit_in_mb',
      'a size in MB',
    ).default(100),
    /** Optional per-client-IP rate limit in front of API Management. */
    rateLimitPerMinute: z.number().int({ message: 'a whole number' }).min(1, { message: 'a request count > 0' }).optional(),
  }),
  /** Long completions take minutes; the gateway must not cut them. */
  requestTimeoutSeconds: z.number().int().min(30, { message: 'seconds 30-86400' }).max(86400, { message: 'seconds 30-86400' }).default(300),
});

export type ApplicationGatewayConfig = z.infer<typeof applicationGatewaySchema>;
