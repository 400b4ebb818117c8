import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { JobStats, SeriesSet } from '#contracts';
import { h } from '../shared/dom';

const HEIGHT = 220;
const COLORS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

interface Line {
  label: string;
  values: (number | null)[];
  color: string;
  dash?: number[];
}

/** One uPlot chart that is rebuilt only when its set of lines changes, else just fed new data. */
class LineChart {
  private plot: uPlot | null = null;
  private signature = '';
  readonly el: HTMLElement;

  constructor(
    private readonly title: string,
    private readonly unit: string,
    /** Draw each value as a dot too: a latency seen in one minute only has no line to draw. */
    private readonly dots = false,
  ) {
    this.el = h('div', { class: 'chart' });
    new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: HEIGHT })).observe(this.el);
  }

  private width(): number {
    return Math.max(240, this.el.clientWidth);
  }

  update(minutes: string[], lines: Line[]): void {
    const xs = minutes.map((m) => Date.parse(m) / 1000);
    const data = [xs, ...lines.map((l) => l.values)] as uPlot.AlignedData;
    const signature = lines.map((l) => l.label).join('|');
    if (this.plot && signature === this.signature) {
      this.plot.setData(data);
      return;
    }
    this.plot?.destroy();
    this.signature = signature;
    const unit = this.unit;
    this.plot = new uPlot(
      {
        title: this.title,
        width: this.width(),
        height: HEIGHT,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [{}, { label: unit, size: 60 }],
        series: [
          {},
          ...lines.map((l) => ({
            label: l.label,
            stroke: l.color,
            width: 2,
            dash: l.dash,
            spanGaps: false,
            points: { show: this.dots, size: 5 },
          })),
        ],
      },
      data,
      this.el,
    );
  }
}

/** Throughput and latency charts over the last hour; `language` picks the latency lines ('' = all). */
export class Charts {
  readonly el: HTMLElement;
  private readonly throughput = new LineChart('Jobs finished per minute', 'jobs/min');
  private readonly run = new LineChart('Run time (started → finished)', 'ms', true);
  private readonly queue = new LineChart('Queue time (created → started)', 'ms', true);
  private readonly select: HTMLSelectElement;
  private last: JobStats | null = null;

  constructor() {
    this.select = h('select', { id: 'chart-language', 'aria-label': 'Latency of language' }, h('option', { value: '' }, 'All languages'));
    this.select.addEventListener('change', () => this.last && this.update(this.last));
    this.el = h(
      'section',
      { class: 'card charts' },
      h('div', { class: 'card-head' }, h('h2', {}, 'Last hour'), h('label', {}, 'Latency of ', this.select)),
      h('div', { class: 'chart-grid' }, this.throughput.el, this.run.el, this.queue.el),
    );
  }

  update(stats: JobStats): void {
    this.last = stats;
    const languages = Object.keys(stats.languages).sort((a, b) => total(stats.languages[b]) - total(stats.languages[a]));
    this.syncOptions(languages);
    const top = languages.slice(0, COLORS.length - 1);
    this.throughput.update(stats.minutes, [
      { label: 'all', values: stats.all.jobs, color: '#111827' },
      ...top.map((id, i) => ({ label: id, values: stats.languages[id].jobs, color: COLORS[i + 1] })),
    ]);
    const chosen = this.select.value;
    const set: SeriesSet = (chosen && stats.languages[chosen]) || stats.all;
    const name = chosen || 'all';
    this.run.update(stats.minutes, [
      { label: `${name} p50`, values: set.runP50, color: COLORS[0] },
      { label: `${name} p95`, values: set.runP95, color: COLORS[2], dash: [6, 4] },
    ]);
    this.queue.update(stats.minutes, [
      { label: `${name} p50`, values: set.queueP50, color: COLORS[0] },
      { label: `${name} p95`, values: set.queueP95, color: COLORS[2], dash: [6, 4] },
    ]);
  }

  private syncOptions(languages: string[]): void {
    const have = new Set([...this.select.options].map((o) => o.value));
    for (const id of languages.filter((l) => !have.has(l)).sort()) this.select.append(h('option', { value: id }, id));
  }
}

const total = (set: SeriesSet) => set.jobs.reduce((a, b) => a + b, 0);
