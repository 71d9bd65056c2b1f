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

/**
 * Inline SVG for the HTML print views: one path, 4-module quiet zone, no text from the input,
 * so the markup can be emitted as is (only digits and fixed tokens).
 */
export function qrSvg(text: string): string {
  const m = qrMatrix(text);
  const quiet = 4;
  const dim = m.size + quiet * 2;
  let d = '';
  for (let r = 0; r < m.size; r++) {
    let c = 0;
    while (c < m.size) {
      if (!m.isDark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.size && m.isDark(r, c)) c++;
      d += `M${start + quiet} ${r + quiet}h${c - start}v1h-${c - start}z`;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${dim} ${dim}" shape-rendering="crispEdges" aria-hidden="true" focusable="false">` +
    `<rect width="${dim}" height="${dim}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`
  );
}
