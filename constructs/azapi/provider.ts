import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import type { Construct, IConstruct } from 'constructs';

/** Registry address of the AzAPI provider. */
export const AZAPI_PROVIDER_SOURCE = 'azure/azapi';

/**
 * Pinned AzAPI release. 2.x takes `body` as an HCL object (1.x took a jsonencode string), which is what
 * `AzapiResource` writes. Changelog: https://github.com/Azure/terraform-provider-azapi/blob/main/CHANGELOG.md
 */
export const AZAPI_PROVIDER_VERSION = '2.7.0';

/** Name bindings use to tie resources to their provider (checked by cdktf's provider-presence validation). */
export const AZAPI_PROVIDER_NAME = 'azapi';

export type AzapiEnvironment = 'public' | 'usgovernment' | 'china';

/**
 * Provider settings. Credentials are deliberately absent: authentication comes from the environment (Azure CLI,
 * managed identity or OIDC), never from synthesized configuration.
 */
export interface AzapiProviderConfig {
  /**
   * Version constraint written to `required_providers`. Must stay within 2.x.
   * @default AZAPI_PROVIDER_VERSION (an exact pin)
   */
  readonly version?: string;
  /** Alias, when a stack needs a second configuration of the provider. @default none */
  readonly alias?: string;
  /** @default the subscription of the ambient credentials */
  readonly subscriptionId?: string;
  /** @default the tenant of the ambient credentials */
  readonly tenantId?: string;
  /** Client id of the identity to authenticate as (managed identity or OIDC). @default none */
  readonly clientId?: string;
  /** @default 'public' */
  readonly environment?: AzapiEnvironment;
  /** @default provider default (true) */
  readonly useCli?: boolean;
  /** @default provider default (false) */
  readonly useMsi?: boolean;
  /** @default provider default (false) */
  readonly useOidc?: boolean;
  /** Skip registering resource providers, for identities without subscription-level rights. @default false */
  readonly skipProviderRegistration?: boolean;
}

const VERSION_CONSTRAINT = /^(?:(?:=|!=|>=|<=|>|<|~>)\s*)?(\d+)(?:\.\d+){0,2}$/;

/** Validates a provider version constraint and returns its major version. */
export function azapiMajorVersion(constraint: string): number {
  const parts = constraint.split(',').map((part) => part.trim());
  const majors = parts.map((part) => {
    const match = VERSION_CONSTRAINT.exec(part);
    if (match === null) {
      throw new Error(`AzapiProvider: version "${constraint}" is not a Terraform version constraint (for example "2.7.0" or "~> 2.7")`);
    }
    return Number(match[1]);
  });
  const first = majors[0] as number;
  if (majors.some((major) => major !== first) || first !== 2) {
    throw new Error(
      `AzapiProvider: version "${constraint}" must stay within 2.x; AzapiResource writes body as an object, which 1.x rejects and a later major may change`,
    );
  }
  return first;
}

/**
 * A stack that knows how its default azapi provider is configured (tenant, subscription). `AzapiProvider.of` asks it
 * when it creates the provider, so constructs never carry those settings.
 */
export interface AzapiProviderDefaults {
  azapiProviderConfig(): AzapiProviderConfig;
}

function hasAzapiDefaults(stack: TerraformStack): stack is TerraformStack & AzapiProviderDefaults {
  return typeof (stack as Partial<AzapiProviderDefaults>).azapiProviderConfig === 'function';
}

/** The `azure/azapi` Terraform provider, for resources azurerm cannot express. */
export class AzapiProvider extends TerraformProvider {
  static readonly tfResourceType = 'azapi';

  /**
   * The stack's default (unaliased) azapi provider, created with the stack's `AzapiProviderDefaults` (or the ambient
   * credentials' defaults) the first time a construct needs it: every azapi binding calls this, so no stack can
   * hold an azapi resource without its provider.
   */
  static of(scope: IConstruct): AzapiProvider {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.children.find(
      (child): child is AzapiProvider => child instanceof AzapiProvider && child.alias === undefined,
    );
    return existing ?? new AzapiProvider(stack, 'azapi', hasAzapiDefaults(stack) ? stack.azapiProviderConfig() : {});
  }

  private readonly config: AzapiProviderConfig;
  private providerAlias?: string;

  constructor(scope: Construct, id: string, config: AzapiProviderConfig = {}) {
    const version = config.version ?? AZAPI_PROVIDER_VERSION;
    if (!Token.isUnresolved(version)) {
      azapiMajorVersion(version);
    }
    super(scope, id, {
      terraformResourceType: AzapiProvider.tfResourceType,
      terraformGeneratorMetadata: {
        providerName: AZAPI_PROVIDER_NAME,
        providerVersion: version,
        providerVersionConstraint: version,
      },
      terraformProviderSource: AZAPI_PROVIDER_SOURCE,
    });
    this.config = config;
    this.providerAlias = config.alias;
  }

  override get alias(): string | undefined {
    return this.providerAlias;
  }

  override set alias(value: string | undefined) {
    this.providerAlias = value;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return {
      alias: this.providerAlias,
      subscription_id: this.config.subscriptionId,
      tenant_id: this.config.tenantId,
      client_id: this.config.clientId,
      environment: this.config.environment,
      use_cli: this.config.useCli,
      use_msi: this.config.useMsi,
      use_oidc: this.config.useOidc,
      skip_provider_registration: this.config.skipProviderRegistration,
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: unknown } {
    const strings = ['alias', 'subscription_id', 'tenant_id', 'client_id', 'environment'];
    return Object.fromEntries(
      Object.entries(this.synthesizeAttributes())
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => [
          name,
          { value, isBlock: false, type: 'simple', storageClassType: strings.includes(name) ? 'string' : 'boolean' },
        ]),
    );
  }
}

/** How every hand-written azapi binding tells cdktf which provider it belongs to, pinned exactly. */
export const AZAPI_GENERATOR_METADATA = {
  providerName: AZAPI_PROVIDER_NAME,
  providerVersion: AZAPI_PROVIDER_VERSION,
  providerVersionConstraint: AZAPI_PROVIDER_VERSION,
} as const;

/**
 * Checks the two arguments of a request against an existing resource: an ARM id and a `<type>@<api version>`.
 * Throws, naming the binding, on a literal that Terraform would only refuse at plan.
 */
export function assertExistingResourceRequest(binding: string, props: { readonly type: string; readonly resourceId: string }): void {
  if (!Token.isUnresolved(props.resourceId) && !props.resourceId.startsWith('/')) {
    throw new Error(`${binding}: resourceId must be an ARM resource id starting with "/", got "${props.resourceId}"`);
  }
  if (!Token.isUnresolved(props.type) && !/@\d{4}-\d{2}-\d{2}(-preview)?$/.test(props.type)) {
    throw new Error(`${binding}: type must end with "@<yyyy-mm-dd[-preview]>", got "${props.type}"`);
  }
}
