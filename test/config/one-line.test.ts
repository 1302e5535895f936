import { parseEnvironment } from '../../config/load';
import { changed, onlyProblem } from '../helpers/config';

/** One mistake gives one line, even where the parser or the schema would say more. */
describe('one mistake, one line', () => {
  it('a YAML syntax error reports where it starts, not the cascade after it', () => {
    const text = 'name: dev\nnetwork:\n  addressSpace: [10.0.0.0/22\n  subnets:\n    apiManagement: 10.0.1.0/27\n';
    expect(parseEnvironment('env.yaml', text).problems).toEqual([
      expect.stringMatching(/^env\.yaml: line 4, column 3: expected valid YAML, found [^\n]+$/),
    ]);
  });

  it('a value out of range is not reported again by the rule that reads it', () => {
    // capacity 0 breaks "a number > 0" and the Developer tier's "capacity 1": one mistake.
    expect(onlyProblem(changed((r) => (r.apiManagement.capacity = 0)))).toBe(
      'env.json: apiManagement.capacity: expected a number > 0, found 0',
    );
  });

  it('a misspelled required field is one line that names the field it meant', () => {
    const raw = changed((r) => {
      r.apiManagement.publisherEmial = r.apiManagement.publisherEmail;
      delete r.apiManagement.publisherEmail;
    });
    expect(onlyProblem(raw)).toMatch(
      /^env\.json: apiManagement\.publisherEmial: expected one of the known fields \(.*\), found unknown field "publisherEmial" \(did you mean "publisherEmail"\?\)$/,
    );
  });

  it('an unknown field that resembles no missing one still leaves the missing field reported', () => {
    const raw = changed((r) => {
      r.apiManagement.colour = 'blue';
      delete r.apiManagement.publisherEmail;
    });
    expect(parseEnvironment('env.json', JSON.stringify(raw)).problems).toEqual([
      'env.json: apiManagement.publisherEmail: expected an email address, found nothing',
      expect.stringMatching(/^env\.json: apiManagement\.colour: expected one of the known fields .*found unknown field "colour"$/),
    ]);
  });

  it('a region Azure has but the project has no naming code for says how to add it', () => {
    expect(onlyProblem(changed((r) => (r.openai.instances[0].location = 'atlantis')))).toBe(
      'env.json: openai.instances[0].location: expected a supported Azure region (lib/regions.ts lists them; adding one is one line there, with its short code), found "atlantis"',
    );
  });
});

describe('what an environment says about itself', () => {
  it('the environment tag names the environment', () => {
    expect(onlyProblem(changed((r) => (r.tags.environment = 'test')))).toBe(
      'env.json: tags.environment: expected the environment\'s name ("dev") or no such tag, found "test"',
    );
    expect(parseEnvironment('env.json', JSON.stringify(changed((r) => delete r.tags.environment))).problems).toEqual([]);
  });

  it('production refuses local state', () => {
    const raw = changed((r) => (r.state = { backend: 'local' }), 'prod');
    expect(onlyProblem(raw)).toBe(
      'env.json: state.backend: expected a shared, locked backend ("azurerm" or "remote") in a production environment; local state lives on one machine, found "local"',
    );
  });

  it('a deployment on only some instances is refused, naming the instance without it', () => {
    const raw = changed((r) => r.openai.instances[1].deployments.pop(), 'test');
    expect(onlyProblem(raw)).toBe(
      'env.json: openai.instances[1].deployments: expected deployment text-embedding-3-large on every instance (the gateway\'s pool sends any request to any instance; primary has it), found "no text-embedding-3-large on instance standby"',
    );
  });
});

describe('defaults are overridable field by field', () => {
  it('a partially written defaulted block keeps the defaults of the fields it leaves out', () => {
    const raw = changed((r) => (r.apiManagement.retry = { count: 3 }));
    expect(parseEnvironment('env.json', JSON.stringify(raw))).toMatchObject({
      problems: [],
      config: { apiManagement: { retry: { count: 3, intervalSeconds: 1 } } },
    });
  });

  it('inside lists too, and an explicit value still wins', () => {
    const raw = changed((r) => (r.network.flowLogs = { enabled: true, retentionDays: 30 }));
    expect(parseEnvironment('env.json', JSON.stringify(raw)).config?.network.flowLogs).toEqual({
      enabled: true,
      retentionDays: 30,
      trafficAnalyticsIntervalMinutes: 60,
    });
  });
});
