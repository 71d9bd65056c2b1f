import QRCode from 'qrcode';

/** A QR code as a square matrix of dark modules (true = dark), without the quiet zone. */
export interface QrMatrix {
  size: number;
  isDark(row: number, col: number): boolean;
}

/** Encodes text (the public lookup URL) with error correction M. Synchronous and deterministic. */
export function qrMatrix(text: string): QrMatrix {
  const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = code.modules.size;
  const data = code.modules.data;
  return { size, isDark: (row, col) => data[row * size + col] === 1 };
}

/** The dark modules row by row as horizontal runs (fewer shapes than one square per module). */
export function qrRuns(m: QrMatrix): Array<{ row: number; col: number; length: number }> {
  const runs: Array<{ row: number; col: number; length: number }> = [];
  for (let row = 0; row < m.size; row++) {
    let col = 0;
    while (col < m.size) {
      if (!m.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < m.size && m.isDark(row, col)) col++;
      runs.push({ row, col: start, length: col - start });
    }
  }
  return runs;
}

/**
 * Inline SVG for the HTML print views: one path, 4-module quiet zone, no text from the input,
 * so the markup can be emitted as is (only digits and fixed tokens).
 */
export function qrSvg(text: string): string {
  const m = qrMatrix(text);
  const quiet = 4;
  const dim = m.size + quiet * 2;
  const d = qrRuns(m).map((r) => `M${r.col + quiet} ${r.row + quiet}h${r.length}v1h-${r.length}z`).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${dim} ${dim}" shape-rendering="crispEdges" aria-hidden="true" focusable="false">` +
    `<rect width="${dim}" height="${dim}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`
  );
}
