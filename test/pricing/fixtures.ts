import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AwsProduct } from '../../src/providers/aws/prices.js';
import type { AzurePriceItem } from '../../src/providers/azure/prices.js';
import type { GcpSku } from '../../src/providers/gcp/prices.js';

/** Hand-written payloads in the providers' documented shapes (test data, not prices to ship). */
export const API_FIXTURES = fileURLToPath(new URL('../fixtures/pricing-api/', import.meta.url));
const read = (file: string) => JSON.parse(readFileSync(join(API_FIXTURES, file), 'utf8'));

export const awsEc2 = (): AwsProduct[] => read('aws-ec2-products.json').items;
export const awsDataTransfer = (): AwsProduct[] => read('aws-datatransfer-products.json').items;
export const awsNat = (): AwsProduct[] => read('aws-nat-products.json').items;
export const awsS3 = (): AwsProduct[] => read('aws-s3-products.json').items;
export const gcpSkus = (): GcpSku[] => read('gcp-skus.json').skus;
export const azurePages = (): { Items: AzurePriceItem[] }[] => read('azure-retail-prices.json').pages;
export const azureBandwidth = (): AzurePriceItem[] => read('azure-bandwidth-prices.json').Items;
