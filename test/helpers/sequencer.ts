/**
 * The order test files start in: the slowest first (measured in CI; each spawns `xaso` processes or servers), then as
 * vitest orders the rest (its cache of durations when present, else larger files first). On two workers a slow file
 * started last leaves the other worker idle at the end: in a fresh clone (no cache) the PGlite pass took 373 s while
 * its files' times summed to 430 s.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SLOWEST_FILES = [
  'test/cli/cli.test.ts',
  'test/signing/keys-import.test.ts',
  'test/crash/crash-safety.test.ts',
  'test/platform/backup.test.ts',
  'test/documents/issuing.test.ts',
  'test/cli/serve.test.ts',
  'test/reports/pages.test.ts',
];

export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOWEST_FILES.indexOf(relative(this.ctx.config.root, f.moduleId).replaceAll('\\', '/'));
      return i < 0 ? SLOWEST_FILES.length : i;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
  }
}
