import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError, loadEnvironments, parseEnvironment } from '../../config/load';
import { changed, onlyProblem, Raw } from '../helpers/config';
import { problemsOf, rawEnvironment, SHIPPED_ENVIRONMENTS, shippedConfig } from '../helpers/synth';

describe('shipped environments', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s is valid', (name) => {
    expect(problemsOf(rawEnvironment(name))).toEqual([]);
  });

  it('loads every shipped environment from the default folder, sorted by file name', () => {
    expect(loadEnvironments().environments.map((e) => e.config.name)).toEqual([...SHIPPED_ENVIRONMENTS]);
  });

  it('prod spans at least two regions with at least three instances', () => {
    const prod = shippedConfig('prod');
    expect(prod.production).toBe(true);
    expect(prod.openai.instances.length).toBeGreaterThanOrEqual(3);
    expect(new Set(prod.openai.instances.map((i) => i.location)).size).toBeGreaterThanOrEqual(2);
    expect(prod.apiManagement.sku).toBe('Premium');
    expect(prod.apiManagement.zones).toEqual(['1', '2', '3']);
  });

  it('dev is the cheapest shape: Developer tier, one region', () => {
    const dev = shippedConfig('dev');
    expect(dev.apiManagement.sku).toBe('Developer');
    expect(new Set(dev.openai.instances.map((i) => i.location)).size).toBe(1);
  });
});

