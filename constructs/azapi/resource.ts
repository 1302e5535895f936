import { type IResolvable, type TerraformMetaArguments, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';

import { AZAPI_PROVIDER_NAME, AZAPI_PROVIDER_VERSION, AzapiProvider } from './provider';

/** A JSON value in an ARM request body. Strings may carry Terraform references (tokens). */
export type AzapiBodyValue = string | number | boolean | null | readonly AzapiBodyValue[] | AzapiBody;

/** An ARM request body, written to Terraform as an object (azapi 2.x), never as a JSON string. */
export interface AzapiBody {
  readonly [key: string]: AzapiBodyValue | undefined;
}

/** Retries of create, read, update and delete calls whose error message matches one of the expressions. */
export interface AzapiRetry {
  /** Go regular expressions matched against the error message. At least one. */
  readonly errorMessageRegex: readonly string[];
  /** @default 10 */
  readonly intervalSeconds?: number;
  /** @default 180 */
  readonly maxIntervalSeconds?: number;
}

/** Durations such as "30m" or "1h30m". */
export interface AzapiTimeouts {
  readonly create?: string;
  readonly read?: string;
  readonly update?: string;
  readonly delete?: string;
}

/** Managed identity of the resource (azapi's `identity` block). */
export interface AzapiIdentity {
  readonly type: 'SystemAssigned' | 'UserAssigned' | 'SystemAssigned,UserAssigned';
  /** Resource ids of user-assigned identities. @default none */
  readonly identityIds?: readonly string[];
}

export interface AzapiResourceProps extends TerraformMetaArguments {
  /** `<resource type>@<api version>`, for example `Microsoft.ApiManagement/service/backends@2024-06-01-preview`. */
  readonly type: string;
  /** Name of the resource; changing it replaces the resource. */
  readonly name: string;
  /** ARM id of the parent (a resource group for top-level resources). Changing it replaces the resource. */
  readonly parentId: string;
  /** Request body. */
  readonly body: AzapiBody;
  /** Location, for top-level resources. @default none (child resources have none) */
  readonly location?: string;
  /** Tags, for resource types that take them (child resources usually do not). @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** Managed identity, for resource types that take one. @default none */
  readonly identity?: AzapiIdentity;
  /** Validate `type` and `body` against the provider's embedded schema. @default true (provider default) */
  readonly schemaValidationEnabled?: boolean;
  /**
   * Response values exported to `output`: a list of paths, or a map of names to JMESPath queries.
   * @default none (2.x then exports read-only properties)
   */
  readonly responseExportValues?: readonly string[] | Readonly<Record<string, string>>;
  /** Ignore properties the API does not return (e.g. secrets) when comparing. @default true (provider default) */
  readonly ignoreMissingProperty?: boolean;
  /** Ignore the casing of property names in the response. @default false (provider default) */
  readonly ignoreCasing?: boolean;
  /** ARM ids whose changes must not run concurrently with this resource. @default none */
  readonly locks?: readonly string[];
  /** @default no retries beyond the provider's own */
  readonly retry?: AzapiRetry;
  /** @default provider defaults */
  readonly timeouts?: AzapiTimeouts;
}

const RESOURCE_TYPE = /^[A-Za-z][A-Za-z0-9]*\.[A-Za-z0-9.]+(\/[A-Za-z0-9]+)+@\d{4}-\d{2}-\d{2}(-preview|-beta|-alpha|-privatepreview)?$/;
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

function isKnown(value: unknown): boolean {
  return !Token.isUnresolved(value);
}

function validate(props: AzapiResourceProps): void {
  const problems: string[] = [];
  if (isKnown(props.type) && !RESOURCE_TYPE.test(props.type)) {
    problems.push(`type must read "<Namespace/resourceType>@<yyyy-mm-dd[-preview]>", got "${props.type}"`);
  }
  if (isKnown(props.name) && props.name.trim().length === 0) {
    problems.push('name is empty');
  }
  if (isKnown(props.parentId) && !props.parentId.startsWith('/')) {
    problems.push(`parentId must be an ARM resource id starting with "/", got "${props.parentId}"`);
  }
  if (props.retry !== undefined) {
    if (props.retry.errorMessageRegex.length === 0) {
      problems.push('retry.errorMessageRegex is empty; give at least one expression or drop retry');
    }
    const interval = props.retry.intervalSeconds;
    if (interval !== undefined && isKnown(interval) && !(Number.isInteger(interval) && interval >= 1 && interval <= 120)) {
      problems.push(`retry.intervalSeconds must be an integer from 1 to 120, got ${interval}`);
    }
    const maxInterval = props.retry.maxIntervalSeconds;
    if (maxInterval !== undefined && isKnown(maxInterval) && !(Number.isInteger(maxInterval) && maxInterval >= 1 && maxInterval <= 300)) {
      problems.push(`retry.maxIntervalSeconds must be an integer from 1 to 300, got ${maxInterval}`);
    }
  }
  for (const [operation, duration] of Object.entries(props.timeouts ?? {})) {
    if (duration !== undefined && isKnown(duration) && !DURATION.test(duration)) {
      problems.push(`timeouts.${operation} must be a duration such as "30m" or "1h30m", got "${duration}"`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`AzapiResource: ${problems.join('; ')}`);
  }
}

/** Drops undefined members so the synthesized body holds only what was set. */
function pruneBody(value: AzapiBodyValue | undefined): AzapiBodyValue | undefined {
  if (value === undefined || value === null || typeof value !== 'object' || Token.isUnresolved(value)) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item: AzapiBodyValue) => pruneBody(item) ?? null);
  }
  const result: { [key: string]: AzapiBodyValue } = {};
  for (const [key, member] of Object.entries(value as AzapiBody)) {
    const pruned = pruneBody(member);
    if (pruned !== undefined) {
      result[key] = pruned;
    }
  }
  return result;
}

