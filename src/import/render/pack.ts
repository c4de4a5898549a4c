/**
 * Packs section units into comment bodies that each stay under a size budget, measured conservatively
 * as the UTF-8 bytes of the serialized ADF (what is sent; never fewer than the characters Jira counts). Tables, code blocks and paragraph runs are split between comments
 * (a table's header row is repeated), and a section that continues carries "(continued)". Pure.
 */
import { cleanText, codeBlock, doc, heading, headerRow, table, type AdfNode } from '../../jira/adf';
import type { Section } from './sections';
import { byteSize, measure } from './size';

/** Bytes this node adds to a serialized document (plus the comma that separates siblings). */
const sizeOf = (node: AdfNode): number => byteSize(node) + 1;

const EMPTY_DOC = byteSize(doc([]));

class Packer {
  readonly parts: AdfNode[][] = [];
  private content: AdfNode[] = [];
  private size = EMPTY_DOC;
  private section: { title: string; headed: boolean; continued: boolean } | undefined;

  constructor(private readonly budget: number) {}

  private headingNode(): AdfNode {
    const s = this.section!;
    return heading(4, s.continued ? `${s.title} (continued)` : s.title);
  }

  private push(node: AdfNode): void {
    this.content.push(node);
    this.size += measure(node);
  }

  private newPart(): void {
    if (this.content.length) this.parts.push(this.content);
    this.content = [];
    this.size = EMPTY_DOC;
    if (this.section) {
      this.section.continued ||= this.section.headed;
      this.section.headed = false;
    }
  }

  /** Starts a new part unless `need` more characters (and the section heading) fit; writes the heading. */
  private reserve(need: number): void {
    const headingCost = this.section && !this.section.headed ? sizeOf(this.headingNode()) : 0;
    if (this.content.length && this.size + headingCost + need > this.budget) this.newPart();
    if (this.section && !this.section.headed) {
      this.push(this.headingNode());
      this.section.headed = true;
    }
  }

  beginSection(title: string): void {
    this.section = { title, headed: false, continued: false };
  }

  block(node: AdfNode): void {
    this.reserve(measure(node));
    this.push(node);
  }

  table(header: string[] | undefined, rows: AdfNode[]): void {
    let open: AdfNode | undefined;
    for (const r of rows) {
      const rowSize = measure(r);
      if (open && this.size + rowSize <= this.budget) {
        open.content!.push(r);
        this.size += rowSize;
        continue;
      }
      const fresh = table(header ? [headerRow(header), r] : [r]);
      this.reserve(sizeOf(fresh));
      this.push(fresh);
      open = fresh;
    }
  }

  code(lines: string[]): void {
    let open: { type: string; text?: string } | undefined;
    for (const raw of lines) {
      const line = cleanText(raw) || ' ';
      const extra = Buffer.byteLength(JSON.stringify(line), 'utf8'); // the line escaped, minus quotes, plus an escaped "\n"
      if (open && this.size + extra <= this.budget) {
        open.text += `\n${line}`;
        this.size += extra;
        continue;
      }
      const fresh = codeBlock(line);
      this.reserve(sizeOf(fresh));
      this.push(fresh);
      open = fresh.content![0]!;
    }
  }

  finish(): AdfNode[][] {
    if (this.content.length) this.parts.push(this.content);
    this.content = [];
    return this.parts;
  }
}

/** Lays the sections out as the contents of successive comments, each within `budget` characters. */
export function packSections(sections: Section[], budget: number): AdfNode[][] {
  const packer = new Packer(budget);
  for (const section of sections) {
    packer.beginSection(section.title);
    for (const unit of section.units) {
      if (unit.kind === 'block') packer.block(unit.node);
      else if (unit.kind === 'table') packer.table(unit.header, unit.rows);
      else if (unit.kind === 'code') packer.code(unit.lines);
      else unit.items.forEach((item) => packer.block(item));
    }
  }
  return packer.finish();
}
