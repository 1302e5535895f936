import type { Resource } from './model';
import { block, boolSetting, describeSetting } from './values';

/**
 * API Management's `security` block: azurerm 4.x names (`frontend_tls10_enabled`) next to the deprecated 3.x
 * ones (`enable_frontend_tls10`). The provider sends every flag, false unless set, so an absent block is safe.
 */
export function enabledSecurityFlags(resource: Resource, names: ReadonlyArray<readonly [string, string | undefined]>): string[] {
  const security = block(resource.values, 'security');
  if (!security) {
    return [];
  }
  const problems: string[] = [];
  for (const [current, deprecated] of names) {
    for (const key of deprecated ? [current, deprecated] : [current]) {
      const setting = boolSetting(security[key]);
      if (setting.state === 'absent' || (setting.state === 'literal' && !setting.value)) {
        continue;
      }
      problems.push(`security.${key} must be false, found ${describeSetting(setting)}`);
    }
  }
  return problems;
}
