import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

const MOVES = new WeakMap<TerraformStack, { from: string; to: string }[]>();

/**
 * Adds a Terraform `moved` block to the stack of `scope`. Written as a stack override rather than with cdktf's
 * `moveFromId`: a stack with cdktf resource moves validates the Terraform version by running `terraform version`
 * during synth, which fails where no Terraform binary is installed, and synth must not need one.
 */
export function addMovedBlock(scope: IConstruct, move: { readonly from: string; readonly to: string }): void {
  const stack = TerraformStack.of(scope);
  const moves = MOVES.get(stack) ?? [];
  moves.push({ from: move.from, to: move.to });
  MOVES.set(stack, moves);
  stack.addOverride('moved', [...moves]);
}
