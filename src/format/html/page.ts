import { escape } from 'html-escaper';

/** Text for HTML: every string from a scenario, a table or a bill goes through here before it meets markup. */
export const text = (s: string | number): string => escape(String(s));

/**
 * One stylesheet for every report. Colours are variables so dark mode
 * (prefers-color-scheme) swaps them in one place; print drops the page
 * background and keeps sections whole across pages.
 */
const STYLE = `
:root { --bg:#fff; --fg:#1d2330; --muted:#5b6475; --rule:#d9dde5; --panel:#f5f7fa;
  --compute:#3b6fd8; --storage:#2f9e6e; --egress:#d9822b; --ingress:#8c6bd1; --network:#c94f7c; --other:#7d8796;
  --over:#c62828; --under:#2e7d32; --bar2:#9aa6b8; color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root { --bg:#14171d; --fg:#e4e8ef; --muted:#9aa3b2; --rule:#2c323d; --panel:#1c2029;
    --compute:#6f9bf0; --storage:#4fc38f; --egress:#f0a458; --ingress:#ad93ec; --network:#e37ba1; --other:#a0a9b8;
    --over:#ef6b6b; --under:#6cc070; --bar2:#5d6778; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1040px; padding: 24px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 18px 0 6px; }
.meta, .note { color: var(--muted); font-size: 12px; }
section.report { border-top: 2px solid var(--rule); margin-top: 24px; padding-top: 8px; }
.headline { font-size: 28px; font-weight: 600; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
th { font-weight: 600; background: var(--panel); }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: 600; }
.over { color: var(--over); font-weight: 600; } .under { color: var(--under); } .cheapest { font-weight: 700; }
svg { display: block; max-width: 100%; height: auto; }
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .muted { fill: var(--muted); }
.cat-compute { fill: var(--compute); } .cat-storage { fill: var(--storage); } .cat-egress { fill: var(--egress); }
.cat-ingress { fill: var(--ingress); } .cat-network { fill: var(--network); } .cat-other { fill: var(--other); }
.bar2 { fill: var(--bar2); } .fill-over { fill: var(--over); } .fill-under { fill: var(--under); }
.series { fill: none; stroke: var(--compute); stroke-width: 2; }
ul.assumptions li { margin: 2px 0; }
@media print {
  :root { --bg:#fff; --fg:#000; --muted:#444; --rule:#bbb; --panel:#eee; }
  body { max-width: none; padding: 0; font-size: 11px; }
  section.report, table, svg, .chart { break-inside: avoid; }
  section.report + section.report { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
`;

/** A whole report: one file, no external requests (inline CSS and SVG only, no scripts, no fonts, no images). */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${text(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A table from header cells and rows of already-escaped cells; `num` marks right-aligned columns by index. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], num: readonly number[] = [], rowClass: (i: number) => string = () => ''): string {
  const cell = (tag: 'th' | 'td', c: string, i: number) => `<${tag}${num.includes(i) ? ' class="num"' : ''}>${c}</${tag}>`;
  const body = rows.map((r, i) => {
    const cls = rowClass(i);
    return `<tr${cls ? ` class="${cls}"` : ''}>${r.map((c, j) => cell('td', c, j)).join('')}</tr>`;
  });
  return `<table><thead><tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

export function list(items: readonly string[], cls: string): string {
  return items.length ? `<ul class="${cls}">${items.map((a) => `<li>${text(a)}</li>`).join('')}</ul>` : '';
}
