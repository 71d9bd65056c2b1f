/** Reading QR codes back in tests: rasterise our SVG's modules (or qrcode's PNG) and decode them with jsQR. */
import { expect } from 'vitest';
import QRCode from 'qrcode';
import jsqr from 'jsqr';
import pngjs from 'pngjs';
import { QUIET_ZONE } from '../../src/payments/vietqr-svg.js';

// jsqr is CommonJS typed as `export default`: under NodeNext the default import is module.exports, whose `default` is the decoder.
const jsQR = jsqr.default;

export interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** The PNG that qrcode draws for the payload (same options as the SVG), decoded by pngjs. */
export async function pngOf(payload: string, scale: number): Promise<Rgba> {
  const buffer = await QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: QUIET_ZONE, scale });
  const png = pngjs.PNG.sync.read(buffer);
  return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
}

/** The modules an SVG of ours draws (its viewBox and "M x y h n v1 h-n z" runs), quiet zone included. */
export function svgModules(svg: string): boolean[][] {
  const dim = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const grid = Array.from({ length: dim }, () => Array<boolean>(dim).fill(false));
  const d = /<path d="([^"]*)"/.exec(svg)?.[1] ?? '';
  for (const [run, x, y, n, back] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    expect(back, run).toBe(n);
    for (let c = 0; c < Number(n); c++) grid[Number(y)]![Number(x) + c] = true;
  }
  expect(d.replace(/M\d+ \d+h\d+v1h-\d+z/g, '')).toBe('');
  return grid;
}

/** The modules read off a raster at each module's centre. */
export function rasterModules(image: Rgba, scale: number): boolean[][] {
  const dim = image.width / scale;
  const centre = Math.floor(scale / 2);
  return Array.from({ length: dim }, (_, row) =>
    Array.from({ length: dim }, (_, col) => image.data[((row * scale + centre) * image.width + col * scale + centre) * 4]! < 128),
  );
}

/** Rasterises a module grid (dark = black) as jsQR wants it. */
export function rasterise(grid: boolean[][], scale: number): Rgba {
  const width = grid.length * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      if (grid[Math.floor(y / scale)]![Math.floor(x / scale)]) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { data, width, height: width };
}

export function decode(image: Rgba): { text: string; bytes: number[] } {
  const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
  expect(code, 'jsQR found no QR code').not.toBeNull();
  return { text: code!.data, bytes: code!.binaryData };
}

/** The payload of the first VietQR SVG (class "vietqr") in an HTML page. */
export function vietQrIn(html: string): string {
  const svg = /<svg[^>]*class="vietqr"[\s\S]*?<\/svg>/.exec(html)?.[0];
  expect(svg, 'no VietQR code on the page').toBeDefined();
  return decode(rasterise(svgModules(svg!), 4)).text;
}
