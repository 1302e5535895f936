import { onlyResource, SHIPPED_ENVIRONMENTS, stackOf, synthShipped } from '../helpers/synth';

const synth = synthShipped();

describe('application gateway protocol settings', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: HTTP/2 to clients, and the WAF policy is required to start', (env) => {
    const gateway = onlyResource(stackOf(synth, `${env}-edge`), 'azurerm_application_gateway');
    expect(gateway).toMatchObject({ enable_http2: true, force_firewall_policy_association: true });
  });
});
