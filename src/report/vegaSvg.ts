import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Shared look of every chart: the page's font stack, quiet axes, no chart-level padding games. */
const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#e8e8e8' },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', labelLimit: 260 },
  title: { fontSize: 13, fontWeight: 'normal', anchor: 'start' },
  view: { stroke: null },
} as const;

/**
 * Renders a Vega-Lite spec to an SVG string on the server (Vega's headless View, no DOM, no
 * canvas), so the report's charts are static markup: visible without JavaScript and with no
 * library shipped to the browser. Bars keep Vega's aria labels ("field: value; ..."), which is
 * what screen readers (and the report's browser test) read.
 */
export async function renderVegaLite(spec: TopLevelSpec): Promise<string> {
  const full = { ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec;
  const view = new View(parse(compile(full).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // The fixed white backdrop would show as a box on a tinted page.
    return svg.replace(/<rect width="[\d.]+" height="[\d.]+" fill="white"\/>/, '');
  } finally {
    view.finalize();
  }
}
