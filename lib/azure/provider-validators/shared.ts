import { all, at, type AttributeValidator, type Check, isRecord, matches, NOT_EMPTY, oneOf, UUID } from './model';

/**
 * Validators that several azurerm resources share, or that are functions rather than one call of the SDK's
 * `validation` package, transcribed with the file and line of the function at the pinned tag. Go's regular
 * expressions (RE2) are written here as the JavaScript expressions that accept the same strings.
 */

// --- github.com/hashicorp/go-azure-helpers, vendored in terraform-provider-azurerm at v4.55.0

const HELPERS = 'vendor/github.com/hashicorp/go-azure-helpers/resourcemanager';

/** A tag map the way `tags.Validate` (and the storage variant) measures it: count, key and value length. */
function tagProblem(maxKey: number, extra?: (tags: Record<string, unknown>) => string | undefined) {
  return (value: unknown): string | undefined => {
    if (!isRecord(value)) {
      return 'not a map';
    }
    const entries = Object.entries(value);
    if (entries.length > 50) {
      return `${entries.length} tags, at most 50`;
    }
    const long = entries.find(([key, tag]) => key.length > maxKey || String(tag).length > 256);
    if (long !== undefined) {
      return `tag "${long[0]}" is longer than ${maxKey} (key) or 256 (value) characters`;
    }
    return extra?.(value);
  };
}

/** `commonschema.Tags()` -> `tags.Validate`. */
export const TAGS: AttributeValidator = at(
  13,
  { kind: 'custom', expected: 'at most 50 tags, keys up to 512 and values up to 256 characters', problem: tagProblem(512) },
  `${HELPERS}/tags/validate.go`,
);

/** `commonschema.Zones*()`: each zone a non-empty string. */
export const ZONES: AttributeValidator = at(45, NOT_EMPTY, `${HELPERS}/commonschema/zones.go`);

/**
 * `commonschema.Location()` -> `location.EnhancedValidate`: offline (no list of the subscription's locations) it is
 * `StringIsNotEmpty`; the list of regions the project deploys to is `lib/regions.ts`.
 */
export const LOCATION: AttributeValidator = at(18, NOT_EMPTY, `${HELPERS}/location/validation.go`);

/** `commonschema.ResourceGroupName()` -> `resourcegroups.ValidateName`. */
export const RESOURCE_GROUP_NAME: AttributeValidator = at(
  12,
  {
    kind: 'custom',
    expected: 'a resource group name: 1-90 of letters, digits, "-", "_", ".", "(", ")", not ending in "."',
    problem: (value) =>
      typeof value === 'string' && value.length >= 1 && value.length <= 90 && !value.endsWith('.') && /^[-\w._()]+$/.test(value)
        ? undefined
        : 'not a valid resource group name',
  },
  `${HELPERS}/resourcegroups/validate.go`,
);

// --- terraform-provider-azurerm v4.55.0, helpers/

/** `validate.PortNumber`: 1 to 65535. */
export const PORT_NUMBER: Check = { kind: 'between', integer: true, min: 1, max: 65535 };
export const PORT_NUMBER_AT = (line: number): AttributeValidator => at(line, PORT_NUMBER);

/**
 * `azValidate.ISO8601Duration` (helpers/validate/time.go:16) parses with github.com/rickb777/date/period: a
 * designator `P`, then at least one number-unit pair, time units after `T`.
 */
export const ISO8601_DURATION: Check = {
  kind: 'custom',
  expected: 'an ISO 8601 duration (e.g. PT1M)',
  problem: (value) =>
    typeof value === 'string' &&
    /^[-+]?P(?!$)(\d+(?:[.,]\d+)?Y)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?W)?(\d+(?:[.,]\d+)?D)?(T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/.test(
      value,
    )
      ? undefined
      : 'not an ISO 8601 duration',
};

/** `azure.ValidateResourceID` (helpers/azure/deprecated_soon.go:30 -> resourceid.go:28). */
export const RESOURCE_ID: Check = {
  kind: 'custom',
  expected: 'a resource ID: /subscriptions/<id>/... in key/value pairs',
  problem: (value) => {
    if (typeof value !== 'string' || !value.startsWith('/')) {
      return 'not an absolute path';
    }
    const segments = value.replace(/^\/|\/$/g, '').split('/');
    if (segments.length % 2 !== 0) {
      return 'the number of path segments is not divisible by 2';
    }
    if (segments.some((segment) => segment === '')) {
      return 'an empty key or value';
    }
    return segments.some((segment, index) => index % 2 === 0 && segment === 'subscriptions') ? undefined : 'no subscription ID';
  },
};

