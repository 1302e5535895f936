/**
 * Azure Resource Manager type definitions of every body the project sends through azapi, transcribed from the
 * definitions azapi 2.7.0 embeds and validates against (generated from https://github.com/Azure/bicep-types-az):
 * internal/azure/generated/<provider>/<namespace>/<api-version>/types.json at tag v2.7.0 of
 * https://github.com/Azure/terraform-provider-azapi. `line` is the line of the type's definition in that file.
 * Enumerations are `open` where the definition also allows any string; the check still wants a listed value, so a
 * misspelt one is caught. Object types the project never sets are `opaque`: setting one fails until it is
 * transcribed here.
 */

export interface ArmString {
  readonly kind: 'string';
  readonly enum?: readonly string[];
  /** The definition also allows other strings (a union with `string`). */
  readonly open?: true;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

export interface ArmInt {
  readonly kind: 'int';
  readonly min?: number;
  readonly max?: number;
}

export interface ArmArray {
  readonly kind: 'array';
  readonly items: ArmType;
  readonly minLength?: number;
}

export interface ArmProperty {
  readonly type: ArmType;
  readonly required?: true;
  /** Returned by Resource Manager, never sent. */
  readonly readOnly?: true;
}

export interface ArmObject {
  readonly kind: 'object';
  readonly name: string;
  readonly line: number;
  readonly properties: Readonly<Record<string, ArmProperty>>;
  readonly additionalProperties?: ArmType;
}

/** An object type left untranscribed because no body sets it. */
export interface ArmOpaque {
  readonly kind: 'opaque';
  readonly name: string;
  readonly line: number;
}

export type ArmType = ArmString | ArmInt | { readonly kind: 'bool' } | { readonly kind: 'any' } | ArmArray | ArmObject | ArmOpaque;

/** A property the published definition lacks but the service accepts: documented, with where that is stated. */
export interface ArmException {
  /** Dotted path in the body, e.g. `properties.CustomMetricsOptedInType`. */
  readonly path: string;
  readonly type: ArmType;
  readonly reason: string;
  readonly source: string;
}

/** A rule a definition states in words (a description) rather than in its schema. */
export interface ArmRule {
  readonly description: string;
  readonly source: string;
  readonly problems: (body: Readonly<Record<string, unknown>>) => string[];
}

export interface ArmResourceType {
  /** `<resource type>@<api version>`, as azapi's `type` argument. */
  readonly type: string;
  /** The types.json file, and the line of the resource type's entry. */
  readonly source: string;
  readonly line: number;
  /** Absent for types the project only deletes (azapi_resource_action DELETE): no body is sent to them. */
  readonly body?: ArmObject;
  readonly exceptions?: readonly ArmException[];
  readonly rules?: readonly ArmRule[];
}

const APIM_TYPES =
  'https://github.com/Azure/terraform-provider-azapi/blob/v2.7.0/internal/azure/generated/apimanagement/microsoft.apimanagement/2024-06-01-preview/types.json';
const APIM_TYPES_2024_05_01 =
  'https://github.com/Azure/terraform-provider-azapi/blob/v2.7.0/internal/azure/generated/apimanagement/microsoft.apimanagement/2024-05-01/types.json';
const NETWORK_TYPES =
  'https://github.com/Azure/terraform-provider-azapi/blob/v2.7.0/internal/azure/generated/network/microsoft.network/2024-10-01/types.json';
const INSIGHTS_TYPES =
  'https://github.com/Azure/terraform-provider-azapi/blob/v2.7.0/internal/azure/generated/applicationinsights/microsoft.insights/2020-02-02/types.json';

// Microsoft.ApiManagement/service/apis/diagnostics@2024-06-01-preview (APIM_TYPES)

const DataMaskingEntity: ArmObject = {
  kind: 'object',
  name: 'DataMaskingEntity',
  line: 2779,
  properties: {
    value: { type: { kind: 'string' } },
    mode: { type: { kind: 'string', enum: ['Mask', 'Hide'], open: true } },
  },
};

const DataMasking: ArmObject = {
  kind: 'object',
  name: 'DataMasking',
  line: 2759,
  properties: {
    queryParams: { type: { kind: 'array', items: DataMaskingEntity } },
    headers: { type: { kind: 'array', items: DataMaskingEntity } },
  },
};

const BodyDiagnosticSettings: ArmObject = {
  kind: 'object',
  name: 'BodyDiagnosticSettings',
  line: 2742,
  properties: {
    bytes: { type: { kind: 'int', max: 8192 } },
  },
};

const LLMMessageDiagnosticSettings: ArmObject = {
  kind: 'object',
  name: 'LLMMessageDiagnosticSettings',
  line: 2882,
  properties: {
    messages: { type: { kind: 'string', enum: ['all'], open: true } },
    maxSizeInBytes: { type: { kind: 'int', min: 1, max: 262144 } },
  },
};

const HttpMessageDiagnostic: ArmObject = {
  kind: 'object',
  name: 'HttpMessageDiagnostic',
  line: 2709,
  properties: {
    headers: { type: { kind: 'array', items: { kind: 'string' } } },
    body: { type: BodyDiagnosticSettings },
    dataMasking: { type: DataMasking },
  },
};

const LLMDiagnosticSettings: ArmObject = {
  kind: 'object',
  name: 'LLMDiagnosticSettings',
  line: 2833,
  properties: {
    logs: { type: { kind: 'string', enum: ['enabled', 'disabled'], open: true } },
    requests: { type: LLMMessageDiagnosticSettings },
    responses: { type: LLMMessageDiagnosticSettings },
  },
};

const PipelineDiagnosticSettings: ArmObject = {
  kind: 'object',
  name: 'PipelineDiagnosticSettings',
  line: 2689,
  properties: {
    request: { type: HttpMessageDiagnostic },
    response: { type: HttpMessageDiagnostic },
  },
};

const SamplingSettings: ArmObject = {
  kind: 'object',
  name: 'SamplingSettings',
  line: 2649,
  properties: {
    samplingType: { type: { kind: 'string', enum: ['fixed'], open: true } },
    percentage: { type: { kind: 'int', min: 0, max: 100 } },
  },
};

const DiagnosticContractProperties: ArmObject = {
  kind: 'object',
  name: 'DiagnosticContractProperties',
  line: 2551,
  properties: {
    alwaysLog: { type: { kind: 'string', enum: ['allErrors'], open: true } },
    loggerId: { type: { kind: 'string' }, required: true },
    sampling: { type: SamplingSettings },
    frontend: { type: PipelineDiagnosticSettings },
    backend: { type: PipelineDiagnosticSettings },
    largeLanguageModel: { type: LLMDiagnosticSettings },
    logClientIp: { type: { kind: 'bool' } },
    httpCorrelationProtocol: { type: { kind: 'string', enum: ['None', 'Legacy', 'W3C'], open: true } },
    verbosity: { type: { kind: 'string', enum: ['verbose', 'information', 'error'], open: true } },
    operationNameFormat: { type: { kind: 'string', enum: ['Name', 'Url'], open: true } },
    metrics: { type: { kind: 'bool' } },
  },
};

const ApiDiagnosticResource: ArmObject = {
  kind: 'object',
  name: 'Microsoft.ApiManagement/service/apis/diagnostics',
  line: 2510,
  properties: {
    id: { type: { kind: 'string' }, readOnly: true },
    name: { type: { kind: 'string', minLength: 1, maxLength: 80, pattern: '^[^*#&+:<>?]+$' }, required: true },
    type: { type: { kind: 'string', enum: ['Microsoft.ApiManagement/service/apis/diagnostics'] }, readOnly: true },
    apiVersion: { type: { kind: 'string', enum: ['2024-06-01-preview'] }, readOnly: true },
    properties: { type: DiagnosticContractProperties },
  },
};

// Microsoft.ApiManagement/service/backends@2024-06-01-preview (APIM_TYPES) and Microsoft.Insights/components@2020-02-02 (INSIGHTS_TYPES)

const FailureStatusCodeRange: ArmObject = {
  kind: 'object',
  name: 'FailureStatusCodeRange',
  line: 4939,
  properties: {
    min: { type: { kind: 'int', min: 200, max: 599 } },
    max: { type: { kind: 'int', min: 200, max: 599 } },
  },
};

const CircuitBreakerFailureCondition: ArmObject = {
  kind: 'object',
  name: 'CircuitBreakerFailureCondition',
  line: 4898,
  properties: {
    count: { type: { kind: 'int' } },
    percentage: { type: { kind: 'int' } },
    interval: { type: { kind: 'string' } },
    statusCodeRanges: { type: { kind: 'array', items: FailureStatusCodeRange } },
    errorReasons: { type: { kind: 'array', items: { kind: 'string', maxLength: 200 } } },
  },
};

const BackendPoolItem: ArmObject = {
  kind: 'object',
  name: 'BackendPoolItem',
  line: 5002,
  properties: {
    id: { type: { kind: 'string' }, required: true },
    weight: { type: { kind: 'int', min: 0, max: 100 } },
    priority: { type: { kind: 'int', min: 0, max: 100 } },
  },
};

const CircuitBreakerRule: ArmObject = {
  kind: 'object',
  name: 'CircuitBreakerRule',
  line: 4864,
  properties: {
    name: { type: { kind: 'string' } },
    failureCondition: { type: CircuitBreakerFailureCondition },
    tripDuration: { type: { kind: 'string' } },
    acceptRetryAfter: { type: { kind: 'bool' } },
  },
};

const BackendAuthorizationHeaderCredentials: ArmObject = {
  kind: 'object',
  name: 'BackendAuthorizationHeaderCredentials',
  line: 4784,
  properties: {
    scheme: { type: { kind: 'string', minLength: 1, maxLength: 100 }, required: true },
    parameter: { type: { kind: 'string', minLength: 1, maxLength: 300 }, required: true },
  },
};

const BackendCredentialsContractHeader: ArmObject = {
  kind: 'object',
  name: 'BackendCredentialsContractHeader',
  line: 4776,
  properties: {},
  additionalProperties: { kind: 'array', items: { kind: 'string' } },
};

const BackendCredentialsContractQuery: ArmObject = {
  kind: 'object',
  name: 'BackendCredentialsContractQuery',
  line: 4762,
  properties: {},
  additionalProperties: { kind: 'array', items: { kind: 'string' } },
};

const BackendBaseParametersPool: ArmObject = {
  kind: 'object',
  name: 'BackendBaseParametersPool',
  line: 4989,
  properties: {
    services: { type: { kind: 'array', items: BackendPoolItem, minLength: 1 } },
  },
};

const BackendCircuitBreaker: ArmObject = {
  kind: 'object',
  name: 'BackendCircuitBreaker',
  line: 4851,
  properties: {
    rules: { type: { kind: 'array', items: CircuitBreakerRule } },
  },
};

const BackendTlsProperties: ArmObject = {
  kind: 'object',
  name: 'BackendTlsProperties',
  line: 4831,
  properties: {
    validateCertificateChain: { type: { kind: 'bool' } },
    validateCertificateName: { type: { kind: 'bool' } },
  },
};

const BackendCredentialsContract: ArmObject = {
  kind: 'object',
  name: 'BackendCredentialsContract',
  line: 4701,
  properties: {
    certificateIds: { type: { kind: 'array', items: { kind: 'string' } } },
    certificate: { type: { kind: 'array', items: { kind: 'string' } } },
    query: { type: BackendCredentialsContractQuery },
    header: { type: BackendCredentialsContractHeader },
    authorization: { type: BackendAuthorizationHeaderCredentials },
  },
};

const BackendContractProperties: ArmObject = {
  kind: 'object',
  name: 'BackendContractProperties',
  line: 4486,
  properties: {
    url: { type: { kind: 'string', minLength: 1, maxLength: 2000 } },
    protocol: { type: { kind: 'string', enum: ['http', 'soap'], open: true } },
    title: { type: { kind: 'string', minLength: 1, maxLength: 300 } },
    description: { type: { kind: 'string', minLength: 1, maxLength: 2000 } },
    resourceId: { type: { kind: 'string', minLength: 1, maxLength: 2000 } },
    properties: { type: { kind: 'opaque', name: 'BackendProperties', line: 4602 } },
    credentials: { type: BackendCredentialsContract },
    proxy: { type: { kind: 'opaque', name: 'BackendProxyContract', line: 4804 } },
    tls: { type: BackendTlsProperties },
    circuitBreaker: { type: BackendCircuitBreaker },
    pool: { type: BackendBaseParametersPool },
    type: { type: { kind: 'string', enum: ['Single', 'Pool'], open: true } },
  },
};

const BackendResource: ArmObject = {
  kind: 'object',
  name: 'Microsoft.ApiManagement/service/backends',
  line: 4445,
  properties: {
    id: { type: { kind: 'string' }, readOnly: true },
    name: { type: { kind: 'string', minLength: 1, maxLength: 80 }, required: true },
    type: { type: { kind: 'string', enum: ['Microsoft.ApiManagement/service/backends'] }, readOnly: true },
    apiVersion: { type: { kind: 'string', enum: ['2024-06-01-preview'] }, readOnly: true },
    properties: { type: BackendContractProperties },
  },
};

const PrivateLinkScopedResource: ArmObject = {
  kind: 'object',
  name: 'PrivateLinkScopedResource',
  line: 321,
  properties: {
    ResourceId: { type: { kind: 'string' } },
    ScopeId: { type: { kind: 'string' } },
  },
};

const ComponentsResourceTags: ArmObject = {
  kind: 'object',
  name: 'ComponentsResourceTags',
  line: 420,
  properties: {},
  additionalProperties: { kind: 'string' },
};

const ApplicationInsightsComponentProperties: ArmObject = {
  kind: 'object',
  name: 'ApplicationInsightsComponentProperties',
  line: 82,
  properties: {
    ApplicationId: { type: { kind: 'string' }, readOnly: true },
    AppId: { type: { kind: 'string' }, readOnly: true },
    Name: { type: { kind: 'string' }, readOnly: true },
    Application_Type: { type: { kind: 'string', enum: ['web', 'other'], open: true }, required: true },
    Flow_Type: { type: { kind: 'string', enum: ['Bluefield'], open: true } },
    Request_Source: { type: { kind: 'string', enum: ['rest'], open: true } },
    InstrumentationKey: { type: { kind: 'string' }, readOnly: true },
    CreationDate: { type: { kind: 'string' }, readOnly: true },
    TenantId: { type: { kind: 'string' }, readOnly: true },
    HockeyAppId: { type: { kind: 'string' } },
    HockeyAppToken: { type: { kind: 'string' }, readOnly: true },
    provisioningState: { type: { kind: 'string' }, readOnly: true },
    SamplingPercentage: { type: { kind: 'int' } },
    ConnectionString: { type: { kind: 'string' }, readOnly: true },
    RetentionInDays: { type: { kind: 'int' } },
    DisableIpMasking: { type: { kind: 'bool' } },
    ImmediatePurgeDataOn30Days: { type: { kind: 'bool' } },
    WorkspaceResourceId: { type: { kind: 'string' } },
    LaMigrationDate: { type: { kind: 'string' }, readOnly: true },
    PrivateLinkScopedResources: { type: { kind: 'array', items: PrivateLinkScopedResource }, readOnly: true },
    publicNetworkAccessForIngestion: { type: { kind: 'string', enum: ['Enabled', 'Disabled'], open: true } },
    publicNetworkAccessForQuery: { type: { kind: 'string', enum: ['Enabled', 'Disabled'], open: true } },
    IngestionMode: {
      type: { kind: 'string', enum: ['ApplicationInsights', 'ApplicationInsightsWithDiagnosticSettings', 'LogAnalytics'], open: true },
    },
    DisableLocalAuth: { type: { kind: 'bool' } },
    ForceCustomerStorageForProfiler: { type: { kind: 'bool' } },
  },
};

const ComponentResource: ArmObject = {
  kind: 'object',
  name: 'Microsoft.Insights/components',
  line: 13,
  properties: {
    id: { type: { kind: 'string' }, readOnly: true },
    name: { type: { kind: 'string' }, required: true },
    type: { type: { kind: 'string', enum: ['Microsoft.Insights/components'] }, readOnly: true },
    apiVersion: { type: { kind: 'string', enum: ['2020-02-02'] }, readOnly: true },
    kind: { type: { kind: 'string' }, required: true },
    etag: { type: { kind: 'string' } },
    properties: { type: ApplicationInsightsComponentProperties },
    location: { type: { kind: 'string' }, required: true },
    tags: { type: ComponentsResourceTags },
  },
};

// Microsoft.ApiManagement/service/loggers@2024-06-01-preview (APIM_TYPES)

const LoggerContractPropertiesCredentials: ArmObject = {
  kind: 'object',
  name: 'LoggerContractPropertiesCredentials',
  line: 8407,
  properties: {},
  additionalProperties: { kind: 'string' },
};

const LoggerContractProperties: ArmObject = {
  kind: 'object',
  name: 'LoggerContractProperties',
  line: 8337,
  properties: {
    loggerType: { type: { kind: 'string', enum: ['azureEventHub', 'applicationInsights', 'azureMonitor'], open: true }, required: true },
    description: { type: { kind: 'string', maxLength: 256 } },
    credentials: { type: LoggerContractPropertiesCredentials },
    isBuffered: { type: { kind: 'bool' } },
    resourceId: { type: { kind: 'string' } },
  },
};

const LoggerResource: ArmObject = {
  kind: 'object',
  name: 'Microsoft.ApiManagement/service/loggers',
  line: 8296,
  properties: {
    id: { type: { kind: 'string' }, readOnly: true },
    name: { type: { kind: 'string', maxLength: 256, pattern: '^[^*#&+:<>?]+$' }, required: true },
    type: { type: { kind: 'string', enum: ['Microsoft.ApiManagement/service/loggers'] }, readOnly: true },
    apiVersion: { type: { kind: 'string', enum: ['2024-06-01-preview'] }, readOnly: true },
    properties: { type: LoggerContractProperties },
  },
};

// Microsoft.ApiManagement/service/portalconfigs@2024-05-01 (APIM_TYPES_2024_05_01), sent as a PATCH

const PortalConfigPropertiesSignin: ArmObject = {
  kind: 'object',
  name: 'PortalConfigPropertiesSignin',
  line: 9183,
  properties: {
    require: { type: { kind: 'bool' } },
  },
};

const PortalConfigTermsOfServiceProperties: ArmObject = {
  kind: 'object',
  name: 'PortalConfigTermsOfServiceProperties',
  line: 9209,
  properties: {
    text: { type: { kind: 'string' } },
    requireConsent: { type: { kind: 'bool' } },
  },
};

const PortalConfigPropertiesSignup: ArmObject = {
  kind: 'object',
  name: 'PortalConfigPropertiesSignup',
  line: 9196,
  properties: {
    termsOfService: { type: PortalConfigTermsOfServiceProperties },
  },
};

const PortalConfigDelegationProperties: ArmObject = {
  kind: 'object',
  name: 'PortalConfigDelegationProperties',
  line: 9229,
  properties: {
    delegateRegistration: { type: { kind: 'bool' } },
    delegateSubscription: { type: { kind: 'bool' } },
    delegationUrl: { type: { kind: 'string' } },
    validationKey: { type: { kind: 'string' } },
  },
};

const PortalConfigCorsProperties: ArmObject = {
  kind: 'object',
  name: 'PortalConfigCorsProperties',
  line: 9263,
  properties: {
    allowedOrigins: { type: { kind: 'array', items: { kind: 'string' } } },
  },
};

const PortalConfigCspProperties: ArmObject = {
  kind: 'object',
  name: 'PortalConfigCspProperties',
  line: 9282,
  properties: {
    mode: { type: { kind: 'string', enum: ['enabled', 'disabled', 'reportOnly'], open: true } },
    reportUri: { type: { kind: 'array', items: { kind: 'string' } } },
    allowedSources: { type: { kind: 'array', items: { kind: 'string' } } },
  },
};

const PortalConfigProperties: ArmObject = {
  kind: 'object',
  name: 'PortalConfigProperties',
  line: 9137,
  properties: {
    enableBasicAuth: { type: { kind: 'bool' } },
    signin: { type: PortalConfigPropertiesSignin },
    signup: { type: PortalConfigPropertiesSignup },
    delegation: { type: PortalConfigDelegationProperties },
    cors: { type: PortalConfigCorsProperties },
    csp: { type: PortalConfigCspProperties },
  },
};

const PortalConfigResource: ArmObject = {
  kind: 'object',
  name: 'Microsoft.ApiManagement/service/portalconfigs',
  line: 9096,
  properties: {
    id: { type: { kind: 'string' }, readOnly: true },
    name: { type: { kind: 'string', minLength: 1, maxLength: 80 }, required: true },
    type: { type: { kind: 'string', enum: ['Microsoft.ApiManagement/service/portalconfigs'] }, readOnly: true },
    apiVersion: { type: { kind: 'string', enum: ['2024-05-01'] }, readOnly: true },
    properties: { type: PortalConfigProperties },
  },
};

// Microsoft.Network/networkWatchers/flowLogs@2024-10-01 (NETWORK_TYPES)

const RetentionPolicyParameters: ArmObject = {
  kind: 'object',
  name: 'RetentionPolicyParameters',
  line: 5378,
  properties: {
    days: { type: { kind: 'int' } },
    enabled: { type: { kind: 'bool' } },
  },
};

const FlowLogFormatParameters: ArmObject = {
  kind: 'object',
  name: 'FlowLogFormatParameters',
  line: 5398,
  properties: {
    type: { type: { kind: 'string', enum: ['JSON'], open: true } },
    version: { type: { kind: 'int' } },
  },
};

const TrafficAnalyticsConfigurationProperties: ArmObject = {
  kind: 'object',
  name: 'TrafficAnalyticsConfigurationProperties',
  line: 5446,
  properties: {
    enabled: { type: { kind: 'bool' } },
    workspaceId: { type: { kind: 'string' } },
    workspaceRegion: { type: { kind: 'string' } },
    workspaceResourceId: { type: { kind: 'string' } },
    trafficAnalyticsInterval: { type: { kind: 'int' } },
  },
};

const TrafficAnalyticsProperties: ArmObject = {
  kind: 'object',
  name: 'TrafficAnalyticsProperties',
  line: 5433,
  properties: {
    networkWatcherFlowAnalyticsConfiguration: { type: TrafficAnalyticsConfigurationProperties },
  },
};

const FlowLogPropertiesFormat: ArmObject = {
  kind: 'object',
  name: 'FlowLogPropertiesFormat',
  line: 5309,
  properties: {
    targetResourceId: { type: { kind: 'string' }, required: true },
    targetResourceGuid: { type: { kind: 'string' }, readOnly: true },
    storageId: { type: { kind: 'string' }, required: true },
    enabledFilteringCriteria: { type: { kind: 'string' } },
    enabled: { type: { kind: 'bool' } },
    retentionPolicy: { type: RetentionPolicyParameters },
    format: { type: FlowLogFormatParameters },
    flowAnalyticsConfiguration: { type: TrafficAnalyticsProperties },
    provisioningState: {
      type: { kind: 'string', enum: ['Failed', 'Succeeded', 'Canceled', 'Creating', 'Updating', 'Deleting'], open: true },
      readOnly: true,
    },
  },
};

const UserAssignedIdentityProperties: ArmObject = {
  kind: 'object',
  name: 'Components1Jq1T4ISchemasManagedserviceidentityPropertiesUserassignedidentitiesAdditionalproperties',
  line: 5604,
  properties: {
    principalId: { type: { kind: 'string' }, readOnly: true },
    clientId: { type: { kind: 'string' }, readOnly: true },
  },
};

const ManagedServiceIdentityUserAssignedIdentities: ArmObject = {
  kind: 'object',
  name: 'ManagedServiceIdentityUserAssignedIdentities',
  line: 5624,
  properties: {},
  additionalProperties: UserAssignedIdentityProperties,
};

const ManagedServiceIdentity: ArmObject = {
  kind: 'object',
  name: 'ManagedServiceIdentity',
  line: 5537,
  properties: {
    principalId: { type: { kind: 'string' }, readOnly: true },
    tenantId: { type: { kind: 'string' }, readOnly: true },
    type: { type: { kind: 'string', enum: ['SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned', 'None'] } },
    userAssignedIdentities: { type: ManagedServiceIdentityUserAssignedIdentities },
  },
};

const ResourceTags: ArmObject = {
  kind: 'object',
  name: 'ResourceTags',
  line: 33119,
  properties: {},
  additionalProperties: { kind: 'string' },
};

const FlowLogResource: ArmObject = {
  kind: 'object',
  name: 'Microsoft.Network/networkWatchers/flowLogs',
  line: 33050,
  properties: {
    id: { type: { kind: 'string' }, readOnly: true },
    name: { type: { kind: 'string' }, required: true },
    type: { type: { kind: 'string', enum: ['Microsoft.Network/networkWatchers/flowLogs'] }, readOnly: true },
    apiVersion: { type: { kind: 'string', enum: ['2024-10-01'] }, readOnly: true },
    properties: { type: FlowLogPropertiesFormat },
    etag: { type: { kind: 'string' }, readOnly: true },
    identity: { type: ManagedServiceIdentity },
    location: { type: { kind: 'string' } },
    tags: { type: ResourceTags },
  },
};

/** The `properties` object of a body, when there is one. */
function propertiesOf(body: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const properties = body.properties;
  return typeof properties === 'object' && properties !== null && !Array.isArray(properties) ? (properties as Record<string, unknown>) : {};
}

/** Every body type the project sends, by `<resource type>@<api version>`. */
export const ARM_TYPES: readonly ArmResourceType[] = [
  {
    type: 'Microsoft.ApiManagement/service/apis/diagnostics@2024-06-01-preview',
    source: APIM_TYPES,
    line: 3002,
    body: ApiDiagnosticResource,
  },
  {
    type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
    source: APIM_TYPES,
    line: 5058,
    body: BackendResource,
    rules: [
      {
        // The definition leaves url and protocol optional and says in their descriptions "Required when backend type
        // is 'Single'"; the service refuses both on a pool, whose members carry them.
        description: 'a Pool backend has members and no url or protocol; a Single backend has url and protocol',
        source: `${APIM_TYPES}#L4486, https://learn.microsoft.com/azure/api-management/backends#load-balanced-pool`,
        problems: (body) => {
          const properties = propertiesOf(body);
          if (properties.type === 'Pool') {
            return [
              ...['url', 'protocol']
                .filter((key) => key in properties)
                .map((key) => `properties.${key} is set on a Pool backend; the service refuses it`),
              ...('pool' in properties ? [] : ['properties.pool is missing on a Pool backend']),
            ];
          }
          return ['url', 'protocol']
            .filter((key) => !(key in properties))
            .map((key) => `properties.${key} is required on a Single backend`);
        },
      },
    ],
  },
  {
    type: 'Microsoft.ApiManagement/service/loggers@2024-06-01-preview',
    source: APIM_TYPES,
    line: 8415,
    body: LoggerResource,
  },
  {
    // Deleted only (the sample Echo API): the request has no body.
    type: 'Microsoft.ApiManagement/service/apis@2024-05-01',
    source: APIM_TYPES_2024_05_01,
    line: 1254,
  },
  {
    // Deleted only (the sample Starter and Unlimited products): the request has no body.
    type: 'Microsoft.ApiManagement/service/products@2024-05-01',
    source: APIM_TYPES_2024_05_01,
    line: 10070,
  },
  {
    // Sent as a PATCH of the existing default configuration: a partial body, so nothing is required.
    type: 'Microsoft.ApiManagement/service/portalconfigs@2024-05-01',
    source: APIM_TYPES_2024_05_01,
    line: 9350,
    body: PortalConfigResource,
  },
  {
    type: 'Microsoft.Network/networkWatchers/flowLogs@2024-10-01',
    source: NETWORK_TYPES,
    line: 33127,
    body: FlowLogResource,
  },
  {
    type: 'Microsoft.Insights/components@2020-02-02',
    source: INSIGHTS_TYPES,
    line: 428,
    body: ComponentResource,
    exceptions: [
      {
        path: 'properties.CustomMetricsOptedInType',
        type: { kind: 'string', enum: ['WithDimensions', 'NoDimensions', 'NoMeasurements', 'Off'] },
        reason:
          'custom metric dimensions; the service accepts it on this API version but no published definition has it (azapi_update_resource does not validate the body)',
        source: 'https://github.com/Azure/bicep-types-az/issues/2048',
      },
    ],
  },
];
