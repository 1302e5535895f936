import { CERTIFICATE_READER_ROLE } from '../../constructs/apim/custom-domain';
import { changed, onlyProblem } from '../helpers/config';
import {
  type Attributes,
  onlyResource,
  resourcesOf,
  type StackJson,
  stackOf,
  synthesizeConfigs,
  synthShipped,
  validate,
} from '../helpers/synth';

const ZONE = 'apim.contoso.internal';
const CERTIFICATE = 'cert-apim-wildcard';

const raw = changed((r) => (r.apiManagement.customDomain = { zone: ZONE, certificateName: CERTIFICATE }), 'test');
const synth = synthesizeConfigs([validate(raw)]);
const stack = (layer: string): StackJson => stackOf(synth, `test-${layer}`);
const apimName = String(onlyResource(stack('gateway'), 'azurerm_api_management').name);

describe('API Management on the environment’s own domain', () => {
  it('the private zone is the environment’s own, not azure-api.net, which would answer for every *.azure-api.net', () => {
    const zones = Object.values(resourcesOf(stack('network'), 'azurerm_private_dns_zone')).map((zone) => zone.name);
    expect(zones).toContain(ZONE);
    expect(zones).not.toContain('azure-api.net');
    // Without a custom domain, the shipped environments keep azure-api.net.
    const shipped = Object.values(resourcesOf(stackOf(synthShipped(), 'test-network'), 'azurerm_private_dns_zone')).map(
      (zone) => zone.name,
    );
    expect(shipped).toContain('azure-api.net');
  });

  it('each endpoint is one label in the zone, so one wildcard certificate covers them all', () => {
    const records = Object.values(resourcesOf(stack('gateway'), 'azurerm_private_dns_a_record')).map((record) => record.name);
    expect(records.sort()).toEqual(
      [apimName, `${apimName}-developer`, `${apimName}-management`, `${apimName}-portal`, `${apimName}-scm`].sort(),
    );
  });

  it('binds the host names with the vault certificate, read by API Management’s identity once its role is in place', () => {
    const gateway = stack('gateway');
    const domain = onlyResource(gateway, 'azurerm_api_management_custom_domain');
    const host = (block: string) => (domain[block] as Attributes[])[0]!;
    expect(host('gateway')).toMatchObject({
      host_name: `${apimName}.${ZONE}`,
      default_ssl_binding: true,
      negotiate_client_certificate: false,
    });
    expect(host('developer_portal').host_name).toBe(`${apimName}-developer.${ZONE}`);
    expect(host('management').host_name).toBe(`${apimName}-management.${ZONE}`);
    expect(host('scm').host_name).toBe(`${apimName}-scm.${ZONE}`);
    expect(domain.portal).toBeUndefined();
    for (const block of ['gateway', 'developer_portal', 'management', 'scm']) {
      // Versionless: API Management follows renewals.
      expect(String(host(block).key_vault_certificate_id)).toMatch(new RegExp(`vault_uri\\}secrets/${CERTIFICATE}$`));
    }
    const reader = Object.values(resourcesOf(gateway, 'azurerm_role_assignment')).find(
      (r) => r.role_definition_name === CERTIFICATE_READER_ROLE,
    )!;
    expect(reader).toMatchObject({ principal_type: 'ServicePrincipal' });
    expect(String(reader.principal_id)).toMatch(/^\$\{azurerm_api_management\.[^.]+\.identity\[0\]\.principal_id\}$/);
    expect(String(reader.scope)).toMatch(new RegExp(`\\}/secrets/${CERTIFICATE}$`));
    const wait = Object.entries(resourcesOf(gateway, 'time_sleep')).find(([name]) => name.includes('reader-access-propagation'))!;
    expect(wait[1].depends_on).toEqual([expect.stringMatching(/^azurerm_role_assignment\./)]);
    expect(domain.depends_on).toContain(`time_sleep.${wait[0]}`);
  });

  it('Application Gateway and the portal sign-in follow the custom host names', () => {
    const appgw = onlyResource(stack('edge'), 'azurerm_application_gateway');
    expect((appgw.backend_address_pool as Attributes[])[0]!.fqdns).toEqual([`${apimName}.${ZONE}`]);
    const portal = Object.values(resourcesOf(stack('identity'), 'azuread_application')).find((app) =>
      String(app.display_name).endsWith('-portal'),
    )!;
    expect((portal.single_page_application as Attributes).redirect_uris).toEqual([`https://${apimName}-developer.${ZONE}/signin`]);
  });

  it('refuses azure-api.net as a zone of its own, in one line', () => {
    expect(onlyProblem(changed((r) => (r.apiManagement.customDomain = { zone: 'x.azure-api.net', certificateName: CERTIFICATE })))).toBe(
      'env.json: apiManagement.customDomain.zone: expected a zone of your own, not azure-api.net, found "x.azure-api.net"',
    );
  });
});
