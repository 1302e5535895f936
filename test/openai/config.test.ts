import { changed, Loose, Raw } from '../helpers/config';
import { problemsOf, validate } from '../helpers/synth';

describe('openai configuration: one line per problem', () => {
  it('at least one instance', () => {
    expect(problemsOf(changed((r) => (r.openai.instances = [])))).toEqual([
      'test.json: openai.instances: expected at least one Azure OpenAI instance, found an empty list',
    ]);
  });

  it('at least one deployment per instance', () => {
    expect(problemsOf(changed((r) => (r.openai.instances[0].deployments = [])))).toContain(
      'test.json: openai.instances[0].deployments: expected at least one model deployment, found an empty list',
    );
  });

  it('unique instance names', () => {
    const raw = changed((r) => r.openai.instances.push({ ...structuredClone(r.openai.instances[0]), location: 'francecentral' }));
    expect(problemsOf(raw)).toEqual([
      'test.json: openai.instances[1].name: expected an instance name not used by another instance, found "primary"',
    ]);
  });

  it('unique deployment names within an instance', () => {
    const raw = changed((r) => r.openai.instances[0].deployments.push(structuredClone(r.openai.instances[0].deployments[1])));
    expect(problemsOf(raw)).toEqual([
      'test.json: openai.instances[0].deployments[2].name: expected a deployment name unique within its instance, found "text-embedding-3-large"',
    ]);
  });

  it('capacity > 0', () => {
    expect(problemsOf(changed((r) => (r.openai.instances[0].deployments[1].capacity = -5)))).toEqual([
      'test.json: openai.instances[0].deployments[1].capacity: expected a number > 0, found -5',
    ]);
    expect(problemsOf(changed((r) => (r.openai.instances[0].deployments[1].capacity = 0)))).toEqual([
      'test.json: openai.instances[0].deployments[1].capacity: expected a number > 0, found 0',
    ]);
  });

  it('a known deployment sku and upgrade option', () => {
    expect(problemsOf(changed((r) => (r.openai.instances[0].deployments[0].sku = 'Provisioned')))).toEqual([
      'test.json: openai.instances[0].deployments[0].sku: expected a deployment sku: Standard, GlobalStandard, DataZoneStandard, ProvisionedManaged, found "Provisioned"',
    ]);
    expect(problemsOf(changed((r) => (r.openai.instances[0].deployments[0].versionUpgradeOption = 'Always')))).toEqual([
      'test.json: openai.instances[0].deployments[0].versionUpgradeOption: expected one of OnceNewDefaultVersionAvailable, OnceCurrentVersionExpired, NoAutoUpgrade, found "Always"',
    ]);
  });

  it('an empty content filter name', () => {
    expect(problemsOf(changed((r) => (r.openai.instances[0].deployments[0].raiPolicyName = '')))).toEqual([
      'test.json: openai.instances[0].deployments[0].raiPolicyName: expected a content filter (RAI policy) name such as Microsoft.DefaultV2, found ""',
    ]);
  });

  it('the fine-tuning operators group is an object id', () => {
    expect(problemsOf(changed((r) => (r.openai.fineTuningOperatorsGroupObjectId = 'fine-tuners')))).toEqual([
      'test.json: openai.fineTuningOperatorsGroupObjectId: expected a lowercase GUID such as 00000000-0000-0000-0000-000000000000, found "fine-tuners"',
    ]);
  });

  it('priority 1-100 and weight 1-100, as the backend pool accepts', () => {
    expect(problemsOf(changed((r) => (r.openai.instances[0].priority = 0)))).toEqual([
      'test.json: openai.instances[0].priority: expected a priority 1-100, found 0',
    ]);
    expect(problemsOf(changed((r) => (r.openai.instances[0].weight = 101)))).toEqual([
      'test.json: openai.instances[0].weight: expected a weight 1-100, found 101',
    ]);
    expect(problemsOf(changed((r) => (r.openai.instances[0].weight = 100)))).toEqual([]);
  });

  it('every deployment a tier routes to exists on at least one instance', () => {
    expect(problemsOf(changed((r) => r.access.tiers[0].deployments.push('gpt-4o-mini')))).toEqual([
      'test.json: access.tiers[0].deployments[2]: expected a deployment that exists on at least one instance (gpt-4o, text-embedding-3-large), found "gpt-4o-mini"',
    ]);
  });

  it('a deployment name means the same model on every instance', () => {
    const raw = changed((r) => (r.openai.instances[1].deployments[0].model = { name: 'gpt-4o-mini', version: '2024-07-18' }), 'test');
    expect(problemsOf(raw)).toEqual([
      'test.json: openai.instances[1].deployments[0].model.name: expected the model deployment gpt-4o serves on instance primary (gpt-4o), found "gpt-4o-mini"',
    ]);
  });

  it('versions of the same model may differ between instances while an upgrade rolls out', () => {
    const raw = changed((r) => (r.openai.instances[1].deployments[0].model.version = '2024-08-06'), 'test');
    expect(problemsOf(raw)).toEqual([]);
  });

  it('production with fewer than two regions is an error unless explicitly accepted', () => {
    const single = changed((r) => {
      r.openai.instances = r.openai.instances.map((i: Raw) => ({ ...i, location: 'francecentral' }));
    }, 'prod');
    expect(problemsOf(single)).toEqual([
      'test.json: openai.instances: expected instances in at least two regions for a production environment (or openai.acceptSingleRegion: true), found "3 instance(s) in francecentral"',
    ]);
    expect(problemsOf({ ...single, openai: { ...(single.openai as Raw), acceptSingleRegion: true } })).toEqual([]);
    // Non-production environments may use one region without saying so.
    expect(problemsOf(changed(() => undefined, 'dev'))).toEqual([]);
  });

  it('a deployment only some instances serve is an error, in production or not, naming each instance without it', () => {
    const raw = changed((r) => {
      r.openai.instances = r.openai.instances.map((i: Loose, index: number) =>
        index === 0 ? i : { ...i, deployments: i.deployments.filter((d: Raw) => d.name !== 'text-embedding-3-large') },
      );
    }, 'prod');
    const lines = [
      'test.json: openai.instances[1].deployments: expected deployment text-embedding-3-large on every instance (the gateway\'s pool sends any request to any instance; sdc1 has it), found "no text-embedding-3-large on instance frc1"',
      'test.json: openai.instances[2].deployments: expected deployment text-embedding-3-large on every instance (the gateway\'s pool sends any request to any instance; sdc1 has it), found "no text-embedding-3-large on instance gwc1"',
    ];
    expect(problemsOf(raw)).toEqual(lines);
    // Accepting a single region does not make a partial deployment routable.
    expect(problemsOf({ ...raw, openai: { ...(raw.openai as Raw), acceptSingleRegion: true } })).toEqual(lines);
  });

  it('defaults: priority 1, weight 1, NoAutoUpgrade, no operators group, single region not accepted', () => {
    const raw = changed((r) => {
      delete r.openai.instances[0].priority;
      delete r.openai.instances[0].weight;
    });
    const openai = validate(raw).openai;
    expect(openai.instances[0]).toMatchObject({ priority: 1, weight: 1 });
    expect(openai.instances[0]!.deployments.map((d) => d.versionUpgradeOption)).toEqual(['NoAutoUpgrade', 'NoAutoUpgrade']);
    expect(openai.fineTuningOperatorsGroupObjectId).toBeUndefined();
    expect(openai.acceptSingleRegion).toBe(false);
  });
});
