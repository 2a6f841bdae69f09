/**
 * The region codes AWS puts in front of usage types (`USE2-BoxUsage:…`,
 * `USE1-USW2-AWS-Out-Bytes`). us-east-1 usually has no prefix at all.
 */
export const AWS_REGION_CODES: Readonly<Record<string, string>> = {
  USE1: 'us-east-1',
  USE2: 'us-east-2',
  USW1: 'us-west-1',
  USW2: 'us-west-2',
  UGW1: 'us-gov-west-1',
  UGE1: 'us-gov-east-1',
  CAN1: 'ca-central-1',
  CAN2: 'ca-west-1',
  EU: 'eu-west-1',
  EUW1: 'eu-west-1',
  EUW2: 'eu-west-2',
  EUW3: 'eu-west-3',
  EUC1: 'eu-central-1',
  EUC2: 'eu-central-2',
  EUN1: 'eu-north-1',
  EUS1: 'eu-south-1',
  EUS2: 'eu-south-2',
  APN1: 'ap-northeast-1',
  APN2: 'ap-northeast-2',
  APN3: 'ap-northeast-3',
  APS1: 'ap-southeast-1',
  APS2: 'ap-southeast-2',
  APS3: 'ap-south-1',
  APS4: 'ap-southeast-3',
  APS5: 'ap-south-2',
  APE1: 'ap-east-1',
  SAE1: 'sa-east-1',
  MES1: 'me-south-1',
  MEC1: 'me-central-1',
  AFS1: 'af-south-1',
  ILC1: 'il-central-1',
};

/** `USE2-BoxUsage:g5.xlarge` → {region: 'us-east-2', rest: 'BoxUsage:g5.xlarge'}; no known prefix → region undefined. */
export function splitRegionPrefix(usageType: string): { region?: string; rest: string } {
  const dash = usageType.indexOf('-');
  if (dash > 0) {
    const region = AWS_REGION_CODES[usageType.slice(0, dash)];
    if (region) return { region, rest: usageType.slice(dash + 1) };
  }
  return { rest: usageType };
}
