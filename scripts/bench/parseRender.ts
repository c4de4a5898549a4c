/**
 * Child process of bench:import: parses and renders one AccessSession report read from a file, in a
 * fresh process so its peak memory is the work's own. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { parseAccessSession } from '../../src/import/sessionReport';
import { renderSession } from '../../src/import/render/renderSession';

const [file, lsid] = process.argv.slice(2);
const xml = readFileSync(file!, 'utf8');
const baseline = process.memoryUsage().rss;
let t = performance.now();
const parsed = parseAccessSession(xml, lsid!);
const parseMs = performance.now() - t;
if (parsed.kind !== 'session') throw new Error(`report: ${parsed.kind}`);
t = performance.now();
const rendered = renderSession(parsed.report, { excludedEventTypes: [] });
const renderMs = performance.now() - t;
console.log(
  JSON.stringify({
    parseMs,
    renderMs,
    parts: rendered.parts.length,
    largestPart: Math.max(...rendered.parts.map((p) => JSON.stringify(p).length)),
    baselineRss: baseline,
    peakRss: process.resourceUsage().maxRSS * 1024,
  }),
);
