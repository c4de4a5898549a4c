/**
 * Offline validation of manifest.yml, run by `npm test`:
 *  1. @forge/manifest FULL validation (schema, handlers, resources, scopes, egress);
 *  2. the client-side @forge/lint linters over src/ (handler exports, deprecated APIs, function
 *     timeouts), all but PermissionLinter, which downloads API specs from the internet.
 * Errors fail the run. Warnings are printed; each one we accept is listed in ACCEPTED_WARNINGS with
 * the reason (also in the README), and any other warning fails the run too.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ProcessorBuilder, ValidationTypes } from '@forge/manifest';
import { getClientSideLintersOnly, lint } from '@forge/lint';

const ROOT = path.resolve(__dirname, '..');

/** Warnings we keep on purpose: pattern → why. */
const ACCEPTED_WARNINGS: Array<{ pattern: RegExp; reason: string }> = [
  {
    pattern: /Global URL usage detected/i,
    reason: "backend egress '*': each customer's PRA appliance host is only known once an admin configures it",
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [path.relative(ROOT, full)] : [];
  });
}

interface Finding {
  level: string;
  message: string;
  where: string;
}

async function main(): Promise<void> {
  process.chdir(ROOT);
  const findings: Finding[] = [];

  const result = await ProcessorBuilder.instance().withValidation(ValidationTypes.FULL).build().process('manifest.yml');
  for (const e of result.errors ?? []) {
    findings.push({ level: e.level, message: e.message, where: `manifest.yml${e.line ? `:${e.line}` : ''} ${e.reference ?? ''}`.trim() });
  }
  const manifest = result.manifestObject?.typedContent;

  if (manifest) {
    const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {} };
    const statsig = { getDeprecatedRuntimes: async () => [] };
    const linters = (await getClientSideLintersOnly(manifest, 'development', quiet as never, statsig as never)).filter(
      (linter: object) => linter.constructor.name !== 'PermissionLinter',
    );
    const lintResults = await lint(sourceFiles(path.join(ROOT, 'src')), manifest, 'development', quiet as never, statsig as never, {
      linter: { mode: 'client-side' },
      linters,
    } as never);
    for (const fileResult of lintResults as Array<{ file?: string; errors?: Array<{ message: string; line?: number }>; warnings?: Array<{ message: string; line?: number }> }>) {
      for (const e of fileResult.errors ?? []) findings.push({ level: 'error', message: e.message, where: `${fileResult.file ?? ''}${e.line ? `:${e.line}` : ''}` });
      for (const w of fileResult.warnings ?? []) findings.push({ level: 'warning', message: w.message, where: `${fileResult.file ?? ''}${w.line ? `:${w.line}` : ''}` });
    }
  }

  // `result.success` is false even for warnings alone, so the verdict comes from the findings.
  let failed = false;
  const seen = new Set<string>();
  for (const f of findings) {
    const id = `${f.level}|${f.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const accepted = f.level === 'warning' ? ACCEPTED_WARNINGS.find((a) => a.pattern.test(f.message)) : undefined;
    if (accepted) {
      console.log(`accepted warning (${accepted.reason}): ${f.message}`);
    } else {
      failed = true;
      console.log(`${f.level.toUpperCase()} ${f.where}: ${f.message}`);
    }
  }
  console.log(failed ? 'manifest validation FAILED' : 'manifest validation passed (@forge/manifest FULL + @forge/lint client-side linters)');
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
