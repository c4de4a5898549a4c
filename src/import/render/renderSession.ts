/**
 * A session rendered as Jira comments: a digest in at most `maxParts` parts (ten by default), labelled
 * "part k of n", each at most 32,767 bytes of serialized ADF in UTF-8 (never fewer than the characters Jira
 * counts, so quotes, backslashes, emoji or CJK text cannot push a part over). Each long section fills its
 * own share; when the parts would still be too many, every share shrinks until they fit. Whatever the
 * comments leave out is in the transcript and event log, which the importer then attaches (`shortened`). Pure.
 */
import { doc, heading, paragraph, plain, type AdfDoc, type AdfNode } from '../../jira/adf';
import type { SessionReport } from '../sessionReport';
import type { SessionHeader } from '../reportReader';
import { SessionDigest } from '../sessionDigest';
import { sessionFileNames } from './transcriptAndEventLog';
import { clip, utc } from '../../shared/format';
import { packSections } from './pack';
import { byteSize } from './size';
import { buildSections, SHARES, type Shares } from './sections';
import { changeWindowBlock } from './changeWindowBlock';
import type { SessionWindowNote } from '../../changeWindow/sessionWindow';

/** Jira Cloud's comment limit, applied to UTF-8 bytes of the serialized body. */
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
  /** Host of the configured appliance: only https URLs on it become links. */
  applianceHost?: string;
  /** The ticket's change window and where the session fell (covered tickets only; issue 15). */
  changeWindow?: SessionWindowNote;
}

export interface RenderedSession {
  parts: AdfDoc[];
  /** Something is not in the comments: the full transcript and event log must be attached. */
  shortened: boolean;
  counts: { events: number; chat: number; notes: number; fileTransfers: number };
}

const SCALES = [1, 0.8, 0.6, 0.45, 0.3, 0.2, 0.1, 0.05, 0];

function header(h: SessionHeader, k: number, n: number): AdfNode[] {
  const subject = h.jumpItem ? `BeyondTrust PRA session: ${clip(h.jumpItem, 120).text}` : `BeyondTrust PRA session ${clip(h.lsid, 64).text}`;
  return [
    heading(3, n > 1 ? `${subject} (part ${k} of ${n})` : subject),
    paragraph(plain(`Session ${clip(h.lsid, 64).text}${h.endTime !== undefined ? `, ended ${utc(h.endTime)}` : ''}. Imported by the BeyondTrust PRA integration.`)),
  ];
}

const scaled = (factor: number): Shares => ({
  system: SHARES.system * factor,
  notes: SHARES.notes * factor,
  chat: SHARES.chat * factor,
  files: SHARES.files * factor,
  events: SHARES.events * factor,
});

/** Renders the digest of a streamed report. */
export function renderDigest(h: SessionHeader, digest: SessionDigest, options: RenderOptions): RenderedSession {
  const maxParts = options.maxParts ?? DEFAULT_MAX_PARTS;
  const defaults = sessionFileNames(h.lsid);
  const sectionOptions = { ...options, files: options.fileNames ?? { transcript: defaults.transcript, events: defaults.events } };
  // the change-window block (issue 15) sits under part 1's header: every part leaves room for it
  const windowBlock = changeWindowBlock(options.changeWindow, h);
  const budget = CONTENT_BUDGET - (windowBlock.length ? byteSize(doc(windowBlock)) : 0);
  let built = buildSections(h, digest, sectionOptions);
  let packed = packSections(built.sections, budget);
  for (const factor of SCALES.slice(1)) {
    if (packed.length <= maxParts) break;
    built = buildSections(h, digest, sectionOptions, scaled(factor));
    packed = packSections(built.sections, budget);
  }
  if (packed.length > maxParts) throw new Error(`The session's comments need ${packed.length} parts even with every list left to the attached files`);
  const n = packed.length;
  const parts = packed.map((content, i) => doc([...header(h, i + 1, n), ...(i === 0 ? windowBlock : []), ...content]));
  for (const [i, part] of parts.entries()) {
    const size = byteSize(part);
    if (size > COMMENT_CHAR_LIMIT) throw new Error(`Rendered part ${i + 1} is ${size} bytes, over Jira's ${COMMENT_CHAR_LIMIT}`);
  }
  return {
    parts,
    shortened: built.shortened,
    counts: { events: digest.events, chat: digest.chat, notes: digest.notes, fileTransfers: digest.fileOps },
  };
}

/** The digest of a whole parsed report (tests and small uses; the import builds it while streaming). */
export function digestOf(report: SessionReport, excludedEventTypes: string[]): SessionDigest {
  const digest = new SessionDigest(new Set(excludedEventTypes));
  for (const e of report.events) digest.add(e);
  return digest;
}

/** Renders a whole parsed report. */
export function renderSession(report: SessionReport, options: RenderOptions): RenderedSession {
  return renderDigest(report, digestOf(report, options.excludedEventTypes), options);
}
