import { stackOf, synthShipped } from '../helpers/synth';

// Drift detection only; behaviour is pinned by the assertions in test/data.
it.each(['dev', 'test', 'prod'])('%s-data', (env) => {
  expect(stackOf(synthShipped(), `${env}-data`)).toMatchSnapshot();
});
