import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { yaml } from '../model/yaml-lib.js';

/**
 * Edits to a YAML file as text splices at the parsed nodes' positions, so
 * everything not edited (comments, folded notes, flow style, blank lines)
 * stays byte for byte as the user wrote it. Re-stringifying the whole
 * document would re-fold every long note.
 */
export class TextEdits {
  private edits: { start: number; end: number; text: string }[] = [];

  constructor(private readonly source: string) {}

  /** Replace a scalar or a flow collection. */
  replace(node: Node, text: string): void {
    const [start, end] = node.range!;
    this.edits.push({ start, end, text });
  }

  /** Add `key: value` at the end of a map, in the map's own style. */
  addToMap(map: YAMLMap, key: string, value: string): void {
    const last = map.items[map.items.length - 1] as Pair<Node, Node> | undefined;
    if (map.flow) {
      if (last?.value) this.edits.push({ start: last.value.range![1], end: last.value.range![1], text: `, ${key}: ${value}` });
      else this.edits.push({ start: map.range![0] + 1, end: map.range![0] + 1, text: `${key}: ${value}` });
      return;
    }
    const [start, end] = map.range!;
    const newline = this.source[end - 1] === '\n' ? '' : '\n';
    this.edits.push({ start: end, end, text: `${newline}${' '.repeat(this.column(start))}${key}: ${value}\n` });
  }

  /** Replace a sequence's items, one flow-style item per line in a block sequence. */
  replaceSeq(seq: YAMLSeq, items: readonly string[]): void {
    const [start, end] = seq.range!;
    if (seq.flow) {
      this.edits.push({ start, end, text: `[${items.join(', ')}]` });
      return;
    }
    const indent = ' '.repeat(this.column(start));
    const trailing = this.source[end - 1] === '\n' ? '\n' : '';
    this.edits.push({ start, end, text: `${items.map((i) => `- ${i}`).join(`\n${indent}`)}${trailing}` });
  }

  /** Add an item at the end of a sequence, in the sequence's own style. */
  appendToSeq(seq: YAMLSeq, item: string): void {
    const last = seq.items[seq.items.length - 1] as Node | undefined;
    if (!last) {
      this.replaceSeq(seq, [item]);
      return;
    }
    const at = last.range![1];
    this.edits.push({ start: at, end: at, text: seq.flow ? `, ${item}` : `\n${' '.repeat(this.column(seq.range![0]))}- ${item}` });
  }

  apply(): string {
    let out = this.source;
    for (const e of [...this.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  }

  private column(offset: number): number {
    return offset - (this.source.lastIndexOf('\n', offset - 1) + 1);
  }
}

/** A plain YAML string when it can be one, a JSON-quoted one otherwise. */
export function yamlString(s: string): string {
  return /^[A-Za-z][\w:/.\-]*$/.test(s) && !/: /.test(s) ? s : JSON.stringify(s);
}

export function pairOf(map: YAMLMap, key: string): Pair<Node, Node> | undefined {
  const { isScalar } = yaml();
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair<Node, Node> | undefined;
}

export function mapAt(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
  const { isMap } = yaml();
  const v = map ? pairOf(map, key)?.value : undefined;
  return isMap(v) ? (v as YAMLMap) : undefined;
}
