import type { Advice, Finding } from '../engine/advise/advise.js';
import { editPath, type EditValue, type PlanEdit } from '../engine/advise/edits.js';
import { exact, money } from '../model/numbers.js';
import { wrapNote } from './actuals-describe.js';
import { TABLE_WIDTH } from './columns.js';
import { pricingJson, pricingLine } from './describe.js';

function scalar(v: EditValue): string {
  return typeof v === 'string' ? (/^[A-Za-z0-9][\w.:/-]*$/.test(v) ? v : JSON.stringify(v)) : v.toFixed();
}

/** An edit as the line to write in the file: `transfers.loader-reads.via: (remove)`, `storage: + {name: …}`. */
export function editText(e: PlanEdit): string {
  if (e.kind === 'add') return `${e.section}: + {${Object.entries(e.item).map(([k, v]) => `${k}: ${scalar(v)}`).join(', ')}}`;
  return `${editPath(e)}: ${e.value === undefined ? '(remove the key)' : scalar(e.value)}`;
}

/** The change to make, one line per edit. */
export function changeLines(f: Finding): string[] {
  return f.edits.map(editText);
}

function pointValues(a: Advice): string | undefined {
  return a.ranged ? `ranged inputs (${a.ranged}) are priced at their point values, as estimate prices them` : undefined;
}

function headline(a: Advice): string {
  const n = a.findings.length;
  const total = `${a.scenario}: ${money(a.estimate.totals.total)}/month`;
  if (n === 0) return `${total}; nothing avoidable found (${a.rules.length} rules)`;
  return `${total}; ${n} finding${n === 1 ? '' : 's'}, the largest saving ${money(a.findings[0]!.saving)}/month`;
}

const HANG = ' '.repeat(13);

/** `    label    text…` wrapped to the table width, continuation lines under the text. */
function labelled(label: string, text: string): string[] {
  const out: string[] = [];
  let line = `    ${label.padEnd(8)} `;
  let empty = true;
  for (const word of text.split(' ')) {
    if (!empty && line.length + 1 + word.length > TABLE_WIDTH) {
      out.push(line);
      line = `${HANG}${word}`;
    } else {
      line = empty ? `${line}${word}` : `${line} ${word}`;
    }
    empty = false;
  }
  return [...out, line];
}

export function formatAdviceTable(a: Advice): string {
  const ranged = pointValues(a);
  const out = [...wrapNote(`advise · ${headline(a)}`), ...wrapNote(`pricing: ${pricingLine(a.estimate)}`), ...(ranged ? wrapNote(ranged) : [])];
  a.findings.forEach((f, i) => {
    out.push('', ...wrapNote(`${`${i + 1}.`.padEnd(4)}${f.subject} · saves ${money(f.saving)}/month · ${f.rule}`, '    '));
    for (const l of f.lines) out.push(...labelled('line', `${l.kind} ${l.name}: ${money(l.before)} → ${money(l.after)}`));
    out.push(...labelled('instead', f.alternative));
    changeLines(f).forEach((c, k) => out.push(...labelled(k === 0 ? 'change' : '', c)));
    for (const n of f.notes) out.push(...labelled('note', n));
    out.push(...labelled('total', `${money(f.before)} → ${money(f.after)}`));
  });
  if (a.findings.length > 1) out.push('', ...wrapNote('Each saving is against the plan as written; two findings on the same lines do not add up.', ''));
  return `${out.join('\n')}\n`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function formatAdviceMarkdown(a: Advice): string {
  const ranged = pointValues(a);
  const out = [`### Avoidable costs: ${cell(headline(a))}`, '', `Pricing: ${pricingLine(a.estimate)}`, ...(ranged ? ['', ranged] : [])];
  if (a.findings.length) {
    out.push('', '| # | Where | Instead | Saves /month | Change |', '|---:|---|---|---:|---|');
    a.findings.forEach((f, i) =>
      out.push(`| ${i + 1} | \`${cell(f.subject)}\` (${f.rule}) | ${cell(f.alternative)} | ${money(f.saving)} | ${changeLines(f).map((c) => `\`${cell(c)}\``).join('<br>')} |`),
    );
    for (const [i, f] of a.findings.entries()) {
      out.push('', `**${i + 1}. ${cell(f.subject)}**: ${money(f.before)} → ${money(f.after)}`);
      for (const l of f.lines) out.push(`- ${l.kind} ${cell(l.name)}: ${money(l.before)} → ${money(l.after)}`);
      for (const n of f.notes) out.push(`- ${cell(n)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function editJson(e: PlanEdit) {
  const value = (v: EditValue | undefined) => (v === undefined ? null : typeof v === 'string' ? v : exact(v));
  return e.kind === 'add'
    ? { op: 'add', section: e.section, item: Object.fromEntries(Object.entries(e.item).map(([k, v]) => [k, value(v)])) }
    : { op: e.value === undefined ? 'remove' : 'set', path: editPath(e), ...(e.value === undefined ? {} : { value: value(e.value) }) };
}

export function formatAdviceJson(a: Advice): string {
  const body = {
    scenario: a.scenario,
    currency: a.estimate.currency,
    pricing: pricingJson(a.estimate.pricing),
    total: exact(a.estimate.totals.total),
    ...(a.ranged ? { ranged_inputs_at_point_values: a.ranged } : {}),
    findings: a.findings.map((f, i) => ({
      n: i + 1,
      rule: f.rule,
      subject: f.subject,
      alternative: f.alternative,
      saving: exact(f.saving),
      before: exact(f.before),
      after: exact(f.after),
      priced_by: f.pricedBy,
      edits: f.edits.map(editJson),
      lines: f.lines.map((l) => ({ kind: l.kind, name: l.name, before: exact(l.before), after: exact(l.after) })),
      notes: f.notes,
    })),
    rules: a.rules.map((r) => ({ id: r.id, when: r.when, instead: r.instead, priced: r.priced })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
