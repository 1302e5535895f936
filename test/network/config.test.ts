import { networkSizeProblems, prefixFor, subnetNeeds } from '../../config/schema/network';
import { changed, onlyProblem } from '../helpers/config';
import { shippedConfig } from '../helpers/synth';

describe('subnet sizes', () => {
  it('API Management needs 5 reserved + 2 per Premium unit + 1 internal load balancer address', () => {
    expect(subnetNeeds({ apiManagement: { sku: 'Premium', capacity: 3 }, applicationGateway: { maxCapacity: 2 } })[0]).toMatchObject({
      subnet: 'apiManagement',
      addresses: 12,
    });
    expect(subnetNeeds({ apiManagement: { sku: 'Developer', capacity: 1 }, applicationGateway: { maxCapacity: 2 } })[0]!.addresses).toBe(7);
  });

  it('Application Gateway needs 5 reserved + 1 per instance + 1 private frontend address', () => {
    expect(subnetNeeds({ apiManagement: { sku: 'Developer', capacity: 1 }, applicationGateway: { maxCapacity: 125 } })[1]).toMatchObject({
      subnet: 'applicationGateway',
      addresses: 131,
    });
  });

  it('names the smallest prefix that holds a number of addresses, never smaller than /29', () => {
    expect(prefixFor(7)).toBe(29);
    expect(prefixFor(8)).toBe(29);
    expect(prefixFor(9)).toBe(28);
    expect(prefixFor(12)).toBe(28);
    expect(prefixFor(131)).toBe(24);
    expect(prefixFor(1)).toBe(29);
  });

  it('the documented minimum /29 fits a Developer instance in internal mode', () => {
    const problems = networkSizeProblems(
      { apiManagement: { text: '10.0.0.0/29', prefixLength: 29 } },
      { apiManagement: { sku: 'Developer', capacity: 1 }, applicationGateway: { maxCapacity: 2 } },
    );
    expect(problems).toEqual([]);
  });

  it('rejects an API Management subnet too small for its Premium units', () => {
    const raw = changed((r) => (r.network.subnets.apiManagement = '10.30.1.0/29'), 'prod');
    expect(onlyProblem(raw)).toBe(
      'env.json: network.subnets.apiManagement: expected a subnet of at least 12 addresses (/28 or larger) for API Management Premium: ' +
        '5 reserved by Azure, 2 for each of 3 unit(s), 1 for the internal load balancer, found "10.30.1.0/29"',
    );
  });

  it('rejects an Application Gateway subnet too small for its autoscale maximum', () => {
    const raw = changed((r) => {
      r.network.subnets.applicationGateway = '10.10.0.0/25';
      r.applicationGateway.autoscale.maxCapacity = 125;
    });
    expect(onlyProblem(raw)).toBe(
      'env.json: network.subnets.applicationGateway: expected a subnet of at least 131 addresses (/24 or larger) for Application Gateway ' +
        'autoscaling to 125 instances: 5 reserved by Azure, 1 per instance, 1 private frontend address, found "10.10.0.0/25"',
    );
  });

  it('rejects subnets smaller than Azure allows, once, without repeating the size rule', () => {
    expect(onlyProblem(changed((r) => (r.network.subnets.apiManagement = '10.10.1.0/30')))).toBe(
      'env.json: network.subnets.apiManagement: expected a subnet of /29 or larger (Azure\'s smallest subnet), found "10.10.1.0/30"',
    );
    expect(onlyProblem(changed((r) => (r.network.subnets.privateEndpoints = '10.10.2.0/30')))).toBe(
      'env.json: network.subnets.privateEndpoints: expected a subnet of /29 or larger (Azure\'s smallest subnet), found "10.10.2.0/30"',
    );
  });

  it('shipped subnets have room for what lives in them', () => {
    for (const name of ['dev', 'test', 'prod'] as const) {
      const config = shippedConfig(name);
      for (const need of subnetNeeds({ apiManagement: config.apiManagement, applicationGateway: config.applicationGateway.autoscale })) {
        const prefix = Number(config.network.subnets[need.subnet].split('/')[1]);
        expect(2 ** (32 - prefix)).toBeGreaterThanOrEqual(need.addresses);
      }
    }
  });
});

describe('flow logs', () => {
  it('traffic analytics runs every 10 or 60 minutes', () => {
    expect(onlyProblem(changed((r) => (r.network.flowLogs.trafficAnalyticsIntervalMinutes = 30)))).toBe(
      'env.json: network.flowLogs.trafficAnalyticsIntervalMinutes: expected an interval of 10 or 60 minutes, found 30',
    );
  });

  it('flow log retention is at most a year', () => {
    expect(onlyProblem(changed((r) => (r.network.flowLogs.retentionDays = 400)))).toBe(
      'env.json: network.flowLogs.retentionDays: expected a number of days <= 365, found 400',
    );
  });

  it('a Network Watcher other than the default one is named with its resource group', () => {
    expect(onlyProblem(changed((r) => (r.network.flowLogs.networkWatcher = { name: 'nw sdc', resourceGroupName: 'rg-nw' })))).toBe(
      'env.json: network.flowLogs.networkWatcher.name: expected a Network Watcher name (1-80 letters, digits, _ - .), found "nw sdc"',
    );
    expect(onlyProblem(changed((r) => (r.network.flowLogs.networkWatcher = { name: 'nw-sdc' })))).toBe(
      'env.json: network.flowLogs.networkWatcher.resourceGroupName: expected a string, found nothing',
    );
  });

  it('defaults: flow logs off, 90 days, hourly analytics; production turns flow logs and DDoS protection on', () => {
    expect(shippedConfig('dev').network.flowLogs).toEqual({ enabled: false, retentionDays: 90, trafficAnalyticsIntervalMinutes: 60 });
    const prod = shippedConfig('prod').network;
    expect(prod.flowLogs.enabled).toBe(true);
    expect(prod.ddosProtection).toBe(true);
  });
});
