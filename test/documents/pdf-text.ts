import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Text (pdftotext -layout) and page info (pdfinfo) of a PDF buffer. */
export async function inspectPdf(pdf: Buffer): Promise<{ text: string; pages: number; pageSize: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'xaso-forms-'));
  try {
    const file = join(dir, 'form.pdf');
    await writeFile(file, pdf);
    const [{ stdout: text }, { stdout: info }] = await Promise.all([
      run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']),
      run('pdfinfo', [file]),
    ]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 'NaN');
    const pageSize = /^Page size:\s+(.+)$/m.exec(info)?.[1]?.trim() ?? '';
    return { text, pages, pageSize };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Collapses runs of spaces so assertions do not depend on -layout column padding. */
export function squash(text: string): string {
  return text.replace(/[ \t]+/g, ' ');
}
