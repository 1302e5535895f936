import { type TerraformMetaArguments, TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';

import { assertExistingResourceRequest, AZAPI_GENERATOR_METADATA, AzapiProvider } from './provider';
import type { AzapiBody } from './resource';

/** HTTP methods azapi_resource_action allows (azapi v2.7.0 docs/resources/resource_action.md, `method`). */
export type AzapiActionMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface AzapiResourceActionProps extends TerraformMetaArguments {
  /** `<resource type>@<api version>` of the resource the request goes to. */
  readonly type: string;
  /** ARM id of an existing resource, which this resource never manages. */
  readonly resourceId: string;
  /** @default 'POST' (provider default) */
  readonly method?: AzapiActionMethod;
  /** Name of a resource action (`<resource id>/<action>`). @default none: the request goes to the resource id */
  readonly action?: string;
  /** @default none */
  readonly body?: AzapiBody;
  /** @default none */
  readonly queryParameters?: Readonly<Record<string, readonly string[]>>;
  /** @default none */
  readonly headers?: Readonly<Record<string, string>>;
  /** Run on apply (default) or only when the resource is destroyed. @default 'apply' (provider default) */
  readonly when?: 'apply' | 'destroy';
}

/**
 * `azapi_resource_action`: one request against an existing resource that Terraform does not manage, such as
 * deleting what a service creates by itself. It runs again only when its arguments change, and its removal from
 * configuration sends nothing.
 * https://github.com/Azure/terraform-provider-azapi/blob/v2.7.0/docs/resources/resource_action.md
 */
export class AzapiResourceAction extends TerraformResource {
  static readonly tfResourceType = 'azapi_resource_action';

  private readonly props: AzapiResourceActionProps;

  constructor(scope: Construct, id: string, props: AzapiResourceActionProps) {
    assertExistingResourceRequest('AzapiResourceAction', props);
    if (props.provider === undefined) {
      AzapiProvider.of(scope);
    }
    super(scope, id, {
      terraformResourceType: AzapiResourceAction.tfResourceType,
      terraformGeneratorMetadata: AZAPI_GENERATOR_METADATA,
      provider: props.provider,
      dependsOn: props.dependsOn,
      lifecycle: props.lifecycle,
    });
    this.props = props;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return {
      type: this.props.type,
      resource_id: this.props.resourceId,
      method: this.props.method,
      action: this.props.action,
      body: this.props.body,
      query_parameters: this.props.queryParameters,
      headers: this.props.headers,
      when: this.props.when,
    };
  }
}
