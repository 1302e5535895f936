import { z } from 'zod';

import { cidr, positiveInt } from './primitives';

export const networkSchema = z.strictObject({
  addressSpace: z.array(cidr).min(1, { message: 'at least one address range' }),
  subnets: z.strictObject({
    /** Application Gateway v2 requires a subnet of its own. */
    applicationGateway: cidr,
    /** API Management in internal mode: dedicated, no delegation. */
    apiManagement: cidr,
    /** Private endpoints of every PaaS service. */
    privateEndpoints: cidr,
  }),
  /** An Azure DDoS Network Protection plan on the virtual network (billed per plan). */
  ddosProtection: z.boolean().default(false),
  flowLogs: z
    .strictObject({
      enabled: z.boolean(),
      retentionDays: positiveInt.max(365, { message: 'a number of days <= 365' }).default(90),
    })
    .default({ enabled: false, retentionDays: 90 }),
});

export type NetworkConfig = z.infer<typeof networkSchema>;
