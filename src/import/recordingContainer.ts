/**
 * What container a recording is, read from its first bytes (PRA's AccessSessionRecording answers
 * `application/octet-stream` whatever it holds, so the declared type says nothing). Pure.
 */
export interface RecordingContainer {
  /** File name extension, without the dot. */
  extension: string;
  contentType: string;
  /** How the comment names the format. */
  label: string;
}

const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString('latin1');

const CONTAINERS: Array<{ matches: (b: Buffer) => boolean; container: RecordingContainer }> = [
  // ISO base media (MP4, QuickTime): a box of type "ftyp" first; the major brand tells QuickTime apart
  { matches: (b) => b.length >= 12 && ascii(b, 4, 8) === 'ftyp' && ascii(b, 8, 12) === 'qt  ', container: { extension: 'mov', contentType: 'video/quicktime', label: 'QuickTime' } },
  { matches: (b) => b.length >= 12 && ascii(b, 4, 8) === 'ftyp', container: { extension: 'mp4', contentType: 'video/mp4', label: 'MP4' } },
  // EBML (WebM, Matroska): the DocType in the header says which
  { matches: (b) => b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3 && ascii(b, 0, 64).includes('webm'), container: { extension: 'webm', contentType: 'video/webm', label: 'WebM' } },
  { matches: (b) => b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3 && ascii(b, 0, 64).includes('matroska'), container: { extension: 'mkv', contentType: 'video/x-matroska', label: 'Matroska' } },
  { matches: (b) => b.length >= 4 && ascii(b, 0, 3) === 'FLV' && b[3] === 1, container: { extension: 'flv', contentType: 'video/x-flv', label: 'Flash Video' } },
  { matches: (b) => b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'AVI ', container: { extension: 'avi', contentType: 'video/x-msvideo', label: 'AVI' } },
  { matches: (b) => b.length >= 4 && ascii(b, 0, 4) === 'OggS', container: { extension: 'ogv', contentType: 'video/ogg', label: 'Ogg' } },
  { matches: (b) => b.length >= 4 && b.readUInt32BE(0) === 0x504b0304, container: { extension: 'zip', contentType: 'application/zip', label: 'ZIP' } },
  { matches: (b) => b.length >= 3 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 0x08, container: { extension: 'gz', contentType: 'application/gzip', label: 'gzip' } },
];

/** The container the bytes start with, or undefined when they match none the app knows. */
export function sniffContainer(bytes: Buffer): RecordingContainer | undefined {
  return CONTAINERS.find((c) => c.matches(bytes))?.container;
}

/** The content type for a recording file name the app gave (a resumed upload knows only the name). */
export function contentTypeOfRecordingFile(filename: string): string {
  const extension = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
  return CONTAINERS.find((c) => c.container.extension === extension)?.container.contentType ?? 'application/octet-stream';
}

/** The first bytes in hexadecimal ("1a 2b …"), for saying why a file was not recognised. */
export function firstBytesHex(bytes: Buffer, count = 8): string {
  return [...bytes.subarray(0, count)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
