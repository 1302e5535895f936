import { type Attributes, onlyResource, resourcesOf, SHIPPED_ENVIRONMENTS, stackOf, synthShipped } from '../helpers/synth';

const synth = synthShipped();

/** The ports of every inbound Allow rule that clients (not platform service tags) use to reach the gateway. */
function listenerRulePorts(env: string): string[] {
  const rules = Object.values(resourcesOf(stackOf(synth, `${env}-network`), 'azurerm_network_security_rule'));
  const listeners = rules.filter((r) => r.name === 'Allow-Listeners-Inbound');
  expect(listeners).toHaveLength(1);
  const rule = listeners[0]!;
  return [
    ...((rule.destination_port_ranges as string[] | undefined) ?? []),
    ...(rule.destination_port_range ? [String(rule.destination_port_range)] : []),
  ];
}

describe("the gateway subnet admits exactly the edge gateway's frontend ports", () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: HTTPS and the HTTP redirect listener both reach the gateway', (env) => {
    const gateway = onlyResource(stackOf(synth, `${env}-edge`), 'azurerm_application_gateway');
    const frontend = (gateway.frontend_port as Attributes[]).map((p) => String(p.port)).sort();
    expect(frontend).toEqual(['443', '80']);
    expect(listenerRulePorts(env).sort()).toEqual(frontend);
  });
});
