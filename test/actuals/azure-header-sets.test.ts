import { describe, expect, it } from 'vitest';
import { readBillingFile } from '../../src/actuals/sources/focus-file.js';
import { Decimal } from '../../src/model/decimal.js';
import { InputError } from '../../src/model/diagnostics.js';
import { SHARED, sample } from '../shared-samples.js';
import { duck } from './duckdb.js';

/**
 * The real Azure export header layouts opencost keeps (../shared/api-captures/azure-cost-details,
 * provenance in its LICENSE-NOTES.md): EA PascalCase, MCA camelCase, the older pay-as-you-go usage
 * details with PreTaxCost, a German-localized download ("Name der Verbrauchseinheit (MeterName)"),
 * a mixed one, and one opening with a byte order mark. Each is read, its cost the file's own, summed
 * here by DuckDB over the raw file with the cost column named by hand.
 */
const FEB_2021 = { start: '2021-02-01', end: '2021-03-01' };
const NOV_2022 = { start: '2022-11-01', end: '2022-12-01' };

const SETS: [file: string, layout: string, cost: string, range: { start: string; end: string }][] = [
  ['opencost-headerset-Enterprise.csv', 'Azure cost details', 'CostInBillingCurrency', FEB_2021],
  ['opencost-headerset-EnterpriseCamel.csv', 'Azure cost details', 'costInBillingCurrency', FEB_2021],
  ['opencost-headerset-PayAsYouGo.csv', 'Azure usage details', 'PreTaxCost', FEB_2021],
  ['opencost-headerset-German.csv', 'Azure usage details', 'PreTaxCost (PreTaxCost)', FEB_2021],
  ['opencost-headerset-YA.csv', 'Azure cost details', 'costInBillingCurrency', FEB_2021],
  ['opencost-headerset-BOM.csv', 'Azure usage details', 'PreTaxCost', NOV_2022],
];

describe.skipIf(!SHARED)('real Azure export header layouts', () => {
  it.each(SETS)('%s is read as %s, its cost the file’s own', async (name, layout, cost, range) => {
    const file = sample(`api-captures/azure-cost-details/${name}`);
    const [expected] = await duck(`SELECT COALESCE(SUM(TRY_CAST("${cost}" AS DECIMAL(38,15))), 0)::VARCHAR AS s FROM read_csv('${file}', all_varchar = true)`);
    const { source, records } = await readBillingFile(file, range, undefined);
    expect(source).toContain(`(${layout})`);
    expect(records.every((r) => r.provider === 'azure')).toBe(true);
    expect(records.reduce((s, r) => s.plus(r.billedCost), new Decimal(0)).eq(expected!.s!)).toBe(true);
  });

  it('the German download names its meter by the bracketed English name: a load balancer rule, network', async () => {
    const { records } = await readBillingFile(sample('api-captures/azure-cost-details/opencost-headerset-German.csv'), FEB_2021, undefined);
    expect(records.map((r) => [r.usageType, r.meter?.category, r.consumedQuantity.toFixed()])).toEqual([['Included LB Rules and Outbound Rules', 'Load Balancer', '3']]);
  });

  it('a CSV whose rows are out of step with its header is said so, not "not a billing export"', async () => {
    const e = await readBillingFile(sample('api-captures/azure-cost-details/opencost-values-Template.csv'), FEB_2021, undefined).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/opencost-values-Template\.csv:1:1: error: its lines cannot be split into the columns the header names/);
  });
});

describe.skipIf(!SHARED)("Azure EA cost details' tags (pairs without braces)", () => {
  it('actuals.azure.tags selects the rows whose Tags carry the pair, summed as the raw file says', async () => {
    const file = sample('billing-samples/azure-ea/ms-EA_ActualCost_Small.csv');
    const SEP_2023 = { start: '2023-09-01', end: '2023-10-01' };
    const [expected] = await duck(`SELECT SUM(CAST(Cost AS DECIMAL(38,15)))::VARCHAR AS s FROM read_csv('${file}', all_varchar = true) WHERE Tags LIKE '%"env": "prod"%'`);
    const { records, notes } = await readBillingFile(file, SEP_2023, { azure: { tags: { env: 'prod' } } });
    expect(notes).toEqual([]);
    expect(new Decimal(expected!.s!).gt(0)).toBe(true);
    // The reader sums at DECIMAL(38,12) (0.4838709677419368 is 0.483870967742 to it): equal to 10 places.
    expect(records.reduce((s, r) => s.plus(r.billedCost), new Decimal(0)).toDecimalPlaces(10).toFixed()).toBe(new Decimal(expected!.s!).toDecimalPlaces(10).toFixed());
    // A value no row has keeps nothing (the empty month is then refused by name).
    await expect(readBillingFile(file, SEP_2023, { azure: { tags: { env: 'staging' } } })).rejects.toThrow(/none that the scenario's actuals selector keeps/);
  });
});
