import { ApplicationInsightsWorkbook } from '@cdktf/provider-azurerm/lib/application-insights-workbook';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

import { GUID } from '../../../lib/guid';
import { notebookDocument, type WorkbookSpec } from './model';

export interface WorkbookProps {
  /** Resource name: a lowercase GUID, stable across deployments (see `Naming.workbookId`). */
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Log Analytics workspace every query reads. */
  readonly workspaceId: string;
  readonly spec: WorkbookSpec;
}

/**
 * A shared Azure Monitor workbook built from a typed spec. It is attached to the workspace (`source_id`), so it is
 * listed under the workspace's Workbooks as well as in Azure Monitor.
 */
export class Workbook extends Construct {
  readonly workbook: ApplicationInsightsWorkbook;

  constructor(scope: Construct, id: string, props: WorkbookProps) {
    super(scope, id);
    if (!GUID.test(props.name)) {
      throw new Error(`Workbook "${id}": name must be a lowercase GUID, got "${props.name}"`);
    }
    this.workbook = new ApplicationInsightsWorkbook(this, 'workbook', {
      name: props.name,
      displayName: props.displayName,
      description: props.description,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      category: 'workbook',
      // The provider refuses upper case here; ARM ids carry it in resourceGroups/ and provider names.
      sourceId: Fn.lower(props.workspaceId),
      dataJson: JSON.stringify(notebookDocument(props.spec, props.workspaceId)),
    });
  }
}
