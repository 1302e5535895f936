import { LAYER_ORDER } from '../../lib/layers';
import { SHIPPED_ENVIRONMENTS, snapshotView, stackOf, synthShipped } from '../helpers/synth';

// Drift detection only, one snapshot per stack: behaviour is pinned by the assertions next to each layer's tests
// (test/<layer>). A changed snapshot is reviewed like any other diff, and `jest --ci` never writes one silently.
describe.each(LAYER_ORDER)('%s layer', (layer) => {
  it.each(SHIPPED_ENVIRONMENTS)(`%s-${layer}`, (env) => {
    expect(snapshotView(stackOf(synthShipped(), `${env}-${layer}`))).toMatchSnapshot();
  });
});

describe('snapshotView', () => {
  it('drops only the outputs that exist for other stacks', () => {
    const view = snapshotView({
      '//': { metadata: { stackName: 's' }, outputs: { s: { 'cross-stack-output-x': 'cross-stack-output-x' } } },
      output: { 'cross-stack-output-x': { value: '${x.id}', sensitive: true }, 'gateway-host-name': { value: 'h' } },
    });
    expect(view).toEqual({ '//': { metadata: { stackName: 's' } }, output: { 'gateway-host-name': { value: 'h' } } });
  });
});
