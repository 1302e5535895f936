import { type TerraformMetaArguments, TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';

import { assertExistingResourceRequest, AZAPI_GENERATOR_METADATA, AzapiProvider } from './provider';
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
    assertExistingResourceRequest('AzapiUpdateResource', props);
    if (props.provider === undefined) {
      AzapiProvider.of(scope);
    }
    super(scope, id, {
      terraformResourceType: AzapiUpdateResource.tfResourceType,
      terraformGeneratorMetadata: AZAPI_GENERATOR_METADATA,
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
