import { useT } from '../i18n';
import { headline, type CapacityPeriod, type FacilityDomain, type OperatingStatus } from './types';

const COLORS: Record<OperatingStatus, string> = {
  preparing: '#91caff',
  operating: '#1f6feb',
  suspended: '#fa8c16',
  closed: '#bfbfbf',
};

const WIDTH = 760;
const HEIGHT = 190;
const PAD = { left: 44, right: 12, top: 22, bottom: 26 };

const dayNumber = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/**
 * Capacity over time drawn as plain SVG: one bar per period, as wide as the period lasted and as high as its beds (or
 * childcare places), coloured by operating status; a dashed line marks the date being looked at.
 */
export function CapacityChart({
  periods,
  domain,
  today,
  marker,
}: {
  periods: CapacityPeriod[];
  domain: FacilityDomain;
  today: string;
  marker?: string;
}) {
  const t = useT();
  if (periods.length === 0) return null;
  const start = dayNumber(periods[0].validFrom);
  const lastEnd = periods[periods.length - 1].validTo;
  const end = Math.max(dayNumber(lastEnd ?? today), dayNumber(today), marker ? dayNumber(marker) : 0) + 30;
  const max = Math.max(1, ...periods.map((period) => headline(domain, period)));
  const x = (day: number) => PAD.left + ((day - start) / (end - start)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - value / max) * (HEIGHT - PAD.top - PAD.bottom);
  const firstYear = Number(periods[0].validFrom.slice(0, 4)) + 1;
  const lastYear = new Date(end * 86_400_000).getUTCFullYear();
  const years: number[] = [];
  const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 8));
  for (let year = firstYear; year <= lastYear; year += step) years.push(year);
  const unit = t(domain === 'childcare' ? 'providers.unit.places' : 'providers.unit.beds');

  return (
    <svg
      className="capacity-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-label={t('providers.chartLabel', { unit })}
      data-testid="capacity-chart"
      style={{ maxHeight: '14rem', display: 'block' }}
    >
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#d9d9d9" />
      <line
        x1={PAD.left}
        x2={WIDTH - PAD.right}
        y1={y(max)}
        y2={y(max)}
        stroke="#f0f0f0"
        strokeDasharray="3 3"
      />
      <text x={PAD.left - 6} y={y(max) + 4} textAnchor="end">
        {max.toLocaleString()}
      </text>
      <text x={PAD.left - 6} y={y(0) + 4} textAnchor="end">
        0
      </text>
      {years.map((year) => {
        const position = x(dayNumber(`${year}-01-01`));
        return (
          <g key={year}>
            <line x1={position} x2={position} y1={y(0)} y2={y(0) + 4} stroke="#bfbfbf" />
            <text x={position} y={HEIGHT - 8} textAnchor="middle">
              {year}
            </text>
          </g>
        );
      })}
      {periods.map((period) => {
        const value = headline(domain, period);
        const left = x(dayNumber(period.validFrom));
        const right = x(dayNumber(period.validTo ?? today) + (period.validTo ? 0 : 30));
        const top = y(value);
        return (
          <g key={period.id}>
            <title>
              {`${period.validFrom} ~ ${period.validTo ?? t('households.now')}: ${value.toLocaleString()} ${unit} · ${t(`providers.status.${period.operatingStatus}`)}`}
            </title>
            <rect
              x={left + 1}
              y={top}
              width={Math.max(2, right - left - 2)}
              height={Math.max(0, y(0) - top)}
              fill={COLORS[period.operatingStatus]}
              fillOpacity={0.75}
              rx={2}
            />
            <text x={left + 4} y={Math.max(PAD.top - 6, top - 5)} style={{ fontWeight: 600 }}>
              {value.toLocaleString()}
            </text>
          </g>
        );
      })}
      {marker && (
        <line
          x1={x(dayNumber(marker))}
          x2={x(dayNumber(marker))}
          y1={PAD.top - 14}
          y2={y(0)}
          stroke="#cf1322"
          strokeDasharray="4 3"
          data-testid="capacity-chart-marker"
        />
      )}
    </svg>
  );
}
