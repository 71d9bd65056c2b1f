/**
 * Bar charts drawn on the server as inline SVG (no script; they print): one row per month, bars growing to the
 * right, so that twelve months stay readable on a phone. Each series has a colour with at least 3:1 contrast on
 * white and its own fill pattern, each bar carries its number, and the same figures stand in a table beside it.
 */
import { count } from './labels.js';

export interface ChartSeries {
  label: string;
  colour: string;
  pattern: 'solid' | 'stripes' | 'dots';
}

export interface ChartRow {
  label: string;
  values: number[];
  /** Where each value's dossiers are listed (the data table links them; for a stacked chart, then its total's). */
  hrefs?: Array<string | null>;
}

export interface ChartProps {
  /** Unique on the page (ids of the title, the description and the patterns). */
  id: string;
  title: string;
  /** One sentence on what the chart shows; the figures follow automatically. */
  summary: string;
  series: ChartSeries[];
  rows: ChartRow[];
  /** One bar per row with a segment per series (and its total), instead of one bar per series. */
  stacked?: boolean;
  /** Heading of the first column of the data table. */
  rowHeader: string;
}

export const SERIES = {
  received: { label: 'Tiếp nhận', colour: '#0b4f9c', pattern: 'solid' },
  resolved: { label: 'Đã xử lý', colour: '#146c2e', pattern: 'stripes' },
  early: { label: 'Trước hạn', colour: '#146c2e', pattern: 'solid' },
  onTime: { label: 'Đúng hạn', colour: '#0b4f9c', pattern: 'stripes' },
  late: { label: 'Quá hạn', colour: '#b0122b', pattern: 'dots' },
} as const satisfies Record<string, ChartSeries>;

const W = 380;
const FONT = 14;
const SMALL = 13;
const INK = '#1b1f24';
const MUTED = '#4a5560';
const GRID = '#c9d1d9';

/** Rough width of a text in the chart's font (the SVG is drawn without measuring). */
const textWidth = (text: string, size = FONT) => text.length * size * 0.56;

/** Axis top and tick values: steps of 1, 2 or 5 × 10ⁿ, about four of them. */
export function niceScale(max: number): { top: number; ticks: number[] } {
  if (max <= 0) return { top: 1, ticks: [0, 1] };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return { top, ticks };
}

const fillOf = (id: string, i: number, s: ChartSeries) => (s.pattern === 'solid' ? s.colour : `url(#${id}-p${i})`);

function Pattern({ id, s }: { id: string; s: ChartSeries }) {
  if (s.pattern === 'stripes') {
    return (
      <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill={s.colour}></rect>
        <rect width="2" height="6" fill="#ffffff" fill-opacity="0.6"></rect>
      </pattern>
    );
  }
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse">
      <rect width="6" height="6" fill={s.colour}></rect>
      <circle cx="3" cy="3" r="1.4" fill="#ffffff" fill-opacity="0.8"></circle>
    </pattern>
  );
}

/** A number inside a bar segment, on a white label so that it reads on any fill. */
function SegmentLabel({ x, y, text }: { x: number; y: number; text: string }) {
  const w = textWidth(text, SMALL) + 6;
  return (
    <>
      <rect x={String(x - w / 2)} y={String(y - 8)} width={String(w)} height="16" rx="2" fill="#ffffff"></rect>
      <text x={String(x)} y={String(y)} dy="0.35em" text-anchor="middle" font-size={String(SMALL)} fill={INK} safe>{text}</text>
    </>
  );
}

function Legend({ id, series }: { id: string; series: ChartSeries[] }) {
  let x = 2;
  return (
    <>
      {series.map((s, i) => {
        const at = x;
        x += 14 + 6 + textWidth(s.label) + 18;
        return (
          <>
            <rect x={String(at)} y="2" width="14" height="14" fill={fillOf(id, i, s)} stroke={s.colour} stroke-width="1.5"></rect>
            <text x={String(at + 20)} y="9" dy="0.35em" font-size={String(FONT)} fill={INK} safe>{s.label}</text>
          </>
        );
      })}
    </>
  );
}

