/**
 * Structural checks of a SARIF 2.1.0 log: the properties the OASIS specification marks as required, the enums it
 * defines, the cross-references it requires to be consistent, and the extra constraints GitHub code scanning
 * applies on upload. No schema is fetched; each check is written out here.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const LEVELS = ['none', 'note', 'warning', 'error'];
const KINDS = ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'];
const SUPPRESSION_KINDS = ['inSource', 'external'];
const SUPPRESSION_STATUSES = ['accepted', 'underReview', 'rejected'];

function checkMessage(value: unknown, where: string, problems: string[], requireText = false): void {
  if (!isObject(value)) {
    problems.push(`${where}: must be a message object`);
    return;
  }
  if (typeof value['text'] !== 'string' && (requireText || typeof value['id'] !== 'string')) {
    problems.push(`${where}: needs text${requireText ? '' : ' or id'}`);
  }
  if (value['markdown'] !== undefined && typeof value['markdown'] !== 'string') {
    problems.push(`${where}.markdown: must be a string`);
  }
}

function checkLevel(value: unknown, where: string, problems: string[]): void {
  if (value !== undefined && !(typeof value === 'string' && LEVELS.includes(value))) {
    problems.push(`${where}: level must be one of ${LEVELS.join(', ')}, found ${JSON.stringify(value)}`);
  }
}

function checkPropertyBag(value: unknown, where: string, problems: string[]): void {
  if (value !== undefined && !isObject(value)) {
    problems.push(`${where}: properties must be an object`);
  }
}

function checkRule(rule: unknown, where: string, problems: string[]): string | undefined {
  if (!isObject(rule)) {
    problems.push(`${where}: must be an object`);
    return undefined;
  }
  if (typeof rule['id'] !== 'string' || rule['id'] === '') {
    problems.push(`${where}.id: required`);
  }
  for (const key of ['shortDescription', 'fullDescription', 'help']) {
    if (rule[key] !== undefined) {
      checkMessage(rule[key], `${where}.${key}`, problems, true);
    }
  }
  const short = rule['shortDescription'];
  if (isObject(short) && typeof short['text'] === 'string' && short['text'].length > 1024) {
    problems.push(`${where}.shortDescription.text: GitHub accepts at most 1024 characters`);
  }
  const config = rule['defaultConfiguration'];
  if (config !== undefined) {
    if (!isObject(config)) {
      problems.push(`${where}.defaultConfiguration: must be an object`);
    } else {
      checkLevel(config['level'], `${where}.defaultConfiguration`, problems);
    }
  }
  checkPropertyBag(rule['properties'], where, problems);
  const properties = rule['properties'];
  if (isObject(properties) && properties['security-severity'] !== undefined) {
    const score = properties['security-severity'];
    if (typeof score !== 'string' || !/^\d+(\.\d+)?$/.test(score) || Number(score) > 10) {
      problems.push(`${where}.properties.security-severity: GitHub needs a number 0.0-10.0 as a string, found ${JSON.stringify(score)}`);
    }
  }
  return typeof rule['id'] === 'string' ? rule['id'] : undefined;
}

function checkLocation(location: unknown, where: string, problems: string[]): void {
  if (!isObject(location)) {
    problems.push(`${where}: must be an object`);
    return;
  }
  const physical = location['physicalLocation'];
  if (physical !== undefined) {
    if (!isObject(physical)) {
      problems.push(`${where}.physicalLocation: must be an object`);
    } else {
      const artifact = physical['artifactLocation'];
      if (!isObject(artifact) || typeof artifact['uri'] !== 'string' || artifact['uri'] === '') {
        problems.push(`${where}.physicalLocation.artifactLocation.uri: required`);
      } else if (artifact['uri'].includes('\\')) {
        problems.push(`${where}.physicalLocation.artifactLocation.uri: must be a URI reference (forward slashes)`);
      }
      const region = physical['region'];
      if (region !== undefined) {
        if (!isObject(region) || !Number.isInteger(region['startLine']) || (region['startLine'] as number) < 1) {
          problems.push(`${where}.physicalLocation.region.startLine: must be an integer >= 1`);
        }
      }
    }
  }
  const logical = location['logicalLocations'];
  if (logical !== undefined) {
    if (!Array.isArray(logical)) {
      problems.push(`${where}.logicalLocations: must be an array`);
    } else {
      logical.forEach((entry, i) => {
        if (!isObject(entry) || (typeof entry['name'] !== 'string' && typeof entry['fullyQualifiedName'] !== 'string')) {
          problems.push(`${where}.logicalLocations[${i}]: needs name or fullyQualifiedName`);
        }
      });
    }
  }
}

function checkResult(result: unknown, where: string, ruleIds: readonly (string | undefined)[], problems: string[]): void {
  if (!isObject(result)) {
    problems.push(`${where}: must be an object`);
    return;
  }
  checkMessage(result['message'], `${where}.message`, problems);
  const ruleId = result['ruleId'];
  if (ruleId !== undefined && typeof ruleId !== 'string') {
    problems.push(`${where}.ruleId: must be a string`);
  }
  const ruleIndex = result['ruleIndex'];
  if (ruleIndex !== undefined) {
    if (!Number.isInteger(ruleIndex) || (ruleIndex as number) < -1) {
      problems.push(`${where}.ruleIndex: must be an integer >= -1`);
    } else if ((ruleIndex as number) >= 0 && ruleIds[ruleIndex as number] !== ruleId) {
      problems.push(`${where}.ruleIndex: points at ${JSON.stringify(ruleIds[ruleIndex as number])}, not ruleId ${JSON.stringify(ruleId)}`);
    }
  }
  if (typeof ruleId === 'string' && !ruleIds.includes(ruleId)) {
    problems.push(`${where}.ruleId: ${ruleId} is not a rule of tool.driver.rules`);
  }
  checkLevel(result['level'], where, problems);
  if (result['kind'] !== undefined && !(typeof result['kind'] === 'string' && KINDS.includes(result['kind']))) {
    problems.push(`${where}.kind: must be one of ${KINDS.join(', ')}`);
  }
  const locations = result['locations'];
  if (locations !== undefined) {
    if (!Array.isArray(locations)) {
      problems.push(`${where}.locations: must be an array`);
    } else {
      locations.forEach((l, i) => checkLocation(l, `${where}.locations[${i}]`, problems));
    }
  }
  const fingerprints = result['partialFingerprints'];
  if (fingerprints !== undefined && (!isObject(fingerprints) || Object.values(fingerprints).some((v) => typeof v !== 'string'))) {
    problems.push(`${where}.partialFingerprints: must map names to strings`);
  }
  const suppressions = result['suppressions'];
  if (suppressions !== undefined) {
    if (!Array.isArray(suppressions)) {
      problems.push(`${where}.suppressions: must be an array`);
    } else {
      suppressions.forEach((s, i) => {
        if (!isObject(s) || typeof s['kind'] !== 'string' || !SUPPRESSION_KINDS.includes(s['kind'])) {
          problems.push(`${where}.suppressions[${i}].kind: required, one of ${SUPPRESSION_KINDS.join(', ')}`);
        } else if (s['status'] !== undefined && !(typeof s['status'] === 'string' && SUPPRESSION_STATUSES.includes(s['status']))) {
          problems.push(`${where}.suppressions[${i}].status: must be one of ${SUPPRESSION_STATUSES.join(', ')}`);
        }
      });
    }
  }
  checkPropertyBag(result['properties'], where, problems);
}

/** Every structural problem of a SARIF 2.1.0 log; empty when the log is well-formed. */
export function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(log)) {
    return ['log: must be a JSON object'];
  }
  if (log['version'] !== '2.1.0') {
    problems.push(`version: must be "2.1.0", found ${JSON.stringify(log['version'])}`);
  }
  if (typeof log['$schema'] !== 'string' || !/^https?:\/\//.test(log['$schema'])) {
    problems.push('$schema: must be the URI of the SARIF 2.1.0 schema');
  }
  const runs = log['runs'];
  if (!Array.isArray(runs)) {
    problems.push('runs: required array');
    return problems;
  }
  runs.forEach((run, r) => {
    const where = `runs[${r}]`;
    if (!isObject(run)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    const tool = run['tool'];
    const driver = isObject(tool) ? tool['driver'] : undefined;
    if (!isObject(driver)) {
      problems.push(`${where}.tool.driver: required`);
      return;
    }
    if (typeof driver['name'] !== 'string' || driver['name'] === '') {
      problems.push(`${where}.tool.driver.name: required`);
    }
    const rules = driver['rules'] ?? [];
    const ruleIds = Array.isArray(rules) ? rules.map((rule, i) => checkRule(rule, `${where}.tool.driver.rules[${i}]`, problems)) : [];
    if (!Array.isArray(rules)) {
      problems.push(`${where}.tool.driver.rules: must be an array`);
    }
    const duplicates = ruleIds.filter((id, i) => id !== undefined && ruleIds.indexOf(id) !== i);
    if (duplicates.length > 0) {
      problems.push(`${where}.tool.driver.rules: duplicate ids ${[...new Set(duplicates)].join(', ')}`);
    }
    const results = run['results'];
    if (results !== undefined) {
      if (!Array.isArray(results)) {
        problems.push(`${where}.results: must be an array`);
      } else {
        results.forEach((result, i) => checkResult(result, `${where}.results[${i}]`, ruleIds, problems));
      }
    }
    const invocations = run['invocations'];
    if (invocations !== undefined) {
      if (!Array.isArray(invocations)) {
        problems.push(`${where}.invocations: must be an array`);
      } else {
        invocations.forEach((invocation, i) => {
          if (!isObject(invocation) || typeof invocation['executionSuccessful'] !== 'boolean') {
            problems.push(`${where}.invocations[${i}].executionSuccessful: required boolean`);
            return;
          }
          const notifications = invocation['toolConfigurationNotifications'] ?? [];
          if (!Array.isArray(notifications)) {
            problems.push(`${where}.invocations[${i}].toolConfigurationNotifications: must be an array`);
            return;
          }
          notifications.forEach((n, j) => {
            const at = `${where}.invocations[${i}].toolConfigurationNotifications[${j}]`;
            if (!isObject(n)) {
              problems.push(`${at}: must be an object`);
              return;
            }
            checkMessage(n['message'], `${at}.message`, problems);
            checkLevel(n['level'], at, problems);
          });
        });
      }
    }
  });
  return problems;
}
