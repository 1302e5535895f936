import { changed } from '../helpers/config';
import { problemsOf, shippedConfig } from '../helpers/synth';

describe('applicationGateway configuration: one line per problem', () => {
  it('autoscale bounds are Azure ranges', () => {
    expect(problemsOf(changed((r) => (r.applicationGateway.autoscale = { minCapacity: 101, maxCapacity: 125 })))).toEqual([
      'test.json: applicationGateway.autoscale.minCapacity: expected a minimum capacity (an integer from 0 to 100), found 101',
    ]);
    expect(problemsOf(changed((r) => (r.applicationGateway.autoscale.minCapacity = -1)))).toEqual([
      'test.json: applicationGateway.autoscale.minCapacity: expected a minimum capacity (an integer from 0 to 100), found -1',
    ]);
    expect(problemsOf(changed((r) => (r.applicationGateway.autoscale.maxCapacity = 126)))).toEqual([
      'test.json: applicationGateway.autoscale.maxCapacity: expected a maximum capacity (an integer from 2 to 125), found 126',
    ]);
    expect(problemsOf(changed((r) => (r.applicationGateway.autoscale.maxCapacity = 1)))).toEqual([
      'test.json: applicationGateway.autoscale.maxCapacity: expected a maximum capacity (an integer from 2 to 125), found 1',
    ]);
    expect(problemsOf(changed((r) => (r.applicationGateway.autoscale.maxCapacity = 2.5)))).toEqual([
      'test.json: applicationGateway.autoscale.maxCapacity: expected a maximum capacity (an integer from 2 to 125), found 2.5',
    ]);
  });

  it('the minimum cannot exceed the maximum', () => {
    expect(problemsOf(changed((r) => (r.applicationGateway.autoscale = { minCapacity: 5, maxCapacity: 3 })))).toEqual([
      'test.json: applicationGateway.autoscale.maxCapacity: expected a maximum >= minCapacity (5), found 3',
    ]);
  });

  it('WAF mode is Prevention or Detection, and Prevention in production', () => {
    expect(problemsOf(changed((r) => (r.applicationGateway.waf.mode = 'Block')))).toEqual([
      'test.json: applicationGateway.waf.mode: expected a WAF mode: Prevention or Detection, found "Block"',
    ]);
    expect(problemsOf(changed((r) => (r.applicationGateway.waf.mode = 'Detection')))).toEqual([]);
    expect(problemsOf(changed((r) => (r.applicationGateway.waf.mode = 'Detection'), 'prod'))).toEqual([
      'test.json: applicationGateway.waf.mode: expected Prevention in a production environment, found "Detection"',
    ]);
  });

  it('a current managed rule set', () => {
    expect(problemsOf(changed((r) => (r.applicationGateway.waf.ruleSet = { type: 'OWASP', version: '3.1' })))).toEqual([
      'test.json: applicationGateway.waf.ruleSet: expected a current managed rule set: Microsoft_DefaultRuleSet 2.1 or OWASP 3.2, found an object',
    ]);
    expect(problemsOf(changed((r) => (r.applicationGateway.waf.ruleSet = { type: 'OWASP', version: '3.2' })))).toEqual([]);
  });

  it('body limits within what a v2 WAF policy accepts', () => {
    expect(problemsOf(changed((r) => (r.applicationGateway.waf.maxRequestBodySizeKb = 4096)))).toEqual([
      'test.json: applicationGateway.waf.maxRequestBodySizeKb: expected a size in KB (an integer from 8 to 2000), found 4096',
    ]);
    expect(problemsOf(changed((r) => (r.applicationGateway.waf.fileUploadLimitMb = 0)))).toEqual([
      'test.json: applicationGateway.waf.fileUploadLimitMb: expected a size in MB (an integer from 1 to 4000), found 0',
    ]);
  });

  it('a rate limit is a positive whole number of requests', () => {
    expect(problemsOf(changed((r) => (r.applicationGateway.waf.rateLimitPerMinute = 0)))).toEqual([
      'test.json: applicationGateway.waf.rateLimitPerMinute: expected a request count > 0, found 0',
    ]);
    expect(problemsOf(changed((r) => (r.applicationGateway.waf.rateLimitPerMinute = 12.5)))).toEqual([
      'test.json: applicationGateway.waf.rateLimitPerMinute: expected a whole number, found 12.5',
    ]);
  });

  it('the certificate reference is present and well formed', () => {
    expect(problemsOf(changed((r) => (r.applicationGateway.certificate = { source: 'keyVault' })))).toEqual([
      'test.json: applicationGateway.certificate.certificateName: expected a string, found nothing',
    ]);
    expect(problemsOf(changed((r) => (r.applicationGateway.certificate = { source: 'keyVault', certificateName: 'gateway_tls' })))).toEqual(
      [
        'test.json: applicationGateway.certificate.certificateName: expected a Key Vault certificate name (1-127 letters, digits or hyphens), found "gateway_tls"',
      ],
    );
    expect(problemsOf(changed((r) => (r.applicationGateway.certificate = { source: 'acme' })))).toEqual([
      'test.json: applicationGateway.certificate.source: expected a certificate source: "selfSigned" or "keyVault", found an object',
    ]);
    expect(problemsOf(changed((r) => delete r.applicationGateway.certificate))).toEqual([
      'test.json: applicationGateway.certificate: expected a certificate source: "selfSigned" or "keyVault", found nothing',
    ]);
  });

  it('production needs a CA certificate from Key Vault', () => {
    expect(problemsOf(changed((r) => (r.applicationGateway.certificate = { source: 'selfSigned' }), 'prod'))).toEqual([
      'test.json: applicationGateway.certificate.source: expected keyVault (a CA-issued certificate imported into the Key Vault) in a production environment; clients cannot trust a self-signed one, found "selfSigned"',
    ]);
  });

  it('production spans at least two availability zones', () => {
    expect(problemsOf(changed((r) => (r.applicationGateway.zones = ['1']), 'prod'))).toEqual([
      'test.json: applicationGateway.zones: expected at least two availability zones in a production environment (the gateway and its public IP span them), found ["1"]',
    ]);
    expect(problemsOf(changed((r) => delete r.applicationGateway.zones, 'prod'))).toEqual([
      'test.json: applicationGateway.zones: expected at least two availability zones in a production environment (the gateway and its public IP span them), found an empty list',
    ]);
    expect(problemsOf(changed((r) => (r.applicationGateway.zones = ['1', '1']), 'dev'))).toEqual([
      'test.json: applicationGateway.zones: expected a list of distinct availability zones, found ["1","1"]',
    ]);
  });

  it('the host name is a lowercase DNS name', () => {
    expect(problemsOf(changed((r) => (r.applicationGateway.hostName = 'AOAI.contoso.com')))).toEqual([
      'test.json: applicationGateway.hostName: expected a lowercase DNS host name, found "AOAI.contoso.com"',
    ]);
  });

  it('a request timeout long enough for long completions', () => {
    expect(problemsOf(changed((r) => (r.applicationGateway.requestTimeoutSeconds = 20)))).toEqual([
      'test.json: applicationGateway.requestTimeoutSeconds: expected seconds 30-86400, found 20',
    ]);
  });

  it('defaults fit large prompts and long completions', () => {
    const dev = shippedConfig('dev').applicationGateway;
    expect(dev.waf.ruleSet).toEqual({ type: 'Microsoft_DefaultRuleSet', version: '2.1' });
    expect(dev.waf.maxRequestBodySizeKb).toBe(2000);
    expect(dev.requestTimeoutSeconds).toBe(300);
    expect(dev.zones).toEqual([]);
  });
});
