import { type ITerraformDependable, TerraformProvider, TerraformResource, TerraformStack, Token } from 'cdktf';
import type { Construct, IConstruct } from 'constructs';

/**
 * The `hashicorp/time` provider, for waits and scheduled rotations. No prebuilt binding is used: the three
 * declarations below are all the project needs, and they keep the synthesized JSON under test.
 * Resource reference: https://registry.terraform.io/providers/hashicorp/time/latest/docs
 */
export const TIME_PROVIDER_SOURCE = 'hashicorp/time';
/** Pinned release (https://releases.hashicorp.com/terraform-provider-time). */
export const TIME_PROVIDER_VERSION = '0.13.1';
const TIME_PROVIDER_NAME = 'time';

const GENERATOR = {
  providerName: TIME_PROVIDER_NAME,
  providerVersion: TIME_PROVIDER_VERSION,
  providerVersionConstraint: TIME_PROVIDER_VERSION,
};

/** The `hashicorp/time` provider; it takes no settings. */
export class TimeProvider extends TerraformProvider {
  static readonly tfResourceType = 'time';

  /** The stack's time provider, created the first time a time resource needs it. */
  static of(scope: IConstruct): TimeProvider {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.children.find((child): child is TimeProvider => child instanceof TimeProvider);
    return existing ?? new TimeProvider(stack, 'time');
  }

  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: TimeProvider.tfResourceType,
      terraformGeneratorMetadata: GENERATOR,
      terraformProviderSource: TIME_PROVIDER_SOURCE,
    });
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return {};
  }
}

/** Go-style duration accepted by time_sleep, e.g. "300s" or "5m". */
const DURATION = /^(\d+(h|m|s))+$/;

export interface TimeSleepProps {
  /** Pause after the dependencies are created, e.g. "300s". */
  readonly createDuration: string;
  /** What the pause waits for. */
  readonly dependsOn: ITerraformDependable[];
  /**
   * Values whose change replaces the sleep, so it waits again (e.g. the id of a recreated resource).
   * @default none
   */
  readonly triggers?: Readonly<Record<string, string>>;
}

/**
 * `time_sleep`: a pause in the apply between resources. Resources that depend on it are created only after the
 * pause, so they do not race a service that reports success before it can take writes.
 */
export class TimeSleep extends TerraformResource {
  static readonly tfResourceType = 'time_sleep';

  private readonly props: TimeSleepProps;

  constructor(scope: Construct, id: string, props: TimeSleepProps) {
    if (!Token.isUnresolved(props.createDuration) && !DURATION.test(props.createDuration)) {
      throw new Error(`TimeSleep "${id}": createDuration must be a duration such as "300s" or "5m", got "${props.createDuration}"`);
    }
    TimeProvider.of(scope);
    super(scope, id, {
      terraformResourceType: TimeSleep.tfResourceType,
      terraformGeneratorMetadata: GENERATOR,
      dependsOn: props.dependsOn,
    });
    this.props = props;
  }

  get createDuration(): string {
    return this.props.createDuration;
  }

  /** When the pause ended (RFC 3339); known only after apply. */
  get id(): string {
    return this.getStringAttribute('id');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return { create_duration: this.props.createDuration, triggers: this.props.triggers };
  }

  protected override synthesizeHclAttributes(): { [name: string]: unknown } {
    return {
      create_duration: { value: this.props.createDuration, isBlock: false, type: 'simple', storageClassType: 'string' },
      ...(this.props.triggers === undefined
        ? {}
        : { triggers: { value: this.props.triggers, isBlock: false, type: 'map', storageClassType: 'stringMap' } }),
    };
  }
}