describe('bad input: one line per problem, naming file, field, expectation and value', () => {
  it('wrong type', () => {
    expect(onlyProblem(changed((r) => (r.production = 'yes')))).toBe('env.json: production: expected a boolean, found "yes"');
  });

  it('unknown key suggests the known field', () => {
    expect(onlyProblem(changed((r) => (r.network.ddosProtecton = true)))).toMatch(
      /^env\.json: network\.ddosProtecton: expected one of the known fields \(addressSpace, subnets, operators, ddosProtection, flowLogs\), found unknown field "ddosProtecton" \(did you mean "ddosProtection"\?\)$/,
    );
  });

  it('missing required field', () => {
    expect(onlyProblem(changed((r) => delete r.apiManagement.publisherEmail))).toBe(
      'env.json: apiManagement.publisherEmail: expected an email address, found nothing',
    );
  });

  it('malformed CIDR', () => {
    expect(onlyProblem(changed((r) => (r.network.subnets.apiManagement = '10.10.1.0/33')))).toBe(
      'env.json: network.subnets.apiManagement: expected an IPv4 CIDR block with octets 0-255 and a prefix length 0-32, found "10.10.1.0/33"',
    );
    expect(onlyProblem(changed((r) => (r.network.subnets.apiManagement = '10.10.1.5/27')))).toBe(
      'env.json: network.subnets.apiManagement: expected a network address with no host bits set (10.10.1.0/27), found "10.10.1.5/27"',
    );
    expect(onlyProblem(changed((r) => (r.network.subnets.apiManagement = 'ten.dot/8')))).toBe(
      'env.json: network.subnets.apiManagement: expected an IPv4 CIDR block such as 10.0.0.0/24, found "ten.dot/8"',
    );
  });

  it('overlapping subnets', () => {
    expect(onlyProblem(changed((r) => (r.network.subnets.privateEndpoints = '10.10.0.128/25')))).toBe(
      'env.json: network.subnets.privateEndpoints: expected a subnet that does not overlap subnets.applicationGateway (10.10.0.0/24), found "10.10.0.128/25"',
    );
  });

  it('overlapping address ranges', () => {
    expect(onlyProblem(changed((r) => (r.network.addressSpace = ['10.10.0.0/22', '10.10.2.0/24'])))).toBe(
      'env.json: network.addressSpace[1]: expected an address range that does not overlap 10.10.0.0/22, found "10.10.2.0/24"',
    );
  });

  it('subnet outside the address space', () => {
    expect(onlyProblem(changed((r) => (r.network.subnets.privateEndpoints = '10.99.0.0/24')))).toBe(
      'env.json: network.subnets.privateEndpoints: expected a subnet inside the address space (10.10.0.0/22), found "10.99.0.0/24"',
    );
  });

  it('names that break Azure naming rules', () => {
    expect(onlyProblem(changed((r) => (r.name = 'Dev_1')))).toBe(
      'env.json: name: expected an environment name of 2-6 lowercase letters or digits, starting with a letter, found "Dev_1"',
    );
    expect(onlyProblem(changed((r) => (r.workload = 'ai_gw')))).toBe(
      'env.json: workload: expected a workload name of 2-8 lowercase letters or digits, starting with a letter, found "ai_gw"',
    );
    expect(onlyProblem(changed((r) => (r.openai.instances[0].name = 'Primary-1')))).toBe(
      'env.json: openai.instances[0].name: expected an instance name: 2-8 lowercase letters or digits, starting with a letter, found "Primary-1"',
    );
    expect(onlyProblem(changed((r) => (r.naming = { suffix: 'ab-1' })))).toBe(
      'env.json: naming.suffix: expected exactly 4 lowercase letters or digits, found "ab-1"',
    );
  });

  it('duplicate instance names', () => {
    const raw = changed((r) => r.openai.instances.push(structuredClone(r.openai.instances[0])));
    expect(onlyProblem(raw)).toBe(
      'env.json: openai.instances[1].name: expected an instance name not used by another instance, found "primary"',
    );
  });

  it('a misspelled region suggests the closest supported one', () => {
    expect(onlyProblem(changed((r) => (r.azure.location = 'swedencentrl')))).toBe(
      'env.json: azure.location: expected a supported Azure region (did you mean "swedencentral"?), found "swedencentrl"',
    );
    expect(onlyProblem(changed((r) => (r.openai.instances[0].location = 'francecentrl')))).toBe(
      'env.json: openai.instances[0].location: expected a supported Azure region (did you mean "francecentral"?), found "francecentrl"',
    );
  });

  it('capacity <= 0', () => {
    expect(onlyProblem(changed((r) => (r.openai.instances[0].deployments[0].capacity = 0)))).toBe(
      'env.json: openai.instances[0].deployments[0].capacity: expected a number > 0, found 0',
    );
    expect(onlyProblem(changed((r) => (r.applicationGateway.autoscale.maxCapacity = 0)))).toBe(
      'env.json: applicationGateway.autoscale.maxCapacity: expected a maximum capacity (an integer from 2 to 125), found 0',
    );
  });

  it('a tier routes to a deployment that no instance has', () => {
    expect(onlyProblem(changed((r) => (r.access.tiers[0].deployments = ['gpt-5'])))).toBe(
      'env.json: access.tiers[0].deployments[0]: expected a deployment that exists on at least one instance (gpt-4o, text-embedding-3-large), found "gpt-5"',
    );
  });

  it('production in one region needs an explicit acceptance', () => {
    const single = changed((r) => {
      r.openai.instances = r.openai.instances.map((i: Raw) => ({ ...i, location: 'swedencentral' }));
    }, 'prod');
    expect(onlyProblem(single)).toBe(
      'env.json: openai.instances: expected instances in at least two regions for a production environment (or openai.acceptSingleRegion: true), found "3 instance(s) in swedencentral"',
    );
    expect(problemsOf({ ...single, openai: { ...(single.openai as Raw), acceptSingleRegion: true } })).toEqual([]);
  });

  it('Developer tier cannot scale or use zones; production WAF must prevent', () => {
    expect(
      problemsOf(
        changed((r) => ((r.apiManagement.capacity = 2), (r.apiManagement.zones = ['1', '2']))),
        'env.yaml',
      ),
    ).toEqual([
      'env.json: apiManagement.capacity: expected capacity 1 for the Developer tier, found 2',
      'env.json: apiManagement.zones: expected no availability zones for the Developer tier (Premium only), found ["1","2"]',
    ]);
    expect(onlyProblem(changed((r) => (r.applicationGateway.waf.mode = 'Detection'), 'prod'))).toBe(
      'env.json: applicationGateway.waf.mode: expected Prevention in a production environment, found "Detection"',
    );
  });

  it('reports every structural problem of a file at once', () => {
    const raw = changed((r) => {
      r.production = 1;
      r.azure.location = 'mars';
      r.apiManagement.logging = { requestBodyBytes: 9000 };
    });
    expect(problemsOf(raw, 'env.yaml')).toEqual([
      'env.json: production: expected a boolean, found 1',
      'env.json: azure.location: expected a supported Azure region (lib/regions.ts lists them; adding one is one line there, with its short code), found "mars"',
      'env.json: apiManagement.logging.requestBodyBytes: expected bytes 0-8192, found 9000',
    ]);
  });

  it('invalid YAML syntax names the line', () => {
    expect(parseEnvironment('env.yaml', 'name: dev\nnetwork: [\n').problems).toEqual([
      expect.stringMatching(/^env\.yaml: line \d+, column \d+: expected valid YAML, found .+/),
    ]);
  });

  it('duplicate YAML keys are an error, not a silent override', () => {
    expect(parseEnvironment('env.yaml', 'name: dev\nname: prod\n').problems).toEqual([
      'env.yaml: line 2, column 1: expected each key once per mapping, found "name" a second time',
    ]);
    expect(
      parseEnvironment('env.yaml', 'network:\n  subnets: { apiManagement: 10.0.0.0/27, "apiManagement": 10.0.1.0/27 }\n').problems,
    ).toEqual(['env.yaml: line 2, column 42: expected each key once per mapping, found "apiManagement" a second time']);
  });

  it('invalid JSON syntax', () => {
    expect(parseEnvironment('env.json', '{"name": ').problems).toEqual([
      expect.stringMatching(/^env\.json: \(file\): expected valid JSON, found a syntax error: /),
    ]);
  });

  it('an empty file', () => {
    expect(parseEnvironment('env.yaml', '  \n').problems).toEqual([
      'env.yaml: (file): expected an environment definition, found an empty file',
    ]);
    expect(parseEnvironment('env.yaml', '# only a comment\n').problems).toEqual([
      'env.yaml: (file): expected an environment definition, found an empty document',
    ]);
  });

  it('two files with the same environment name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aoai-env-'));
    try {
      const raw = rawEnvironment('dev');
      writeFileSync(join(dir, 'dev.json'), JSON.stringify(raw));
      // The same environment again in YAML, with a network and host of its own: only the name is shared.
      const second = { ...raw, network: { ...(raw.network as object), addressSpace: ['10.99.0.0/22'] } } as Record<string, unknown>;
      second.applicationGateway = { ...(raw.applicationGateway as object), hostName: 'other.contoso.com' };
      const subnets = {
        applicationGateway: '10.99.0.0/24',
        apiManagement: '10.99.1.0/27',
        privateEndpoints: '10.99.2.0/24',
        runner: '10.99.3.0/27',
      };
      (second.network as Record<string, unknown>).subnets = { ...((raw.network as Record<string, object>).subnets ?? {}), ...subnets };
      writeFileSync(join(dir, 'dev.yaml'), JSON.stringify(second));
      expect(() => loadEnvironments(dir)).toThrow(ConfigError);
      try {
        loadEnvironments(dir);
      } catch (error) {
        expect((error as ConfigError).problems).toEqual([
          expect.stringMatching(/dev\.yaml: name: expected an environment name not used by .*dev\.json, found "dev"$/),
        ]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing path', () => {
    expect(() => loadEnvironments('/nonexistent/env.yaml')).toThrow(
      '/nonexistent/env.yaml: (file): expected an environment file or folder, found nothing at that path',
    );
  });
});

describe('number fields', () => {
  it('a fraction where a whole number is expected', () => {
    const raw = rawEnvironment('dev') as Record<string, Record<string, unknown>>;
    raw.logging = { ...raw.logging, retentionDays: 30.5 };
    expect(problemsOf(raw, 'env.yaml')).toEqual([
      'env.json: logging.retentionDays: expected a retention in days (an integer from 30 to 730), found 30.5',
    ]);
  });
});
