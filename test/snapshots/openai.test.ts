import { stackOf, synthShipped } from '../helpers/synth';

// Drift detection only; behaviour is pinned by the assertions in test/openai.
it.each(['dev', 'test', 'prod'])('%s-openai', (env) => {
  expect(stackOf(synthShipped(), `${env}-openai`)).toMatchSnapshot();
});
