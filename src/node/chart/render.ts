/**
 * Offline chart rendering: ECharts' server-side SVG (no browser, no canvas) → PNG by resvg with the shipped PT Sans
 * and system fonts off, so a picture is the same on a Windows PC, a Linux server and in CI, and the same model
 * gives the same bytes. The SVG's ids depend on how many charts the process drew before; the PNG does not.
 */
// first: mimalloc's options are read when resvg's native module loads
import './allocator';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { Chart } from '../../core/chart/model';
import { FONT_FAMILY, FONT_FILES, missingGlyphs, textWidth } from './font';
import { CHART_WIDTH, chartHeight } from '../../core/chart/size';
import { echartsOption } from './options';
import { unhintedCopies } from './unhinted';

let platformSet = false;
/** ECharts measures labels with the font's own advance widths (without a canvas it would guess per character). */
function usePlatform(): void {
  if (platformSet) return;
  echarts.setPlatformAPI({
    measureText: (text: string, font?: string) => {
      const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
      const bold = /\bbold\b|\b[6-9]00\b/.test(font ?? '') ? 1.05 : 1;
      return { width: textWidth(text, size) * bold };
    },
  });
  platformSet = true;
}

export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
}

export function chartSvg(chart: Chart): ChartSvg {
  usePlatform();
  const width = CHART_WIDTH;
  const height = chartHeight(chart);
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption(echartsOption(chart));
    return { svg: instance.renderToSVGString(), width, height };
  } finally {
    instance.dispose();
  }
}

export interface ChartPicture {
  png: Uint8Array;
  /** Pixels of the PNG. */
  width: number;
  height: number;
}

/** 1.6 × 760 px ≈ 1,216 px across 16.5 cm of an A4 page: about 190 dpi, sharp in print, ≈ 60 KB a chart. */
export const SCALE = 1.6;

let renderFonts: string[] | null = null;
/** The shipped font without hinting (./unhinted): the same pictures in a third of resvg's time spent reading fonts. */
const fontFiles = (): string[] => {
  renderFonts ??= unhintedCopies(FONT_FILES);
  return renderFonts;
};

export function renderSvg(svg: string, scale = SCALE, fonts: readonly string[] = fontFiles()): ChartPicture {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [...fonts], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: scale },
    background: '#FFFFFF',
  });
  const image = resvg.render();
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}

export function chartPng(chart: Chart, scale = SCALE): ChartPicture {
  return renderSvg(chartSvg(chart).svg, scale);
}

/** Texts of an SVG's <text> elements, entities decoded: what a reader should see on the picture. */
export function svgTexts(svg: string): string[] {
  const decode = (s: string): string =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1] ?? ''));
}

/** Characters on the chart the shipped font cannot draw (resvg would silently leave them out). */
export const chartMissingGlyphs = (svg: string): string[] => [...new Set(svgTexts(svg).flatMap((t) => missingGlyphs(t)))];
