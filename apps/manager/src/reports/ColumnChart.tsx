import { useDrawingWidth } from './use-drawing-width';

export interface ColumnSeries {
  name: string;
  className: string;
  values: number[];
}

interface Props {
  title: string;
  labels: string[];
  series: ColumnSeries[];
  /** A vertical line before the column with this index (e.g. the target T on a histogram). */
  markerAt?: number | null;
  markerLabel?: string;
}

const H = 220;
/** Room one category label needs at 12 px ("23:00"). */
const LABEL_ROOM = 40;
const PAD = { left: 40, right: 10, top: 24, bottom: 34 };

/** Columns per category, one per series, hand-drawn in SVG: readable at a glance, with a text alternative. */
export function ColumnChart({ title, labels, series, markerAt = null, markerLabel }: Props) {
  const [drawing, W] = useDrawingWidth(640);
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, labels.length);
  const barW = Math.max(1, (slot * 0.8) / series.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const labelEvery = Math.ceil(labels.length / Math.max(1, Math.floor(plotW / LABEL_ROOM)));
  return (
    <figure className="chart">
      <div className="drawing" ref={drawing}>
        <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={title}>
          <title>{title}</title>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} className="axis" />
          <text x={PAD.left - 4} y={y(max) + 4} textAnchor="end" className="tick">{round(max)}</text>
          <text x={PAD.left - 4} y={y(0)} textAnchor="end" className="tick">0</text>
          {labels.map((label, i) => (
            <g key={label + i}>
              {series.map((s, j) => {
                const v = s.values[i] ?? 0;
                return (
                  <rect key={s.name} className={s.className} x={PAD.left + i * slot + slot * 0.1 + j * barW} y={y(v)} width={barW} height={y(0) - y(v)}>
                    <title>{`${label} · ${s.name}: ${round(v)}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 && (
                <text x={PAD.left + i * slot + slot / 2} y={H - PAD.bottom + 14} textAnchor="middle" className="tick">{label}</text>
              )}
            </g>
          ))}
          {markerAt !== null && (
            <g className="marker">
              <line x1={PAD.left + markerAt * slot} x2={PAD.left + markerAt * slot} y1={PAD.top - 10} y2={y(0)} />
              <text x={PAD.left + markerAt * slot + 4} y={PAD.top - 12}>{markerLabel}</text>
            </g>
          )}
        </svg>
      </div>
      <figcaption>
        {title}
        {series.length > 1 && series.map((s) => <span key={s.name} className={`legend ${s.className}`}>{s.name}</span>)}
      </figcaption>
    </figure>
  );
}

const round = (v: number) => Math.round(v * 10) / 10;
