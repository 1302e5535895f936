import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

import { type AzapiBody, AzapiResource } from './resource';

/**
 * ARM API version of API Management loggers. Managed identity credentials for Application Insights
 * (`credentials.identityClientId`) are documented with 2022-08-01 and later; this is the version the project's other
 * API Management bodies use. Spec: specification/apimanagement/resource-manager/Microsoft.ApiManagement/preview/
 * 2024-06-01-preview (LoggerContractProperties) in https://github.com/Azure/azure-rest-api-specs
 */
export const APIM_LOGGER_API_VERSION = '2024-06-01-preview';

/** `identityClientId` value that selects the instance's system-assigned identity. */
export const SYSTEM_ASSIGNED_IDENTITY = 'SystemAssigned';

export interface ApimApplicationInsightsLoggerProps {
  /** ARM id of the API Management instance. */
  readonly apiManagementId: string;
  /** Logger name; diagnostics refer to the logger by its ARM id. */
  readonly name: string;
  /** ARM id of the Application Insights component. */
  readonly applicationInsightsId: string;
  /**
   * The component's connection string: it tells API Management where to send telemetry. With managed identity
   * credentials the instrumentation key in it is only an address; ingestion is authorised by an Entra token.
   */
  readonly connectionString: string;
  /**
   * Client id of a user-assigned identity of the instance.
   * @default the system-assigned identity
   */
  readonly identityClientId?: string;
  /** @default none */
  readonly description?: string;
  /** @default the stack's default azapi provider */
  readonly provider?: TerraformProvider;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The ARM body of an Application Insights logger with managed identity credentials, as documented in "Connection
 * string with system-assigned managed identity":
 * https://learn.microsoft.com/azure/api-management/api-management-howto-app-insights
 */
export function applicationInsightsLoggerBody(props: ApimApplicationInsightsLoggerProps): AzapiBody {
  return {
    properties: {
      loggerType: 'applicationInsights',
      description: props.description,
      resourceId: props.applicationInsightsId,
      credentials: {
        connectionString: props.connectionString,
        identityClientId: props.identityClientId ?? SYSTEM_ASSIGNED_IDENTITY,
      },
    },
  };
}

/**
 * An API Management logger that sends to Application Insights with an Entra token of the instance's managed
 * identity, so the component can refuse instrumentation-key ingestion. azurerm 4.55's `azurerm_api_management_logger`
 * takes only a connection string or instrumentation key (api_management_logger_resource.go, `application_insights`
 * block), hence azapi. The identity needs "Monitoring Metrics Publisher" on the component.
 */
export class ApimApplicationInsightsLogger extends Construct {
  readonly resource: AzapiResource;
  /** ARM id of the logger, for diagnostics' `loggerId`. */
  readonly id: string;

  constructor(scope: Construct, id: string, props: ApimApplicationInsightsLoggerProps) {
    super(scope, id);
    this.resource = new AzapiResource(this, 'resource', {
      type: `Microsoft.ApiManagement/service/loggers@${APIM_LOGGER_API_VERSION}`,
      name: props.name,
      parentId: props.apiManagementId,
      body: applicationInsightsLoggerBody(props),
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
    this.id = this.resource.id;
  }
}
