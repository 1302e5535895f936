/**
 * Azure public-cloud regions this project may deploy to, with the short codes used in resource names.
 * Codes follow the abbreviations common in Azure landing zones; they must stay stable because they are part of
 * resource names, and renaming a resource replaces it.
 */
export const REGIONS = {
  australiaeast: 'aue',
  australiasoutheast: 'ause',
  brazilsouth: 'brs',
  canadacentral: 'cac',
  canadaeast: 'cae',
  centralindia: 'inc',
  centralus: 'cus',
  eastasia: 'ea',
  eastus: 'eus',
  eastus2: 'eus2',
  francecentral: 'frc',
  germanywestcentral: 'gwc',
  italynorth: 'itn',
  japaneast: 'jpe',
  japanwest: 'jpw',
  koreacentral: 'krc',
  mexicocentral: 'mxc',
  northcentralus: 'ncus',
  newzealandnorth: 'nzn',
  northeurope: 'neu',
  norwayeast: 'noe',
  polandcentral: 'plc',
  qatarcentral: 'qac',
  southafricanorth: 'san',
  southcentralus: 'scus',
  southeastasia: 'sea',
  southindia: 'ins',
  spaincentral: 'spc',
  swedencentral: 'sdc',
  switzerlandnorth: 'szn',
  switzerlandwest: 'szw',
  uaenorth: 'uan',
  uksouth: 'uks',
  ukwest: 'ukw',
  westcentralus: 'wcus',
  westeurope: 'weu',
  westus: 'wus',
  westus2: 'wus2',
  westus3: 'wus3',
} as const satisfies Record<string, string>;

export type Region = keyof typeof REGIONS;

export const REGION_NAMES = Object.keys(REGIONS).sort() as [Region, ...Region[]];

export function regionCode(region: Region): string {
  return REGIONS[region];
}
