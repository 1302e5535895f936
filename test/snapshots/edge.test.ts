import { stackOf, synthShipped } from '../helpers/synth';

// Drift detection only; behaviour is pinned by the assertions in test/edge.
it.each(['dev', 'test', 'prod'])('%s-edge', (env) => {
  expect(stackOf(synthShipped(), `${env}-edge`)).toMatchSnapshot();
});
