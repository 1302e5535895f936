import { Construct } from 'constructs';

import { AzapiUpdateResource } from '../azapi/update-resource';

export interface CustomMetricDimensionsProps {
  /** The Application Insights component that receives API Management's token metrics. */
  readonly applicationInsightsId: string;
}

/**
 * Turns on custom metric dimensions for an Application Insights component. Without it, the token metrics API
 * Management emits keep their values but lose every dimension (subscription, product, client IP, deployment), so
 * chargeback by dimension is impossible. The azurerm provider cannot set this property.
 * https://learn.microsoft.com/azure/azure-monitor/app/metrics-overview#custom-metrics-dimensions-and-preaggregation
 */
export class CustomMetricDimensions extends Construct {
  readonly update: AzapiUpdateResource;

  constructor(scope: Construct, id: string, props: CustomMetricDimensionsProps) {
    super(scope, id);
    this.update = new AzapiUpdateResource(this, 'update', {
      type: 'Microsoft.Insights/components@2020-02-02',
      resourceId: props.applicationInsightsId,
      // The property is accepted by the service but missing from the published schema; azapi does not check
      // update bodies against it.
      body: { properties: { CustomMetricsOptedInType: 'WithDimensions' } },
    });
  }
}
