import { stackOf, synthShipped } from '../helpers/synth';

// Drift detection only; behaviour is pinned by the assertions in test/identity.
it.each(['dev', 'test', 'prod'])('%s-identity', (env) => {
  expect(stackOf(synthShipped(), `${env}-identity`)).toMatchSnapshot();
});
