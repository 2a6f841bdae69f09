import { localServer } from './local-server.js';

export interface SpotRow {
  zone: string;
  type: string;
  price: string;
  timestamp: string;
}

/**
 * An EC2 endpoint on 127.0.0.1 speaking the query protocol for
 * DescribeSpotPriceHistory: form-encoded POSTs, XML answers, two rows a page
 * (NextToken), the region read from the request's SigV4 credential scope.
 * `throttleFirst` answers the first request with RequestLimitExceeded.
 */
export async function ec2SpotServer(rows: Record<string, SpotRow[]>, o: { throttleFirst?: boolean } = {}) {
  let throttled = !o.throttleFirst;
  const server = await localServer((req, res) => {
    const form = new URLSearchParams(req.body);
    const region = /Credential=[^/]+\/\d{8}\/([^/]+)\/ec2\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    if (form.get('Action') !== 'DescribeSpotPriceHistory') {
      res.writeHead(400, { 'content-type': 'text/xml' });
      res.end(`<Response><Errors><Error><Code>InvalidAction</Code><Message>not here</Message></Error></Errors><RequestID>r</RequestID></Response>`);
      return;
    }
    if (!throttled) {
      throttled = true;
      res.writeHead(503, { 'content-type': 'text/xml' });
      res.end(`<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>`);
      return;
    }
    const types = [...form.entries()].filter(([k]) => k.startsWith('InstanceType.')).map(([, v]) => v);
    const all = (rows[region] ?? []).filter((r) => types.includes(r.type));
    const start = Number(form.get('NextToken') ?? 0);
    const page = all.slice(start, start + 2);
    const next = start + 2 < all.length ? `<nextToken>${start + 2}</nextToken>` : '';
    const items = page
      .map((r) => `<item><instanceType>${r.type}</instanceType><productDescription>Linux/UNIX</productDescription><spotPrice>${r.price}</spotPrice><timestamp>${r.timestamp}</timestamp><availabilityZone>${r.zone}</availabilityZone></item>`)
      .join('');
    res.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<DescribeSpotPriceHistoryResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><spotPriceHistorySet>${items}</spotPriceHistorySet>${next}</DescribeSpotPriceHistoryResponse>`);
  });
  return server;
}
