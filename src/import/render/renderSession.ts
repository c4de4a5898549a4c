/**
 * A session report rendered as Jira comments: as many parts as needed (each under Jira's 32,767
 * characters, measured on the serialized ADF), labelled "part k of n", at most `maxParts`; when the
 * content does not fit, the longest lists are shortened (events first) and the notes point at the full
 * transcript and event log, which the importer then attaches (`shortened`). Pure.
 */
import { doc, heading, paragraph, plain, type AdfDoc, type AdfNode } from '../../jira/adf';
import type { SessionReport } from '../sessionReport';
import { sessionFileNames } from './files';
import { utc } from '../../shared/format';
import { packSections } from './pack';
import { layoutSections, sessionContent, UNLIMITED, type Limits } from './sections';
import { changeWindowBlock } from './changeWindowBlock';
import type { SessionWindowNote } from '../../changeWindow/sessionWindow';

/** Jira Cloud's comment limit. */
export const COMMENT_CHAR_LIMIT = 32_767;
/** Content budget per comment: the limit less room for the part header and a safety margin. */
export const CONTENT_BUDGET = 31_000;
export const DEFAULT_MAX_PARTS = 10;

export interface RenderOptions {
  excludedEventTypes: string[];
  /** What Auto Associate With User did (or why it did nothing). */
  assigneeNote?: string;
  /** What happened to the recording file (attached, or why only linked). */
  recordingNote?: string;
  maxParts?: number;
  /** Names the notes use for the attached transcript and event log (default: sessionFileNames). */
  fileNames?: { transcript: string; events: string };
  /** The ticket's change window and where the session fell (covered tickets only; issue 15). */
  changeWindow?: SessionWindowNote;
}

export interface RenderedSession {
  parts: AdfDoc[];
  /** Something was shortened: the full transcript and event log must be attached. */
  shortened: boolean;
  counts: { events: number; chat: number; notes: number; fileTransfers: number };
}

/** The order in which long lists give way when the comments would be too many. */
const SHORTEN_ORDER: Array<keyof Limits> = ['events', 'systemRows', 'chat', 'fileTransfers', 'notes'];

function header(report: SessionReport, k: number, n: number): AdfNode[] {
  const subject = report.jumpItem ? `BeyondTrust PRA session: ${report.jumpItem}` : `BeyondTrust PRA session ${report.lsid}`;
  return [
    heading(3, n > 1 ? `${subject} (part ${k} of ${n})` : subject),
    paragraph(plain(`Session ${report.lsid}${report.endTime !== undefined ? `, ended ${utc(report.endTime)}` : ''}. Imported by the BeyondTrust PRA integration.`)),
  ];
}

function countOf(limits: Limits, key: keyof Limits, totals: Record<keyof Limits, number>): number {
  return Math.min(limits[key], totals[key]);
}

export function renderSession(report: SessionReport, options: RenderOptions): RenderedSession {
  const maxParts = options.maxParts ?? DEFAULT_MAX_PARTS;
  const defaults = sessionFileNames(report.lsid);
  const sectionOptions = { ...options, files: options.fileNames ?? { transcript: defaults.transcript, events: defaults.events } };
  const content = sessionContent(report, sectionOptions);
  const layout = (limits: Limits) => {
    const built = layoutSections(content, limits);
    return { built, parts: packSections(built.sections, CONTENT_BUDGET) };
  };

  let limits: Limits = { ...UNLIMITED };
  let result = layout(limits);
  if (result.parts.length > maxParts) {
    const totals: Record<keyof Limits, number> = content.counts;
    for (const key of SHORTEN_ORDER) {
      if (result.parts.length <= maxParts) break;
      // Largest count of this list that still fits (more items never need fewer comments).
      let lo = 0;
      let hi = countOf(limits, key, totals);
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (layout({ ...limits, [key]: mid }).parts.length <= maxParts) lo = mid;
        else hi = mid - 1;
      }
      limits = { ...limits, [key]: lo };
      result = layout(limits);
    }
  }

  const n = result.parts.length;
  const windowBlock = changeWindowBlock(options.changeWindow, report);
  const parts = result.parts.map((content, i) => doc([...header(report, i + 1, n), ...(i === 0 ? windowBlock : []), ...content]));
  for (const [i, part] of parts.entries()) {
    const size = JSON.stringify(part).length;
    if (size > COMMENT_CHAR_LIMIT) throw new Error(`Rendered part ${i + 1} is ${size} characters, over Jira's ${COMMENT_CHAR_LIMIT}`);
  }
  return { parts, shortened: result.built.shortened, counts: result.built.counts };
}