/** The SVG of the chart (role="img", named by its title and described by its figures). */
export function BarChart(p: ChartProps) {
  const stacked = p.stacked === true;
  const n = p.series.length;
  const barH = stacked ? 20 : 14;
  const band = stacked ? 32 : n * barH + (n - 1) * 2 + 12;
  const top = 30;
  const plotH = Math.max(1, p.rows.length) * band;
  const height = top + plotH + 24;
  const totals = p.rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const max = stacked ? Math.max(0, ...totals) : Math.max(0, ...p.rows.flatMap((r) => r.values));
  const scale = niceScale(max);
  // the row labels' column is as wide as the longest label; the numbers after the bars need up to 52 units
  const labelW = Math.max(40, ...p.rows.map((r) => textWidth(r.label) + 4));
  const plotX = labelW + 8;
  const plotW = W - plotX - 52;
  const px = (v: number) => (v / scale.top) * plotW;
  const description = `${p.summary} ${p.rows.map((r, i) => `${r.label}: ${p.series.map((s, j) => `${s.label.toLowerCase()} ${count(r.values[j] ?? 0)}`).join(', ')}${stacked ? `, tổng ${count(totals[i] ?? 0)}` : ''}`).join('; ')}.`;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${height}`} width={String(W)} height={String(height)} role="img" aria-labelledby={`${p.id}-title ${p.id}-desc`} font-family="system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif">
      <title id={`${p.id}-title`} safe>{p.title}</title>
      <desc id={`${p.id}-desc`} safe>{description}</desc>
      <defs>
        {p.series.map((s, i) => (s.pattern === 'solid' ? '' : <Pattern id={`${p.id}-p${i}`} s={s} />))}
      </defs>
      <Legend id={p.id} series={p.series} />
      {scale.ticks.map((t) => (
        <>
          <line x1={String(plotX + px(t))} x2={String(plotX + px(t))} y1={String(top - 4)} y2={String(top + plotH)} stroke={GRID} stroke-width="1"></line>
          <text x={String(plotX + px(t))} y={String(top + plotH + 16)} text-anchor="middle" font-size={String(SMALL)} fill={MUTED} safe>{count(t)}</text>
        </>
      ))}
      {p.rows.map((r, i) => {
        const y0 = top + i * band + 6;
        const mid = top + i * band + band / 2;
        if (stacked) {
          let x = plotX;
          return (
            <>
              <text x={String(labelW)} y={String(mid)} dy="0.35em" text-anchor="end" font-size={String(FONT)} fill={INK} safe>{r.label}</text>
              {p.series.map((s, j) => {
                const v = r.values[j] ?? 0;
                const w = px(v);
                const at = x;
                x += w;
                if (v === 0) return '';
                const label = count(v);
                return (
                  <>
                    <rect x={String(at)} y={String(y0)} width={String(w)} height={String(barH)} fill={fillOf(p.id, j, s)} stroke="#ffffff" stroke-width="1"></rect>
                    {w >= textWidth(label, SMALL) + 16 ? <SegmentLabel x={at + w / 2} y={y0 + barH / 2} text={label} /> : ''}
                  </>
                );
              })}
              <text x={String(x + 4)} y={String(y0 + barH / 2)} dy="0.35em" font-size={String(FONT)} font-weight="700" fill={INK} safe>{count(totals[i] ?? 0)}</text>
            </>
          );
        }
        return (
          <>
            <text x={String(labelW)} y={String(mid)} dy="0.35em" text-anchor="end" font-size={String(FONT)} fill={INK} safe>{r.label}</text>
            {p.series.map((s, j) => {
              const v = r.values[j] ?? 0;
              const y = y0 + j * (barH + 2);
              return (
                <>
                  {v > 0 ? <rect x={String(plotX)} y={String(y)} width={String(px(v))} height={String(barH)} fill={fillOf(p.id, j, s)} stroke={s.colour} stroke-width="1"></rect> : ''}
                  <text x={String(plotX + px(v) + 4)} y={String(y + barH / 2)} dy="0.35em" font-size={String(SMALL)} fill={INK} safe>{count(v)}</text>
                </>
              );
            })}
          </>
        );
      })}
      <line x1={String(plotX)} x2={String(plotX)} y1={String(top - 4)} y2={String(top + plotH)} stroke={MUTED} stroke-width="1.5"></line>
    </svg>
  );
}

const Value = ({ n, href }: { n: number; href: string | null | undefined }) => (href ? <a href={href} safe>{count(n)}</a> : <span safe>{count(n)}</span>);

/** The chart with its figures in a table beside it (below it on a phone); `more` adds columns to the table. */
export function ChartWithTable(p: ChartProps & { caption: string; more?: Array<{ header: string; cells: string[] }> }) {
  if (p.rows.length === 0) return <p class="meta">Chưa có số liệu theo tháng trong kỳ này.</p>;
  const stacked = p.stacked === true;
  const captionId = `${p.id}-table`;
  return (
    <div class="chart-block">
      <figure class="chart-figure">
        <BarChart {...p} />
      </figure>
      <div class="table-wrap" role="region" aria-labelledby={captionId} tabindex="0">
        <table class="chart-data">
          <caption id={captionId} safe>{p.caption}</caption>
          <thead>
            <tr>
              <th scope="col" safe>{p.rowHeader}</th>
              {p.series.map((s) => <th scope="col" class="num" safe>{s.label}</th>)}
              {stacked ? <th scope="col" class="num">Tổng</th> : ''}
              {(p.more ?? []).map((c) => <th scope="col" class="num" safe>{c.header}</th>)}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r, i) => (
              <tr>
                <th scope="row" safe>{r.label}</th>
                {r.values.map((v, j) => <td class="num"><Value n={v} href={r.hrefs?.[j]} /></td>)}
                {stacked ? <td class="num"><Value n={r.values.reduce((a, b) => a + b, 0)} href={r.hrefs?.[r.values.length]} /></td> : ''}
                {(p.more ?? []).map((c) => <td class="num" safe>{c.cells[i] ?? ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
