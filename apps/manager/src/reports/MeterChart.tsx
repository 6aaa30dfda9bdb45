import { useDrawingWidth } from './use-drawing-width';

export interface Meter {
  label: string;
  /** Percent, or null when there is nothing to measure. */
  value: number | null;
  /** The goal to meet (service level) or null. */
  goal: number | null;
}

interface Props {
  title: string;
  meters: Meter[];
  goalLabel?: string;
}

const ROW = 28;
const LEFT = 170;

/** Horizontal percent bars with the goal as a tick: below the goal reads red, at or above green. */
export function MeterChart({ title, meters, goalLabel }: Props) {
  const [drawing, W] = useDrawingWidth(640);
  const H = meters.length * ROW + 24;
  const x = (pct: number) => LEFT + (Math.min(100, Math.max(0, pct)) / 100) * (W - LEFT - 50);
  return (
    <figure className="chart">
      <div className="drawing" ref={drawing}>
        <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={title}>
          <title>{title}</title>
          {meters.map((m, i) => {
            const top = i * ROW + 6;
            const below = m.goal !== null && m.value !== null && m.value < m.goal;
            return (
              <g key={m.label}>
                <text x={LEFT - 8} y={top + 15} textAnchor="end" className="tick">{m.label}</text>
                <rect x={LEFT} y={top} width={x(100) - LEFT} height={ROW - 10} className="track" />
                {m.value !== null && <rect x={LEFT} y={top} width={x(m.value) - LEFT} height={ROW - 10} className={below ? 'bar-bad' : 'bar-good'} />}
                {m.goal !== null && (
                  <line x1={x(m.goal)} x2={x(m.goal)} y1={top - 3} y2={top + ROW - 7} className="goal">
                    <title>{`${goalLabel ?? ''} ${m.goal}%`}</title>
                  </line>
                )}
                <text x={x(100) + 6} y={top + 15} className="tick">{m.value === null ? '—' : `${m.value}%`}</text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
