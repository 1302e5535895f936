import type { Rule } from '../model';
import { rule as agw001 } from './AOAI-AGW-001-waf-v2-sku';
import { rule as agw002 } from './AOAI-AGW-002-waf-policy-attached';
import { rule as agw003 } from './AOAI-AGW-003-ssl-policy';
import { rule as agw004 } from './AOAI-AGW-004-http-redirects-to-https';
import { rule as agw005 } from './AOAI-AGW-005-private-backends';
import { rule as agw006 } from './AOAI-AGW-006-backend-https';
import { rule as apim001 } from './AOAI-APIM-001-internal-vnet';
import { rule as apim002 } from './AOAI-APIM-002-managed-identity';
import { rule as apim003 } from './AOAI-APIM-003-frontend-tls';
import { rule as apim004 } from './AOAI-APIM-004-backend-tls';
import { rule as apim005 } from './AOAI-APIM-005-weak-ciphers';
import { rule as apim006 } from './AOAI-APIM-006-named-value-secrets';
import { rule as apim007 } from './AOAI-APIM-007-diagnostic-sampling';
import { rule as apim008 } from './AOAI-APIM-008-credential-masking';
import { rule as apim009 } from './AOAI-APIM-009-backend-https';
import { rule as apim010 } from './AOAI-APIM-010-backend-certificate-validation';
import { rule as apim011 } from './AOAI-APIM-011-api-https-only';
import { rule as apim012 } from './AOAI-APIM-012-sample-content-removed';
import { rule as apim013 } from './AOAI-APIM-013-portal-entra-only';
import { rule as appi001 } from './AOAI-APPI-001-workspace-based';
import { rule as appi002 } from './AOAI-APPI-002-local-auth-disabled';
import { rule as diag001 } from './AOAI-DIAG-001-diagnostic-setting-present';
import { rule as diag002 } from './AOAI-DIAG-002-apim-dedicated-tables';
import { rule as diag003 } from './AOAI-DIAG-003-valid-diagnostic-setting';
import { rule as id001 } from './AOAI-ID-001-security-groups';
import { rule as kv001 } from './AOAI-KV-001-rbac-authorization';
import { rule as kv002 } from './AOAI-KV-002-purge-protection';
import { rule as kv003 } from './AOAI-KV-003-soft-delete-retention';
import { rule as kv004 } from './AOAI-KV-004-public-network-access';
import { rule as kv005 } from './AOAI-KV-005-network-acl-deny';
import { rule as law001 } from './AOAI-LAW-001-retention';
import { rule as law002 } from './AOAI-LAW-002-local-auth-disabled';
import { rule as law003 } from './AOAI-LAW-003-workspace-permissions-only';
import { rule as life001 } from './AOAI-LIFE-001-prevent-destroy-in-production';
import { rule as mon001 } from './AOAI-MON-001-alert-split-by-entity';
import { rule as mon002 } from './AOAI-MON-002-alert-window-ingestion-delay';
import { rule as mon003 } from './AOAI-MON-003-lookback-within-retention';
import { rule as net001 } from './AOAI-NET-001-flow-log-retention';
import { rule as net002 } from './AOAI-NET-002-production-vnet-flow-logs';
import { rule as nsg001 } from './AOAI-NSG-001-internet-inbound-listener-ports';
import { rule as nsg002 } from './AOAI-NSG-002-management-ports';
import { rule as nsg003 } from './AOAI-NSG-003-subnet-nsg-association';
import { rule as oai001 } from './AOAI-OAI-001-public-network-access';
import { rule as oai002 } from './AOAI-OAI-002-local-auth-disabled';
import { rule as oai003 } from './AOAI-OAI-003-custom-subdomain';
import { rule as oai004 } from './AOAI-OAI-004-network-acl-deny';
import { rule as oai005 } from './AOAI-OAI-005-managed-identity';
import { rule as oai006 } from './AOAI-OAI-006-outbound-restricted';
import { rule as pe001 } from './AOAI-PE-001-private-dns-zone-group';
import { rule as pe002 } from './AOAI-PE-002-private-dns-zone-link';
import { rule as pe003 } from './AOAI-PE-003-paas-private-endpoint';
import { rule as rbac001 } from './AOAI-RBAC-001-no-privileged-subscription-roles';
import { rule as rbac002 } from './AOAI-RBAC-002-principal-type';
import { rule as st001 } from './AOAI-ST-001-minimum-tls';
import { rule as st002 } from './AOAI-ST-002-https-only';
import { rule as st003 } from './AOAI-ST-003-shared-key-disabled';
import { rule as st004 } from './AOAI-ST-004-blob-anonymous-access';
import { rule as st005 } from './AOAI-ST-005-public-network-access';
import { rule as st006 } from './AOAI-ST-006-network-default-deny';
import { rule as st007 } from './AOAI-ST-007-infrastructure-encryption';
import { rule as st008 } from './AOAI-ST-008-blob-versioning';
import { rule as st009 } from './AOAI-ST-009-blob-soft-delete';
import { rule as st010 } from './AOAI-ST-010-container-private';
import { rule as tf001 } from './AOAI-TF-001-provider-validators';
import { rule as tf002 } from './AOAI-TF-002-azapi-bodies';
import { rule as waf001 } from './AOAI-WAF-001-policy-enabled';
import { rule as waf002 } from './AOAI-WAF-002-prevention-mode';
import { rule as waf003 } from './AOAI-WAF-003-managed-rule-set-current';
import { rule as waf004 } from './AOAI-WAF-004-bot-protection';

export const ALL_RULES: readonly Rule[] = [
  agw001,
  agw002,
  agw003,
  agw004,
  agw005,
  agw006,
  apim001,
  apim002,
  apim003,
  apim004,
  apim005,
  apim006,
  apim007,
  apim008,
  apim009,
  apim010,
  apim011,
  apim012,
  apim013,
  appi001,
  appi002,
  diag001,
  diag002,
  diag003,
  id001,
  kv001,
  kv002,
  kv003,
  kv004,
  kv005,
  law001,
  law002,
  law003,
  mon001,
  mon002,
  mon003,
  life001,
  net001,
  net002,
  nsg001,
  nsg002,
  nsg003,
  oai001,
  oai002,
  oai003,
  oai004,
  oai005,
  oai006,
  pe001,
  pe002,
  pe003,
  rbac001,
  rbac002,
  st001,
  st002,
  st003,
  st004,
  st005,
  st006,
  st007,
  st008,
  st009,
  st010,
  tf001,
  tf002,
  waf001,
  waf002,
  waf003,
  waf004,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
