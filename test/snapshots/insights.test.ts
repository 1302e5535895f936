import { stackOf, synthShipped } from '../helpers/synth';

// Drift detection only; behaviour is pinned by the assertions in test/insights.
it.each(['dev', 'test', 'prod'])('%s-insights', (env) => {
  expect(stackOf(synthShipped(), `${env}-insights`)).toMatchSnapshot();
});
