import { Lazy } from 'cdktf';

import { withoutTokenStackTraces } from '../../lib/stack-traces';

describe('withoutTokenStackTraces', () => {
  const token = () => Lazy.anyValue({ produce: () => 'value' }) as unknown as { creationStack: string[] };
  afterEach(() => jest.restoreAllMocks());

  it('captures no stack for the tokens cdktf creates inside, which then have no creation stack', () => {
    const capture = jest.spyOn(Error, 'captureStackTrace');
    expect(withoutTokenStackTraces(token).creationStack).toEqual([]);
    expect(capture).not.toHaveBeenCalled();
    expect(token().creationStack.length).toBeGreaterThan(0);
    expect(capture).toHaveBeenCalledTimes(1);
  });

  it('keeps capturing into errors, and puts both of Error’s stack functions back, also when the work throws', () => {
    const { prepareStackTrace, captureStackTrace } = Error;
    const target = new Error('captured');
    withoutTokenStackTraces(() => Error.captureStackTrace(target));
    expect(target.stack).toMatch(/^Error: captured\n {4}at /);
    expect(() =>
      withoutTokenStackTraces(() => {
        throw new Error('thrown');
      }),
    ).toThrow('thrown');
    expect([Error.prepareStackTrace, Error.captureStackTrace]).toEqual([prepareStackTrace, captureStackTrace]);
  });
});