/**
 * `azapi_resource`: any Azure Resource Manager resource by type and API version, with a typed body.
 * Exposes the ARM id as `id` and the exported response values as `output`.
 */
export class AzapiResource extends TerraformResource {
  static readonly tfResourceType = 'azapi_resource';

  /** The ARM resource type, without the API version. */
  readonly armType: string;
  /** The API version the resource is managed with. */
  readonly apiVersion: string;

  private readonly props: AzapiResourceProps;

  constructor(scope: Construct, id: string, props: AzapiResourceProps) {
    validate(props);
    if (props.provider === undefined) {
      AzapiProvider.of(scope);
    }
    super(scope, id, {
      terraformResourceType: AzapiResource.tfResourceType,
      terraformGeneratorMetadata: {
        providerName: AZAPI_PROVIDER_NAME,
        providerVersion: AZAPI_PROVIDER_VERSION,
        providerVersionConstraint: AZAPI_PROVIDER_VERSION,
      },
      provider: props.provider,
      dependsOn: props.dependsOn,
      count: props.count,
      lifecycle: props.lifecycle,
      forEach: props.forEach,
      provisioners: props.provisioners,
      connection: props.connection,
    });
    this.props = props;
    const [armType, apiVersion] = Token.isUnresolved(props.type) ? [props.type, ''] : (props.type.split('@') as [string, string]);
    this.armType = armType;
    this.apiVersion = apiVersion;
  }

  /** ARM id of the resource. */
  get id(): string {
    return this.getStringAttribute('id');
  }

  /** Values exported from the response (see `responseExportValues`), as one object. */
  get output(): IResolvable {
    return this.interpolationForAttribute('output');
  }

  /** One exported value by its path in `output`, for example `properties.gatewayUrl`. */
  outputString(path: string): string {
    return this.getStringAttribute(`output.${path}`);
  }

  /** The body as it will be synthesized. */
  get body(): AzapiBody {
    return pruneBody(this.props.body) as AzapiBody;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    const { retry, timeouts } = this.props;
    return {
      type: this.props.type,
      name: this.props.name,
      parent_id: this.props.parentId,
      location: this.props.location,
      tags: this.props.tags,
      identity:
        this.props.identity === undefined ? undefined : { type: this.props.identity.type, identity_ids: this.props.identity.identityIds },
      body: this.body,
      schema_validation_enabled: this.props.schemaValidationEnabled,
      response_export_values: this.props.responseExportValues,
      ignore_missing_property: this.props.ignoreMissingProperty,
      ignore_casing: this.props.ignoreCasing,
      locks: this.props.locks,
      retry:
        retry === undefined
          ? undefined
          : {
              error_message_regex: retry.errorMessageRegex,
              interval_seconds: retry.intervalSeconds,
              max_interval_seconds: retry.maxIntervalSeconds,
            },
      timeouts,
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: unknown } {
    const kinds: Readonly<Record<string, { type: string; storageClassType: string }>> = {
      type: { type: 'simple', storageClassType: 'string' },
      name: { type: 'simple', storageClassType: 'string' },
      parent_id: { type: 'simple', storageClassType: 'string' },
      location: { type: 'simple', storageClassType: 'string' },
      tags: { type: 'map', storageClassType: 'stringMap' },
      schema_validation_enabled: { type: 'simple', storageClassType: 'boolean' },
      ignore_missing_property: { type: 'simple', storageClassType: 'boolean' },
      ignore_casing: { type: 'simple', storageClassType: 'boolean' },
      locks: { type: 'list', storageClassType: 'stringList' },
    };
    return Object.fromEntries(
      Object.entries(this.synthesizeAttributes())
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) =>
          // timeouts and identity are blocks in the provider schema; retry and the dynamic attributes are values.
          name === 'timeouts' || name === 'identity'
            ? [
                name,
                {
                  value,
                  isBlock: true,
                  type: 'simple',
                  storageClassType: name === 'identity' ? 'AzapiIdentity' : 'AzapiTimeouts',
                },
              ]
            : [name, { value, isBlock: false, ...(kinds[name] ?? { type: 'any', storageClassType: 'any' }) }],
        ),
    );
  }
}
