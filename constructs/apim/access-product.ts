import { ApiManagementGroup } from '@cdktf/provider-azurerm/lib/api-management-group';
import { ApiManagementProduct } from '@cdktf/provider-azurerm/lib/api-management-product';
import { ApiManagementProductApi } from '@cdktf/provider-azurerm/lib/api-management-product-api';
import { ApiManagementProductGroup } from '@cdktf/provider-azurerm/lib/api-management-product-group';
import { ApiManagementProductPolicy } from '@cdktf/provider-azurerm/lib/api-management-product-policy';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';

import { GUID } from '../../lib/guid';

/**
 * External id of an Entra group in API Management. The tenant is named by id, the same way the identity provider
 * names it: group membership is synchronized only when both agree (https://github.com/hashicorp/terraform-provider-azurerm/pull/19981,
 * https://learn.microsoft.com/azure/api-management/api-management-howto-aad#synchronize-microsoft-entra-groups-with-api-management).
 */
export function entraGroupExternalId(tenantId: string, groupObjectId: string): string {
  return `aad://${tenantId}/groups/${groupObjectId}`;
}

export interface AccessProductProps {
  readonly apiManagementName: string;
  readonly resourceGroupName: string;
  /** Shown in the developer portal, on the product and its group. */
  readonly displayName: string;
  /** Who the tier is for, shown with the product. */
  readonly description: string;
  /**
   * Subscriptions need an administrator's approval before they work.
   * @default true
   */
  readonly approvalRequired?: boolean;
  /**
   * Subscriptions one user may hold in the product.
   * @default 1
   */
  readonly subscriptionsLimit?: number;
  /** Product id (the tier's name). */
  readonly productId: string;
  /** Name of the API Management group that mirrors the tier's Entra group. */
  readonly groupName: string;
  readonly tenantId: string;
  readonly entraGroupObjectId: string;
  /** APIs the product grants: a stable key (names the construct) and the API's name. */
  readonly apis: readonly { readonly key: string; readonly name: string }[];
  /** The rendered product policy (lib/policy/render.ts, renderTierPolicy). */
  readonly policyXml: string;
  /**
   * The instance's activation, and the Entra identity provider: API Management looks an external group up in
   * Microsoft Graph through that provider's app when the group is created.
   */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * One access tier in API Management: a product requiring subscriptions (approved as configured, limited per user),
 * visible only to the tier's Entra group, carrying the tier's policy (role claim, allowed deployments, token limits).
 */
export class AccessProduct extends Construct {
  readonly group: ApiManagementGroup;
  readonly product: ApiManagementProduct;
  readonly policy: ApiManagementProductPolicy;

  constructor(scope: Construct, id: string, props: AccessProductProps) {
    super(scope, id);
    for (const [field, value] of [
      ['tenantId', props.tenantId],
      ['entraGroupObjectId', props.entraGroupObjectId],
    ] as const) {
      if (!Token.isUnresolved(value) && !GUID.test(value)) {
        throw new Error(`AccessProduct "${id}": ${field} must be a lowercase GUID, got "${value}"`);
      }
    }
    if (props.apis.length === 0) {
      throw new Error(`AccessProduct "${id}": apis is empty; a product must grant at least one API`);
    }
    const placement = { apiManagementName: props.apiManagementName, resourceGroupName: props.resourceGroupName };

    this.group = new ApiManagementGroup(this, 'group', {
      ...placement,
      name: props.groupName,
      displayName: `${props.displayName} (Microsoft Entra ID)`,
      description: `Members of the Entra group for the ${props.displayName} tier.`,
      type: 'external',
      externalId: entraGroupExternalId(props.tenantId, props.entraGroupObjectId),
      dependsOn: props.dependsOn,
    });
    this.product = new ApiManagementProduct(this, 'product', {
      ...placement,
      productId: props.productId,
      displayName: props.displayName,
      description: props.description,
      subscriptionRequired: true,
      approvalRequired: props.approvalRequired ?? true,
      subscriptionsLimit: props.subscriptionsLimit ?? 1,
      published: true,
      dependsOn: props.dependsOn,
    });
    for (const api of props.apis) {
      new ApiManagementProductApi(this, `api-${api.key}`, { ...placement, productId: this.product.productId, apiName: api.name });
    }
    new ApiManagementProductGroup(this, 'visible-to-group', {
      ...placement,
      productId: this.product.productId,
      groupName: this.group.name,
    });
    this.policy = new ApiManagementProductPolicy(this, 'policy', {
      ...placement,
      productId: this.product.productId,
      xmlContent: props.policyXml,
    });
  }
}
