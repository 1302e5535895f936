import { type Attributes, problemsOf, rawEnvironment, shippedConfig } from '../helpers/synth';

type Raw = Record<string, Attributes & Record<string, unknown>> & { access: { tiers: Attributes[]; developerPortal?: Attributes } };

function changed(edit: (raw: Raw) => void): Raw {
  const raw = structuredClone(rawEnvironment('dev')) as Raw;
  edit(raw);
  return raw;
}

const onlyProblem = (raw: unknown): string => {
  const problems = problemsOf(raw, 'env.yaml');
  expect(problems).toHaveLength(1);
  return problems[0]!;
};

describe('API Management configuration', () => {
  it('defaults: retries derived from the pool, breaker trips on the first failure for 10 s, 240 s backend timeout, 300 s activation wait, 8 KB prompts, no response bodies', () => {
    const apim = shippedConfig('dev').apiManagement;
    expect(apim.retry).toEqual({ intervalSeconds: 1 });
    expect(apim.circuitBreaker).toEqual({ intervalSeconds: 10, tripDurationSeconds: 10 });
    expect(apim.backendTimeoutSeconds).toBe(240);
    expect(apim.activationWaitSeconds).toBe(300);
    expect(apim.logging).toEqual({ requestBodyBytes: 8192, responseBodyBytes: 0, llmMessageBytes: 262144 });
  });

  it('fails a retry count of 0: the policy needs at least one retry to move off a throttled backend', () => {
    expect(onlyProblem(changed((r) => (r.apiManagement.retry = { count: 0, intervalSeconds: 1 })))).toBe(
      'env.json: apiManagement.retry.count: expected a retry count 1-50, found 0',
    );
  });

  it('fails a retry count that cannot reach every pool member', () => {
    const raw = structuredClone(rawEnvironment('prod')) as Raw;
    raw.apiManagement.retry = { count: 1, intervalSeconds: 1 };
    expect(onlyProblem(raw)).toBe(
      'env.json: apiManagement.retry.count: expected a retry count of at least 2 (one less than the 3 pool members), so a request can reach every member, found 1',
    );
  });

  it('fails a backend timeout above 240 s, which Azure load balancers would cut', () => {
    expect(onlyProblem(changed((r) => (r.apiManagement.backendTimeoutSeconds = 600)))).toBe(
      'env.json: apiManagement.backendTimeoutSeconds: expected seconds 30-240, found 600',
    );
  });

  it('fails body sizes API Management cannot log', () => {
    expect(onlyProblem(changed((r) => (r.apiManagement.logging = { requestBodyBytes: 16384 })))).toBe(
      'env.json: apiManagement.logging.requestBodyBytes: expected bytes 0-8192, found 16384',
    );
    expect(onlyProblem(changed((r) => (r.apiManagement.logging = { llmMessageBytes: 10_000_000 })))).toBe(
      'env.json: apiManagement.logging.llmMessageBytes: expected bytes 1024-262144, found 10000000',
    );
  });

  it('fails an unknown logging setting rather than ignoring it', () => {
    expect(onlyProblem(changed((r) => (r.apiManagement.logging = { responseBodies: true })))).toMatch(/^env\.json: apiManagement\.logging/);
  });

  it('fails a negative activation wait', () => {
    expect(onlyProblem(changed((r) => (r.apiManagement.activationWaitSeconds = -1)))).toBe(
      'env.json: apiManagement.activationWaitSeconds: expected seconds 0-1800, found -1',
    );
  });
});

describe('access configuration', () => {
  it('a tier may list workload identities; a repeated one fails at its index', () => {
    const id = '55555555-5555-5555-5555-555555555555';
    expect(problemsOf(changed((r) => (r.access.tiers[0]!.servicePrincipals = [id])))).toEqual([]);
    expect(onlyProblem(changed((r) => (r.access.tiers[0]!.servicePrincipals = [id, id])))).toBe(
      `env.json: access.tiers[0].servicePrincipals[1]: expected a service principal listed once, found "${id}"`,
    );
  });

  it('a workload identity must be an object id', () => {
    expect(onlyProblem(changed((r) => (r.access.tiers[0]!.servicePrincipals = ['my-app'])))).toBe(
      'env.json: access.tiers[0].servicePrincipals[0]: expected a lowercase GUID such as 00000000-0000-0000-0000-000000000000, found "my-app"',
    );
  });

  it('a repeated group owner fails', () => {
    const id = '44444444-4444-4444-4444-444444444444';
    expect(onlyProblem(changed((r) => (r.access.tiers[0]!.groupOwners = [id, id])))).toBe(
      `env.json: access.tiers[0].groupOwners[1]: expected a group owner listed once, found "${id}"`,
    );
  });

  it('the developer portal secret rotates every 90 days by default, at most yearly and at least monthly', () => {
    expect(shippedConfig('prod').access.developerPortal).toEqual({ secretRotationDays: 90 });
    expect(onlyProblem(changed((r) => (r.access.developerPortal = { secretRotationDays: 7 })))).toBe(
      'env.json: access.developerPortal.secretRotationDays: expected days 30-365, found 7',
    );
  });
});
