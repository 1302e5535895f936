import { checkName, deterministicUuid, Naming, NAMING_RULES, NamingError, uniqueSuffix } from '../../lib/naming';

const naming = new Naming({ workload: 'aoaigw', environment: 'prod', location: 'swedencentral', suffix: 'ab12' });

describe('derived names', () => {
  it('follow the abbreviation, environment and region pattern', () => {
    expect(naming.resourceGroup('network')).toBe('rg-aoaigw-prod-network-sdc');
    expect(naming.virtualNetwork()).toBe('vnet-aoaigw-prod-sdc');
    expect(naming.subnet('apim')).toBe('snet-apim');
    expect(naming.networkSecurityGroup('apim')).toBe('nsg-aoaigw-prod-apim-sdc');
    expect(naming.applicationGateway()).toBe('agw-aoaigw-prod-sdc');
    expect(naming.logAnalyticsWorkspace()).toBe('log-aoaigw-prod-sdc');
    expect(naming.applicationInsights()).toBe('appi-aoaigw-prod-sdc');
  });

  it('globally unique names carry the suffix', () => {
    expect(naming.apiManagement()).toBe('apim-aoaigw-prod-sdc-ab12');
    expect(naming.keyVault()).toBe('kv-aoaigw-prod-ab12');
    expect(naming.storageAccount()).toBe('staoaigwprodab12');
    expect(naming.openAiAccount('frc1', 'francecentral')).toBe('oai-aoaigw-prod-frc1-frc-ab12');
  });

  it('the action group short name fits in 12 characters', () => {
    const long = new Naming({ workload: 'gatewayx', environment: 'sandbx', location: 'westeurope', suffix: 'ab12' });
    expect(long.actionGroupShortName()).toBe('gatewayxsand');
  });
});

describe('Azure naming rules, one per kind', () => {
  const cases: [keyof typeof NAMING_RULES, string, string][] = [
    ['storageAccount', 'staoaigwprod01', 'St-Aoai'],
    ['storageAccount', 'abc', 'a'.repeat(25)],
    ['keyVault', 'kv-aoaigw-prod', 'kv--double-hyphen'],
    ['keyVault', 'kv1', '1kv-starts-with-digit'],
    ['keyVault', 'kv-' + 'a'.repeat(21), 'kv-' + 'a'.repeat(22)],
    ['apiManagement', 'apim-a', 'apim-ends-with-hyphen-'],
    ['apiManagement', 'a'.repeat(50), 'a'.repeat(51)],
    ['cognitiveAccount', 'oai-x', '-oai'],
    ['cognitiveAccount', 'a'.repeat(64), 'a'.repeat(65)],
    ['applicationGateway', 'agw-x', 'agw-x.'],
    ['applicationGateway', 'a'.repeat(80), 'a'.repeat(81)],
    ['resourceGroup', 'rg-a.b(c)', 'rg-ends-with-period.'],
    ['logAnalyticsWorkspace', 'log-abcd', 'log'],
    ['actionGroupShortName', 'aoaigwprod', 'aoaigwprod123'],
    ['virtualNetwork', 'vnet-a_b.c', 'vnet-ends-with-dot.'],
    ['subnet', 'snet-apim', 'snet apim'],
    ['alertRule', 'alrt-x-latency', 'alrt:x'],
    // A public IP's label is lowercase only, unlike API Management's name.
    ['publicIpDomainNameLabel', 'aoaigw-prod-apim-ab12', 'Aoaigw-prod-apim'],
    ['publicIpDomainNameLabel', 'abc', 'ab'],
  ];

  it("the public IP domain name label is checked against its own rule, not API Management's", () => {
    const naming = new Naming({ workload: 'aoaigw', environment: 'prod', location: 'swedencentral', suffix: 'ab12' });
    expect(naming.domainNameLabel('apim')).toBe('aoaigw-prod-apim-ab12');
    expect(checkName('apiManagement', 'Aoaigw-prod-apim')).toBeUndefined();
  });

  it.each(cases)('%s accepts %s and rejects %s', (kind, good, bad) => {
    expect(checkName(kind, good)).toBeUndefined();
    expect(checkName(kind, bad)).toBe(NAMING_RULES[kind]);
  });

  it('a derived name that breaks its rule throws a NamingError naming the rule', () => {
    const bad = new Naming({ workload: 'aoaigw', environment: 'prod', location: 'swedencentral', suffix: 'AB12' });
    expect(() => bad.storageAccount()).toThrow(NamingError);
    expect(() => bad.storageAccount()).toThrow(
      'storageAccount name "staoaigwprodAB12" breaks Azure\'s rule: 3-24 characters, lowercase letters and digits only',
    );
  });

  it('Naming.problems lists every derived name that breaks a rule', () => {
    const problems = Naming.problems(
      { workload: 'aoaigw', environment: 'prod', location: 'swedencentral', suffix: 'ab12' },
      [{ name: 'x'.repeat(50), location: 'swedencentral' }],
      ['ok'],
    );
    expect(problems.map((p) => p.kind)).toEqual(['cognitiveAccount']);
  });
});

describe('suffix and GUIDs', () => {
  it('the unique suffix is stable, short and differs between seeds', () => {
    expect(uniqueSuffix('sub-a/aoaigw/prod')).toBe(uniqueSuffix('sub-a/aoaigw/prod'));
    expect(uniqueSuffix('sub-a/aoaigw/prod')).toMatch(/^[a-z0-9]{4}$/);
    expect(uniqueSuffix('sub-a/aoaigw/prod')).not.toBe(uniqueSuffix('sub-b/aoaigw/prod'));
  });

  it('workbook ids are stable version-5 style GUIDs', () => {
    const id = naming.workbookId('usage');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).toBe(naming.workbookId('usage'));
    expect(id).not.toBe(naming.workbookId('alerts'));
    expect(deterministicUuid('x')).not.toBe(deterministicUuid('y'));
  });
});
