import { unifiedDiff } from '../../../tools/diff/text-diff';

const policy = [
  '<policies>',
  '  <inbound>',
  '    <base />',
  '    <set-backend-service backend-id="pool" />',
  '  </inbound>',
  '  <backend>',
  '    <forward-request buffer-response="false" />',
  '  </backend>',
  '</policies>',
].join('\n');

describe('unifiedDiff', () => {
  test('equal texts give no hunks', () => {
    expect(unifiedDiff(policy, policy)).toEqual([]);
  });

  test('one changed line shows three lines of context on each side', () => {
    const after = policy.replace('buffer-response="false"', 'buffer-response="true"');
    expect(unifiedDiff(policy, after)).toEqual([
      '@@ -4,6 +4,6 @@',
      '     <set-backend-service backend-id="pool" />',
      '   </inbound>',
      '   <backend>',
      '-    <forward-request buffer-response="false" />',
      '+    <forward-request buffer-response="true" />',
      '   </backend>',
      ' </policies>',
    ]);
  });

  test('an inserted line at the start counts lines from 1', () => {
    expect(unifiedDiff('b\nc\n', 'a\nb\nc\n')).toEqual(['@@ -1,2 +1,3 @@', '+a', ' b', ' c']);
  });

  test('text added from nothing uses an empty old range', () => {
    expect(unifiedDiff('', 'x\ny')).toEqual(['@@ -0,0 +1,2 @@', '+x', '+y']);
  });

  test('changes far apart become separate hunks', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const after = [...before];
    after[1] = 'LINE 2';
    after[17] = 'LINE 18';
    const hunks = unifiedDiff(before.join('\n'), after.join('\n')).filter((l) => l.startsWith('@@'));
    expect(hunks).toEqual(['@@ -1,5 +1,5 @@', '@@ -15,6 +15,6 @@']);
  });

  test('KQL edits keep unchanged lines as context and pair removals with additions', () => {
    const before = 'ApiManagementGatewayLlmLog\n| where TimeGenerated > ago(1h)\n| summarize sum(TotalTokens) by DeploymentName';
    const after =
      'ApiManagementGatewayLlmLog\n| where TimeGenerated > ago(1h)\n| summarize sum(PromptTokens), sum(CompletionTokens) by DeploymentName\n| order by DeploymentName';
    expect(unifiedDiff(before, after)).toEqual([
      '@@ -1,3 +1,4 @@',
      ' ApiManagementGatewayLlmLog',
      ' | where TimeGenerated > ago(1h)',
      '-| summarize sum(TotalTokens) by DeploymentName',
      '+| summarize sum(PromptTokens), sum(CompletionTokens) by DeploymentName',
      '+| order by DeploymentName',
    ]);
  });
});
