import { type TerraformMetaArguments, TerraformResource, Token } from 'cdktf';
import type { Construct } from 'constructs';

import { AZAPI_PROVIDER_NAME, AZAPI_PROVIDER_VERSION } from './provider';
import type { AzapiBody } from './resource';

export interface AzapiUpdateResourceProps extends TerraformMetaArguments {
  /** `<resource type>@<api version>` of the resource being updated. */
  readonly type: string;
  /** ARM id of an existing resource, usually one another resource manages. */
  readonly resourceId: string;
  /**
   * Only the properties to set; everything else on the resource is left as it is. azapi does not check an update's
   * body against its embedded schema (v2.7.0 has no `schema_validation_enabled` here).
   */
  readonly body: AzapiBody;
}

/**
 * `azapi_update_resource`: sets properties that the azurerm provider cannot express on a resource it manages.
 * Destroying it leaves the properties as they are.
 */
export class AzapiUpdateResource extends TerraformResource {
  static readonly tfResourceType = 'azapi_update_resource';

  private readonly props: AzapiUpdateResourceProps;

  constructor(scope: Construct, id: string, props: AzapiUpdateResourceProps) {
    if (!Token.isUnresolved(props.resourceId) && !props.resourceId.startsWith('/')) {
      throw new Error(`AzapiUpdateResource: resourceId must be an ARM resource id starting with "/", got "${props.resourceId}"`);
    }
    if (!Token.isUnresolved(props.type) && !/@\d{4}-\d{2}-\d{2}(-preview)?$/.test(props.type)) {
      throw new Error(`AzapiUpdateResource: type must end with "@<yyyy-mm-dd[-preview]>", got "${props.type}"`);
    }
    super(scope, id, {
      terraformResourceType: AzapiUpdateResource.tfResourceType,
      terraformGeneratorMetadata: {
        providerName: AZAPI_PROVIDER_NAME,
        providerVersion: AZAPI_PROVIDER_VERSION,
        providerVersionConstraint: AZAPI_PROVIDER_VERSION,
      },
      provider: props.provider,
      dependsOn: props.dependsOn,
      lifecycle: props.lifecycle,
    });
    this.props = props;
  }

  get id(): string {
    return this.getStringAttribute('id');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return {
      type: this.props.type,
      resource_id: this.props.resourceId,
      body: this.props.body,
    };
  }
}
