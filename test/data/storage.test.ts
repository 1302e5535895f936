import { onlyResource, SHIPPED_ENVIRONMENTS, stackOf, synthShipped } from '../helpers/synth';

const synth = synthShipped();

/** Settings of the storage account that no other test reads: each closes a way data could leave or be lost. */
describe('storage account hardening', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: copies only over private links, no cross-tenant replication, no local users or SFTP', (env) => {
    const account = onlyResource(stackOf(synth, `${env}-data`), 'azurerm_storage_account');
    expect(account).toMatchObject({
      allowed_copy_scope: 'PrivateLink',
      cross_tenant_replication_enabled: false,
      local_user_enabled: false,
      sftp_enabled: false,
    });
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: blob versions and the change feed record every write to the audit trail', (env) => {
    const account = onlyResource(stackOf(synth, `${env}-data`), 'azurerm_storage_account');
    expect(account.blob_properties).toMatchObject({ versioning_enabled: true, change_feed_enabled: true });
  });
});
