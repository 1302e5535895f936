import { DataTerraformRemoteState, TerraformBackend, type TerraformRemoteState } from 'cdktf';
import type { Construct } from 'constructs';

export interface HcpTerraformBackendProps {
  /** HCP Terraform (`app.terraform.io`) or a Terraform Enterprise host. */
  readonly hostname: string;
  readonly organization: string;
  /** The one workspace that holds this stack's state. */
  readonly workspace: string;
}

/**
 * The `cloud` block for HCP Terraform or Terraform Enterprise, written as cdktf's `CloudBackend` writes it (same
 * JSON, same metadata, same remote-state lookups for the stacks that read this one).
 *
 * `CloudBackend` also adds a check that runs `terraform version` when the stack is synthesized, to require
 * Terraform 1.1 for the block. Synthesis must not need a Terraform binary (CI synthesizes without one), the check
 * would spawn Terraform once per stack, and every stack already requires a newer Terraform through
 * `terraform.required_version` (lib/terraform.ts), which Terraform itself enforces at init.
 */
export class HcpTerraformBackend extends TerraformBackend {
  constructor(
    scope: Construct,
    private readonly props: HcpTerraformBackendProps,
  ) {
    super(scope, 'backend', 'cloud');
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { hostname: this.props.hostname, organization: this.props.organization, workspaces: { name: this.props.workspace } };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return this.synthesizeAttributes();
  }

  /** `terraform.cloud`, not `terraform.backend.cloud`: the block sits beside the backends, not among them. */
  override toTerraform(): unknown {
    return asCloudBlock(super.toTerraform());
  }

  override toHclTerraform(): unknown {
    return asCloudBlock(super.toHclTerraform());
  }

  /** The metadata cdktf's CLI reads to tell HCP Terraform from Terraform Enterprise. */
  override toMetadata(): Record<string, unknown> {
    return { ...super.toMetadata(), cloud: this.props.hostname.startsWith('app.terraform.io') ? 'tfc' : 'tfe' };
  }

  getRemoteStateDataSource(scope: Construct, name: string, _fromStack: string): TerraformRemoteState {
    return new DataTerraformRemoteState(scope, name, {
      organization: this.props.organization,
      hostname: this.props.hostname,
      workspaces: { name: this.props.workspace },
    });
  }
}

function asCloudBlock(synthesized: unknown): unknown {
  const { terraform } = synthesized as { terraform: { backend: { cloud: unknown } } };
  return { terraform: { cloud: terraform.backend.cloud } };
}
