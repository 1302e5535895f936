import { stackOf, synthShipped } from '../helpers/synth';

// Drift detection only; behaviour is pinned by the assertions in test/network.
it.each(['dev', 'test', 'prod'])('%s-network', (env) => {
  expect(stackOf(synthShipped(), `${env}-network`)).toMatchSnapshot();
});
