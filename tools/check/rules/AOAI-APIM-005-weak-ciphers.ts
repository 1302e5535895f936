import { enabledSecurityFlags } from '../apim-security';
import { defineRule, fromProblems } from '../model';

/** 3DES and the CBC / non-forward-secret suites API Management can still offer. */
export const WEAK_CIPHER_FLAGS = [
  'triple_des_ciphers_enabled',
  'tls_ecdhe_ecdsa_with_aes128_cbc_sha_ciphers_enabled',
  'tls_ecdhe_ecdsa_with_aes256_cbc_sha_ciphers_enabled',
  'tls_ecdhe_rsa_with_aes128_cbc_sha_ciphers_enabled',
  'tls_ecdhe_rsa_with_aes256_cbc_sha_ciphers_enabled',
  'tls_rsa_with_aes128_cbc_sha256_ciphers_enabled',
  'tls_rsa_with_aes128_cbc_sha_ciphers_enabled',
  'tls_rsa_with_aes128_gcm_sha256_ciphers_enabled',
  'tls_rsa_with_aes256_cbc_sha256_ciphers_enabled',
  'tls_rsa_with_aes256_cbc_sha_ciphers_enabled',
] as const;

export const rule = defineRule({
  id: 'AOAI-APIM-005',
  title: 'API Management offers no 3DES or weak CBC cipher suites',
  severity: 'high',
  rationale: '3DES (Sweet32) and CBC-mode suites without forward secrecy weaken every TLS session that negotiates them.',
  remediation: `Leave ${WEAK_CIPHER_FLAGS.join(', ')} unset or false in the security block.`,
  references: { mcsb: ['DP-3'], other: ['https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.APIM.Ciphers/'] },
  resourceTypes: ['azurerm_api_management'],
  evaluate(resource) {
    return fromProblems(
      enabledSecurityFlags(
        resource,
        WEAK_CIPHER_FLAGS.map((flag) => [flag, undefined] as const),
      ),
    );
  },
});
