import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { Construct } from 'constructs';

import { type AlertReceivers, duplicateReceiverNames } from '../../lib/azure/action-group';

export interface AlertActionGroupProps {
  readonly name: string;
  /** Shown in email subjects and SMS; 1-12 characters. */
  readonly shortName: string;
  readonly resourceGroupName: string;
  /** Who is told when an alert fires. */
  readonly receivers: AlertReceivers;
}

/**
 * The action group every alert of the environment notifies: emails and webhooks from configuration. Every receiver
 * gets the common alert schema, so one parser handles log and metric alerts alike.
 */
export class AlertActionGroup extends Construct {
  readonly actionGroup: MonitorActionGroup;

  constructor(scope: Construct, id: string, props: AlertActionGroupProps) {
    super(scope, id);
    const duplicates = duplicateReceiverNames(props.receivers);
    if (duplicates.length > 0) {
      throw new Error(`AlertActionGroup "${id}": receiver names must be unique, found twice: ${duplicates.join(', ')}`);
    }
    this.actionGroup = new MonitorActionGroup(this, 'action-group', {
      name: props.name,
      shortName: props.shortName,
      resourceGroupName: props.resourceGroupName,
      // Action groups are global resources; their receivers are reached from every region.
      location: 'global',
      emailReceiver: props.receivers.emails.map((email) => ({
        name: email.name,
        emailAddress: email.address,
        useCommonAlertSchema: true,
      })),
      webhookReceiver: props.receivers.webhooks.map((webhook) => ({
        name: webhook.name,
        serviceUri: webhook.uri,
        useCommonAlertSchema: true,
      })),
    });
  }

  get id(): string {
    return this.actionGroup.id;
  }
}
