/**
 * The transcript and event log as files Jira will take: attached as they are when small, zipped when
 * larger than 1 MB or than the site's upload limit, and cut (saying so inside) in the rare case that
 * even the zip is too large. Deterministic, so a resumed import uploads the same bytes. Pure.
 */
import { zipSingleFile } from '../shared/zip';

export const ZIP_ABOVE_BYTES = 1_000_000;

export interface PackagedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
  /** The text had to be cut to fit the upload limit. */
  truncated: boolean;
}

/** The name a file gets once packaged (without building it): `.zip` added when it will be zipped. */
export function packagedName(filename: string, byteLength: number, uploadLimit: number): string {
  return byteLength > Math.min(ZIP_ABOVE_BYTES, uploadLimit) ? `${filename}.zip` : filename;
}

export function packageTextFile(filename: string, contentType: string, text: string, uploadLimit: number): PackagedFile {
  const plain = Buffer.from(text, 'utf8');
  if (packagedName(filename, plain.length, uploadLimit) === filename) return { filename, contentType, bytes: plain, truncated: false };
  let kept = text;
  let zipped = zipSingleFile(filename, plain);
  let truncated = false;
  for (let round = 0; zipped.length > uploadLimit && round < 8; round++) {
    truncated = true;
    kept = text.slice(0, Math.floor(kept.length * (uploadLimit / zipped.length) * 0.9));
    zipped = zipSingleFile(filename, Buffer.from(`${kept}\n[Shortened to fit the Jira site's attachment size limit; the complete data is in PRA.]\n`, 'utf8'));
  }
  return { filename: `${filename}.zip`, contentType: 'application/zip', bytes: zipped, truncated };
}
