/**
 * The sheet's charts as pictures (exceljs images over the reserved rows): the same PNG the .docx embeds, at the
 * chart's logical size. A chart shown twice in one workbook (its appendix sheet and «Диаграммы») is stored once.
 */
import type ExcelJS from 'exceljs';
import { chartHeight, CHART_WIDTH } from '../../../core/chart/size';
import type { ChartSpec } from '../../../core/layout/types';
import { chartPng } from '../../chart/render';

const stored = new WeakMap<ExcelJS.Workbook, Map<string, number>>();

export function addCharts(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, charts: ChartSpec[]): void {
  let images = stored.get(workbook);
  if (!images) {
    images = new Map();
    stored.set(workbook, images);
  }
  for (const { chart, row, col } of charts) {
    const key = JSON.stringify(chart);
    let id = images.get(key);
    if (id === undefined) {
      id = workbook.addImage({ buffer: Buffer.from(chartPng(chart).png) as unknown as ExcelJS.Buffer, extension: 'png' });
      images.set(key, id);
    }
    sheet.addImage(id, { tl: { col: col - 1, row: row - 1 }, ext: { width: CHART_WIDTH, height: chartHeight(chart) }, editAs: 'oneCell' });
  }
}
