/**
 * The transcript and event log as files Jira will take, built while the report streams by: kept as plain text
 * (.txt/.csv, which Jira previews) up to 1 MB and the site's upload limit, and compressed as they go into a
 * .zip above that, so a session of any size needs at most about the upload limit in memory. Should even the
 * zip reach the upload limit, the rest is left out and the file says so at its end.
 */
import zlib from 'node:zlib';
import { zipParts } from '../shared/zip';

/** Files up to this size are attached as they are (Jira previews .txt and .csv). */
export const ZIP_ABOVE_BYTES = 1_000_000;
const CUT_NOTE = "\n[Shortened to fit the Jira site's attachment size limit; the complete data is in PRA.]\n";
const BATCH_BYTES = 64 * 1024;

export interface PackagedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
  /** The text had to be cut to fit the upload limit. */
  truncated: boolean;
  /** Bytes of text the file holds (before compression). */
  textBytes: number;
}

export class LogFileBuilder {
  private plain: Buffer[] = [];
  private plainBytes = 0;
  private pending: string[] = [];
  private pendingBytes = 0;
  private deflate: zlib.DeflateRaw | undefined;
  private readonly compressed: Buffer[] = [];
  private compressedBytes = 0;
  private crc = 0;
  private truncated = false;
  private zipAbove = ZIP_ABOVE_BYTES;
  private compressedCap = Number.POSITIVE_INFINITY;

  /** The site's upload limit may be told later (`setUploadLimit`), at the latest to `finish`. */
  constructor(
    private readonly filename: string,
    private readonly contentType: string,
    uploadLimit?: number,
  ) {
    if (uploadLimit !== undefined) this.setUploadLimit(uploadLimit);
  }

  setUploadLimit(uploadLimit: number): void {
    this.zipAbove = Math.min(ZIP_ABOVE_BYTES, uploadLimit);
    // room for what deflate still holds, the zip's headers and the closing note
    this.compressedCap = uploadLimit - Math.min(Math.floor(uploadLimit / 2), Math.max(64 * 1024, Math.floor(uploadLimit * 0.05)));
    if (!this.deflate && this.plainBytes > this.zipAbove) this.startCompressing();
  }

  /** Appends text (synchronous; call `drain` now and then so compression keeps up). */
  write(text: string): void {
    if (this.truncated || !text) return;
    this.pending.push(text);
    this.pendingBytes += text.length;
    if (this.pendingBytes >= BATCH_BYTES) this.flushPending();
  }

  private flushPending(): void {
    if (!this.pending.length) return;
    const buf = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingBytes = 0;
    this.feed(buf);
  }

  private feed(buf: Buffer): void {
    if (this.truncated) return;
    if (!this.deflate) {
      if (this.plainBytes + buf.length <= this.zipAbove) {
        this.plain.push(buf);
        this.plainBytes += buf.length;
        return;
      }
      this.startCompressing();
    }
    if (this.compressedBytes > this.compressedCap) {
      this.truncated = true;
      return;
    }
    this.crc = zlib.crc32(buf, this.crc);
    this.plainBytes += buf.length;
    this.deflate!.write(buf);
  }

  private startCompressing(): void {
    this.deflate = zlib.createDeflateRaw({ level: 6 });
    this.deflate.on('data', (chunk: Buffer) => {
      this.compressed.push(chunk);
      this.compressedBytes += chunk.length;
    });
    const held = this.plain;
    this.plain = [];
    this.plainBytes = 0;
    for (const buf of held) {
      this.crc = zlib.crc32(buf, this.crc);
      this.plainBytes += buf.length;
      this.deflate.write(buf);
    }
  }

  /** Waits until compression has caught up with what was written. */
  async drain(): Promise<void> {
    const deflate = this.deflate;
    if (!deflate || !deflate.writableNeedDrain) return;
    await new Promise<void>((resolve) => deflate.once('drain', resolve));
  }

  /** Drops what is held (the file is not needed). */
  discard(): void {
    this.deflate?.destroy();
    this.deflate = undefined;
    this.plain = [];
    this.pending = [];
    this.compressed.length = 0;
    this.truncated = true;
  }

  async finish(uploadLimit: number): Promise<PackagedFile> {
    this.setUploadLimit(uploadLimit);
    this.flushPending();
    if (!this.deflate) {
      return { filename: this.filename, contentType: this.contentType, bytes: Buffer.concat(this.plain), truncated: false, textBytes: this.plainBytes };
    }
    if (this.truncated) {
      const note = Buffer.from(CUT_NOTE, 'utf8');
      this.crc = zlib.crc32(note, this.crc);
      this.plainBytes += note.length;
      this.deflate.write(note);
    }
    const deflate = this.deflate;
    await new Promise<void>((resolve, reject) => {
      deflate.once('end', resolve);
      deflate.once('error', reject);
      deflate.end();
    });
    const bytes = zipParts(this.filename, this.compressed, this.compressedBytes, this.crc >>> 0, this.plainBytes);
    this.compressed.length = 0;
    return { filename: `${this.filename}.zip`, contentType: 'application/zip', bytes, truncated: this.truncated, textBytes: this.plainBytes };
  }
}
