import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

import { AzapiResourceAction } from '../azapi/resource-action';

/** API version of the requests that remove samples: the GA API Management version the project targets here. */
export const SAMPLE_CONTENT_API_VERSION = '2024-05-01';

/**
 * What a new Developer or Premium instance creates by itself, under these fixed ids: the Starter and Unlimited
 * products (Starter needs no approval) and the Echo API, visible to every signed-in developer portal user.
 */
export const SAMPLE_PRODUCTS = ['starter', 'unlimited'] as const;
export const SAMPLE_APIS = ['echo-api'] as const;

export interface SampleContentRemovalProps {
  /** ARM id of the API Management instance. */
  readonly apiManagementId: string;
  /** Waits for the instance to finish activating. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * Deletes the sample products (with their subscriptions) and the sample API once, after the instance is active, so
 * that the only products anyone sees are the access tiers. A delete of something already gone is answered 204, so
 * the requests are safe to repeat. Both need `If-Match` (`*`: whatever version exists).
 */
export class SampleContentRemoval extends Construct {
  readonly requests: readonly AzapiResourceAction[];

  constructor(scope: Construct, id: string, props: SampleContentRemovalProps) {
    super(scope, id);
    const products = SAMPLE_PRODUCTS.map(
      (product) =>
        new AzapiResourceAction(this, `product-${product}`, {
          type: `Microsoft.ApiManagement/service/products@${SAMPLE_CONTENT_API_VERSION}`,
          resourceId: `${props.apiManagementId}/products/${product}`,
          method: 'DELETE',
          queryParameters: { deleteSubscriptions: ['true'] },
          headers: { 'If-Match': '*' },
          dependsOn: props.dependsOn,
        }),
    );
    const apis = SAMPLE_APIS.map(
      (api) =>
        new AzapiResourceAction(this, `api-${api}`, {
          type: `Microsoft.ApiManagement/service/apis@${SAMPLE_CONTENT_API_VERSION}`,
          resourceId: `${props.apiManagementId}/apis/${api}`,
          method: 'DELETE',
          queryParameters: { deleteRevisions: ['true'] },
          headers: { 'If-Match': '*' },
          // The products go first: an API is removed from products before it is deleted.
          dependsOn: [...props.dependsOn, ...products],
        }),
    );
    this.requests = [...products, ...apis];
  }
}
