/** Who an action group notifies. */
export interface AlertReceivers {
  readonly emails: readonly { readonly name: string; readonly address: string }[];
  readonly webhooks: readonly { readonly name: string; readonly uri: string }[];
}

/**
 * Receiver names must be unique within an action group, emails and webhooks together; Azure refuses the group
 * otherwise. The configuration schema and the action group construct both ask this.
 */
export function duplicateReceiverNames(receivers: AlertReceivers): string[] {
  const names = [...receivers.emails.map((r) => r.name), ...receivers.webhooks.map((r) => r.name)];
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))].sort();
}
