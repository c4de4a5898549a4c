/**
 * Child process of bench:import: streams one AccessSession report from a file through what the import does
 * with it (streaming parse, digest, transcript and event log built and compressed as they go, comment
 * rendering), in a fresh process so its peak memory is the work's own. Prints one JSON line.
 */
import { createReadStream } from 'node:fs';
import { readSession } from '../../src/import/readSession';
import { renderDigest } from '../../src/import/render/renderSession';
import { byteSize } from '../../src/import/render/size';

const UPLOAD_LIMIT = 10 * 1024 * 1024; // Jira Cloud's default attachment limit (the Jira simulator's too)

async function main(): Promise<void> {
  const [file, lsid] = process.argv.slice(2);
  const baselineRss = process.memoryUsage().rss;
  const t = performance.now();
  const read = await readSession(
    async (sink) => {
      for await (const chunk of createReadStream(file!, { highWaterMark: 64 * 1024 })) await sink(chunk as Buffer);
    },
    lsid!,
    [],
    async () => UPLOAD_LIMIT,
  );
  if (read.kind !== 'session') throw new Error(`report: ${read.kind} ${read.message}`);
  const readMs = performance.now() - t;
  const files = await read.files(UPLOAD_LIMIT);
  const filesMs = performance.now() - t - readMs;
  const rendered = renderDigest(read.header, read.digest, { excludedEventTypes: [], fileNames: { transcript: files.transcript.filename, events: files.events.filename }, applianceHost: 'pra.example.com' });
  const totalMs = performance.now() - t;
  console.log(
    JSON.stringify({
      readMs,
      filesMs,
      renderMs: totalMs - readMs - filesMs,
      totalMs,
      events: read.digest.events,
      parts: rendered.parts.length,
      largestPart: Math.max(...rendered.parts.map(byteSize)),
      files: [files.transcript, files.events].map((f) => ({ name: f.filename, bytes: f.bytes.length, textBytes: f.textBytes, truncated: f.truncated })),
      baselineRss,
      peakRss: process.resourceUsage().maxRSS * 1024,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