// --- terraform-provider-azurerm v4.55.0, internal/services/*/validate and schemaz

const APIM_VALIDATE = 'internal/services/apimanagement/validate/api_management.go';

/** `schemaz.SchemaApiManagementName()` -> `validate.ApiManagementServiceName`. */
export const APIM_SERVICE_NAME = at(26, matches(/^[0-9a-zA-Z-]{1,50}$/, 'letters, digits and dashes, up to 50'), APIM_VALIDATE);
/** `schemaz.SchemaApiManagementChildName()` -> `validate.ApiManagementChildName`. */
export const APIM_CHILD_NAME = at(
  16,
  matches(/^[a-zA-Z0-9]([a-zA-Z0-9\-_]{0,78}[a-zA-Z0-9])?$/, 'letters, digits, "-" and "_" inside, up to 80'),
  APIM_VALIDATE,
);
/** `schemaz.SchemaApiManagementApiName()` -> `validate.ApiManagementApiName`. */
export const APIM_API_NAME = at(70, matches(/^[^*#&+]{1,256}$/, 'up to 256 characters, none of * # & +'), APIM_VALIDATE);
export const APIM_PUBLISHER_NAME = at(50, matches(/^.{1,100}$/, '1 to 100 characters'), APIM_VALIDATE);
export const APIM_PUBLISHER_EMAIL = at(60, matches(/^[\S*]{1,100}$/, '1 to 100 characters without spaces'), APIM_VALIDATE);
export const APIM_API_PATH = at(
  79,
  matches(/^(?:|[\w]|[\w.][\w\-/.:]{0,398}[\w-])$/, 'a URL path up to 400 characters, not starting or ending with "/"'),
  APIM_VALIDATE,
);
export const APIM_BACKEND_NAME = at(89, matches(/(^[\w]+$)|(^[\w][\w-]+[\w]$)/, 'letters, digits, "_" and inner dashes'), APIM_VALIDATE);
export const APIM_NAMED_VALUE_DISPLAY_NAME = at(
  101,
  matches(/^[0-9a-zA-Z_.-]{1,256}$/, 'letters, digits, ".", "_", "-", up to 256'),
  APIM_VALIDATE,
);
/** `validate.ApimSkuName()`: the regular expression is unanchored after BasicV2 and StandardV2, as in the source. */
export const APIM_SKU_NAME = at(
  15,
  matches(
    /^Consumption_0$|^Basic_(1|2)$|^BasicV2_([1-9]|10)|^Developer_1$|^Premium_([1-9][0-9]{0,1})$|^PremiumV2_([1-9]|1[0-9]|2[0-9]|30)$|^Standard_[1-4]$|^StandardV2_([1-9]|10)$/,
    'an API Management SKU: Developer_1, Premium_<1-99>, ...',
  ),
  'internal/services/apimanagement/validate/api_management_sku.go',
);

/** `cognitive/validate.AccountName()`. */
export const COGNITIVE_ACCOUNT_NAME = at(
  15,
  matches(/^([a-zA-Z0-9]{1}[a-zA-Z0-9_.-]{1,})$/, 'an alphanumeric first character, then letters, digits, ".", "_", "-"'),
  'internal/services/cognitive/validate/account_name.go',
);

export const KEY_VAULT_NAME = at(
  13,
  matches(/^[a-zA-Z0-9-]{3,24}$/, '3-24 letters, digits, dashes'),
  'internal/services/keyvault/validate/vault_name.go',
);
export const KEY_VAULT_NESTED_ITEM_NAME = at(
  14,
  matches(/^[0-9a-zA-Z-]+$/, 'letters, digits and dashes'),
  'internal/services/keyvault/validate/nested_item_name.go',
);

/** `LogAnalyticsWorkspaceName` and `logAnalyticsGenericName` (data export rules) accept the same strings. */
const LOG_ANALYTICS_NAME: Check = all(matches(/^[A-Za-z0-9][A-Za-z0-9-]+[A-Za-z0-9]$/, 'letters, digits and inner dashes'), {
  kind: 'length',
  min: 4,
  max: 63,
});
export const LOG_ANALYTICS_WORKSPACE_NAME = at(
  14,
  LOG_ANALYTICS_NAME,
  'internal/services/loganalytics/validate/log_analytics_workspace_name.go',
);
export const LOG_ANALYTICS_DATA_EXPORT_NAME = at(11, LOG_ANALYTICS_NAME, 'internal/services/loganalytics/validate/internal.go');

export const DIAGNOSTIC_SETTING_NAME = at(
  13,
  {
    kind: 'custom',
    expected: '1-260 characters, none of < > * % & : \\ ? + /',
    problem: (value) =>
      typeof value === 'string' && value.length >= 1 && value.length <= 260 && !/[<>*%&:\\?+/]/.test(value) ? undefined : 'invalid name',
  },
  'internal/services/monitor/validate/monitor_diagnostic_setting.go',
);

/** `validate.PrivateLinkName`: one letter or digit, or 2-80 characters as below. */
export const PRIVATE_LINK_NAME = at(
  26,
  matches(
    /^[a-zA-Z\d]$|^([a-zA-Z\d])([a-zA-Z\d\-_.]{0,78})([a-zA-Z\d_])$/,
    '1-80 letters, digits, "-", "_", "."; starting with a letter or digit',
  ),
  'internal/services/network/validate/private_link_name.go',
);
export const PRIVATE_LINK_SUBRESOURCE_NAME = at(
  19,
  matches(/^([a-zA-Z0-9])([\w.-]{1,61})([a-zA-Z0-9])$/, '3-63 letters, digits, "_", ".", "-", alphanumeric at both ends'),
  'internal/services/network/validate/private_link_subresource_name.go',
);
export const PUBLIC_IP_DOMAIN_NAME_LABEL = at(
  13,
  matches(/^[a-z][a-z0-9-]{1,61}[a-z0-9]$/, '3-63 lowercase letters, digits and dashes, starting with a letter'),
  'internal/services/network/validate/public_ip.go',
);
export const PRIVATE_DNS_LOWER_CASE = at(
  12,
  {
    kind: 'custom',
    expected: 'a non-empty lower-case string without spaces',
    problem: (value) =>
      typeof value === 'string' && value.trim() !== '' && value.toLowerCase() === value && !value.includes(' ') ? undefined : 'invalid',
  },
  'internal/services/privatedns/validate/lower_cased_string.go',
);

export const STORAGE_ACCOUNT_NAME = at(
  14,
  matches(/^[a-z0-9]{3,24}$/, '3-24 lowercase letters and digits'),
  'internal/services/storage/validate/storage_account_name.go',
);
export const STORAGE_ACCOUNT_TAGS = at(
  12,
  { kind: 'custom', expected: 'at most 50 tags, keys up to 128 and values up to 256 characters', problem: tagProblem(128) },
  'internal/services/storage/validate/storage_account_tags.go',
);
export const STORAGE_CONTAINER_NAME = at(
  15,
  {
    kind: 'custom',
    expected: '3-63 lowercase letters, digits and dashes, not starting with a dash',
    problem: (value) =>
      typeof value === 'string' &&
      /^\$root$|^\$web$|^[0-9a-z-]+$/.test(value) &&
      value.length >= 3 &&
      value.length <= 63 &&
      !value.startsWith('-')
        ? undefined
        : 'invalid container name',
  },
  'internal/services/storage/validate/storage_container.go',
);

/** `validate.WorkbookTags`: `tags.Validate`, and no `hidden-title` tag. */
export const WORKBOOK_TAGS = at(
  12,
  {
    kind: 'custom',
    expected: 'tags as tags.Validate, without "hidden-title"',
    problem: tagProblem(512, (tags) => ('hidden-title' in tags ? 'the hidden-title tag is set through display_name' : undefined)),
  },
  'internal/services/applicationinsights/validate/workbook_tags.go',
);
/** `validation.All(validation.IsUUID, validate.StringDoesNotContainUpperCaseLetter)`. */
export const WORKBOOK_NAME = (line: number): AttributeValidator =>
  at(
    line,
    all(UUID, {
      kind: 'custom',
      expected: 'no upper-case letter',
      problem: (value) => (typeof value === 'string' && value.toLowerCase() === value ? undefined : 'contains an upper-case letter'),
    }),
  );

const WAF_VALIDATE = 'internal/services/network/validate/web_application_firewall_policy.go';
export const WAF_RULE_GROUP_NAME = at(
  12,
  oneOf([
    'BadBots',
    'crs_20_protocol_violations',
    'crs_21_protocol_anomalies',
    'crs_23_request_limits',
    'crs_30_http_policy',
    'crs_35_bad_robots',
    'crs_40_generic_attacks',
    'crs_41_sql_injection_attacks',
    'crs_41_xss_attacks',
    'crs_42_tight_security',
    'crs_45_trojans',
    'crs_49_inbound_blocking',
    'General',
    'GoodBots',
    'KnownBadBots',
    'Known-CVEs',
    'REQUEST-911-METHOD-ENFORCEMENT',
    'REQUEST-913-SCANNER-DETECTION',
    'REQUEST-920-PROTOCOL-ENFORCEMENT',
    'REQUEST-921-PROTOCOL-ATTACK',
    'REQUEST-930-APPLICATION-ATTACK-LFI',
    'REQUEST-931-APPLICATION-ATTACK-RFI',
    'REQUEST-932-APPLICATION-ATTACK-RCE',
    'REQUEST-933-APPLICATION-ATTACK-PHP',
    'REQUEST-941-APPLICATION-ATTACK-XSS',
    'REQUEST-942-APPLICATION-ATTACK-SQLI',
    'REQUEST-943-APPLICATION-ATTACK-SESSION-FIXATION',
    'REQUEST-944-APPLICATION-ATTACK-JAVA',
    'UnknownBots',
    'METHOD-ENFORCEMENT',
    'PROTOCOL-ENFORCEMENT',
    'PROTOCOL-ATTACK',
    'LFI',
    'RFI',
    'RCE',
    'PHP',
    'NODEJS',
    'XSS',
    'SQLI',
    'FIX',
    'JAVA',
    'MS-ThreatIntel-WebShells',
    'MS-ThreatIntel-AppSec',
    'MS-ThreatIntel-SQLI',
    'MS-ThreatIntel-CVEs',
  ]),
  WAF_VALIDATE,
);
export const WAF_RULE_SET_VERSION = at(60, oneOf(['0.1', '1.0', '1.1', '2.1', '2.2.9', '3.0', '3.1', '3.2']), WAF_VALIDATE);
export const WAF_RULE_SET_TYPE = at(71, oneOf(['OWASP', 'Microsoft_BotManagerRuleSet', 'Microsoft_DefaultRuleSet']), WAF_VALIDATE);
export const WAF_EXCLUSION_RULE_SET_VERSION = at(77, oneOf(['1.0', '1.1', '2.1', '3.2']), WAF_VALIDATE);
export const WAF_EXCLUSION_RULE_SET_TYPE = at(
  84,
  oneOf(['OWASP', 'Microsoft_BotManagerRuleSet', 'Microsoft_DefaultRuleSet']),
  WAF_VALIDATE,
);

// --- terraform-provider-azuread v3.7.0

/** `applicationsValidate.RoleScopeClaimValue` (internal/services/applications/validate/tokens.go:16). */
export const ROLE_SCOPE_CLAIM_VALUE: Check = {
  kind: 'custom',
  expected: 'up to 249 characters, not starting with ".", letters, digits and !#$%&\'()*+,-./:;<=>?@[]^_`{|}~',
  problem: (value) =>
    typeof value === 'string' &&
    value.length <= 249 &&
    !value.startsWith('.') &&
    !/[^A-Za-z0-9:!#$%&'()*+,./:;<=>?@[\]^+_{|}~`-]/.test(value)
      ? undefined
      : 'not a valid claim value',
};

/**
 * `validation.IsRedirectUriFunc(false, false)` (internal/helpers/tf/validation/uri.go:39): an http, https,
 * ms-appx-web or brk-multihub URI with a host, a path (at least "/"), at most 256 characters.
 */
export const REDIRECT_URI: Check = {
  kind: 'custom',
  expected: 'an http(s), ms-appx-web or brk-multihub URI with a host and a path, up to 256 characters',
  problem: (value) => {
    if (typeof value !== 'string' || value === '') {
      return 'empty';
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return 'not a URI';
    }
    if (url.host === '') {
      return 'no host';
    }
    if (!['http:', 'https:', 'ms-appx-web:', 'brk-multihub:'].includes(url.protocol)) {
      return `scheme ${url.protocol}`;
    }
    // WHATWG URL turns an empty path into "/"; the provider wants it written.
    if (!/^[a-z-]+:\/\/[^/]+\//.test(value)) {
      return 'no path segment (a trailing slash is required)';
    }
    return value.length > 256 ? 'longer than 256 characters' : undefined;
  },
};
