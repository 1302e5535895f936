import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

import {
  ApimApiDiagnostic,
  ApimApplicationInsightsApiDiagnostic,
  type ApimDiagnosticProperties,
  type ApimHttpMessageDiagnostic,
  AZURE_MONITOR_DIAGNOSTIC,
  azureMonitorDiagnosticProperties,
} from '../azapi/apim-api-diagnostic';
import { ApimApplicationInsightsLogger } from '../azapi/apim-logger';

/** Name of the Application Insights logger; the `applicationinsights` diagnostic and metric queries refer to it. */
export const APPLICATION_INSIGHTS_LOGGER = 'application-insights';

/** The role that lets an identity send telemetry to Application Insights with an Entra token. */
export const TELEMETRY_PUBLISHER_ROLE = 'Monitoring Metrics Publisher';

function withBody(message: ApimHttpMessageDiagnostic | undefined, bytes: number): ApimHttpMessageDiagnostic | undefined {
  return message === undefined ? undefined : { ...message, body: { bytes } };
}

/**
 * The `azuremonitor` diagnostic of the gateway: 100% sampling, caller IP, credentials hidden, LLM messages up to the
 * configured size, request bodies (prompts) up to `requestBodyBytes`, response bodies up to `responseBodyBytes`.
 * Requests are buffered anyway (the retry policy replays them), so logging them costs nothing; logging responses
 * would make API Management buffer streamed completions, so it stays 0 by default and completions are recorded by
 * the LLM log, which captures streamed responses without holding them back.
 * https://learn.microsoft.com/azure/api-management/how-to-server-sent-events
 */
/** How much of each body the gateway's diagnostics keep. */
export interface GatewayBodyLogging {
  /** Request (prompt) bytes in the request log; at most 8,192. */
  readonly requestBodyBytes: number;
  /** Response bytes in the request log; 0 keeps streamed completions unbuffered. */
  readonly responseBodyBytes: number;
  /** Bytes of each prompt and completion in the LLM log. */
  readonly llmMessageBytes: number;
}

export function gatewayAzureMonitorProperties(apiManagementId: string, logging: GatewayBodyLogging): ApimDiagnosticProperties {
  const base = azureMonitorDiagnosticProperties(apiManagementId, {
    samplingPercentage: 100,
    bodyBytes: logging.responseBodyBytes,
    llmMessageMaxBytes: logging.llmMessageBytes,
  });
  return {
    ...base,
    frontend: { ...base.frontend, request: withBody(base.frontend?.request, logging.requestBodyBytes) },
    backend: { ...base.backend, request: withBody(base.backend?.request, logging.requestBodyBytes) },
  };
}

export interface GatewayLoggingProps {
  readonly apiManagementId: string;
  readonly apiManagementName: string;
  readonly resourceGroupName: string;
  readonly applicationInsights: { readonly id: string; readonly connectionString: string };
  /** Object id of the instance's system-assigned identity: it authenticates the telemetry it sends. */
  readonly principalId: string;
  /** API name (a plain string) whose requests are logged. */
  readonly apiName: string;
  readonly logging: GatewayBodyLogging;
  /** The API itself and the instance's activation. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * Where the gateway's requests are recorded. Azure Monitor (resource-specific tables through the instance's
 * diagnostic setting): ApiManagementGatewayLogs for every request, ApiManagementGatewayLlmLog for prompts,
 * completions and token counts. Application Insights: requests, dependencies and the token metrics the API policy
 * emits, which arrive only because the diagnostic sets `metrics: true`.
 */
export class GatewayLogging extends Construct {
  readonly logger: ApimApplicationInsightsLogger;
  /** "Monitoring Metrics Publisher" for the instance's identity on the Application Insights component. */
  readonly telemetryPublisher: RoleAssignment;
  readonly azureMonitor: ApimApiDiagnostic;
  readonly applicationInsights: ApimApplicationInsightsApiDiagnostic;

  constructor(scope: Construct, id: string, props: GatewayLoggingProps) {
    super(scope, id);
    // The component accepts Entra-authenticated telemetry only (local authentication is off), so the instance sends
    // it with its managed identity, which needs this role on the component.
    // https://learn.microsoft.com/azure/api-management/api-management-howto-app-insights#prerequisites
    this.telemetryPublisher = new RoleAssignment(this, 'telemetry-publisher', {
      scope: props.applicationInsights.id,
      roleDefinitionName: TELEMETRY_PUBLISHER_ROLE,
      principalId: props.principalId,
      principalType: 'ServicePrincipal',
      description: 'API Management sends requests and token metrics to Application Insights with its managed identity',
    });
    this.logger = new ApimApplicationInsightsLogger(this, 'application-insights-logger', {
      apiManagementId: props.apiManagementId,
      name: APPLICATION_INSIGHTS_LOGGER,
      applicationInsightsId: props.applicationInsights.id,
      description: 'Requests, dependencies and token metrics of the gateway',
      // The connection string reaches the provider only through Terraform state; it addresses the component, and
      // grants nothing once the component refuses instrumentation-key ingestion.
      connectionString: props.applicationInsights.connectionString,
      dependsOn: [...props.dependsOn, this.telemetryPublisher],
    });
    this.azureMonitor = new ApimApiDiagnostic(this, 'azure-monitor', {
      apiManagementId: props.apiManagementId,
      apiName: props.apiName,
      name: AZURE_MONITOR_DIAGNOSTIC,
      properties: gatewayAzureMonitorProperties(props.apiManagementId, props.logging),
      dependsOn: props.dependsOn,
    });
    this.applicationInsights = new ApimApplicationInsightsApiDiagnostic(this, 'application-insights', {
      apiManagementId: props.apiManagementId,
      apiName: props.apiName,
      loggerId: this.logger.id,
      samplingPercentage: 100,
      // Bodies go to Log Analytics only; Application Insights gets requests and metrics.
      bodyBytes: 0,
      dependsOn: props.dependsOn,
    });
  }
}
