import { stackOf, synthShipped } from '../helpers/synth';

// Drift detection only; behaviour is pinned by the assertions in test/monitoring.
it.each(['dev', 'test', 'prod'])('%s-monitoring', (env) => {
  expect(stackOf(synthShipped(), `${env}-monitoring`)).toMatchSnapshot();
});
