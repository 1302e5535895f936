import { onlyResource, shippedConfig, stackOf, synthShipped } from '../helpers/synth';

const synth = synthShipped();

describe('Log Analytics workspace', () => {
  it.each(['dev', 'test', 'prod'] as const)('%s: retention from config, no shared-key access', (env) => {
    const workspace = onlyResource(stackOf(synth, `${env}-monitoring`), 'azurerm_log_analytics_workspace');
    expect(workspace).toMatchObject({
      retention_in_days: shippedConfig(env).logging.retentionDays,
      local_authentication_enabled: false,
      sku: 'PerGB2018',
    });
  });

  it('is protected from destroy in production only', () => {
    expect(onlyResource(stackOf(synth, 'prod-monitoring'), 'azurerm_log_analytics_workspace').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(stackOf(synth, 'dev-monitoring'), 'azurerm_log_analytics_workspace').lifecycle).toEqual({ prevent_destroy: false });
  });
});

describe('Application Insights', () => {
  it('is workspace-based and keeps every sample', () => {
    const appInsights = onlyResource(stackOf(synth, 'prod-monitoring'), 'azurerm_application_insights');
    expect(appInsights).toMatchObject({
      workspace_id: '${azurerm_log_analytics_workspace.workspace.id}',
      sampling_percentage: 100,
    });
  });
});
