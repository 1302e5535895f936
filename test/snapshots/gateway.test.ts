import { stackOf, synthShipped } from '../helpers/synth';

// Drift detection only; behaviour is pinned by the assertions in test/gateway.
it.each(['dev', 'test', 'prod'])('%s-gateway', (env) => {
  expect(stackOf(synthShipped(), `${env}-gateway`)).toMatchSnapshot();
});
