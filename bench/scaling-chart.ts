import { renderPng } from './chart';

export interface TimelinePoint {
  seconds: number;
  backlog: number;
  workers: number;
}

/** Queue backlog (left axis) and worker processes (right axis) over time, as a PNG. */
export async function writeTimelineChart(points: TimelinePoint[], title: string, path: string): Promise<void> {
  const x = { field: 'seconds', type: 'quantitative', title: 'seconds since the burst' };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 560,
    height: 240,
    data: { values: points },
    layer: [
      {
        mark: { type: 'area', color: '#9ecae9', line: { color: '#4c78a8' } },
        encoding: { x, y: { field: 'backlog', type: 'quantitative', title: 'queue backlog (jobs)', axis: { titleColor: '#4c78a8' } } },
      },
      {
        mark: { type: 'line', color: '#e45756', strokeWidth: 3, interpolate: 'step-after' },
        encoding: {
          x,
          y: {
            field: 'workers',
            type: 'quantitative',
            title: 'worker processes',
            scale: { domain: [0, 5] },
            axis: { titleColor: '#e45756', tickMinStep: 1 },
          },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
    config: { font: 'DejaVu Sans', background: 'white' },
  };
  await renderPng(spec, path);
}
