import { writeFileSync } from 'node:fs';

export interface ChartRow {
  program: string;
  system: string;
  p50: number;
}

/** Renders p50 latency per program and system as a grouped bar chart. */
export async function writeChart(rows: ChartRow[], path: string): Promise<void> {
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'p50 latency per call, sequential (lower is better)',
    width: 160,
    height: 260,
    data: { values: rows },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      column: { field: 'program', type: 'nominal', title: null },
      x: { field: 'system', type: 'nominal', axis: { title: null, labelAngle: -30 } },
      y: { field: 'p50', type: 'quantitative', title: 'ms' },
      color: { field: 'system', type: 'nominal', legend: { orient: 'bottom' } },
    },
    config: { font: 'DejaVu Sans', background: 'white' },
  };
  await renderPng(spec, path);
}

/** Vega-Lite compiles the spec, Vega renders SVG, resvg rasterizes it to PNG with the system's fonts. */
export async function renderPng(spec: object, path: string): Promise<void> {
  const vegaLite = await import('vega-lite');
  const vega = await import('vega');
  const { Resvg } = await import('@resvg/resvg-js');
  const compiled = vegaLite.compile(spec as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'zoom', value: 2 } })
    .render()
    .asPng();
  writeFileSync(path, png);
}
