import type { Catalog, Cell, Input } from '../catalog/types';
import type { CatalogExport, ExportCell, ExportRule } from './contract';

/** One cell in the export contract's catalog shape. */
export function exportCell(catalog: Catalog, cell: Cell): ExportCell {
  const column = catalog.appendices.find((a) => a.number === cell.appendix)?.columns.find((c) => c.id === cell.column);
  const part = column?.parts.find((p) => p.id === cell.part);
  const inputs: ExportCell['inputs'] = {};
  if (cell.inputs.numerator) inputs.numerator = [...cell.inputs.numerator];
  if (cell.inputs.denominator) inputs.denominator = [...cell.inputs.denominator];
  if (cell.inputs.sum) inputs.sum = [...cell.inputs.sum];
  if (cell.inputs.second) inputs.second = [...cell.inputs.second];
  if (cell.inputs.flag) inputs.flag = cell.inputs.flag;
  if (cell.inputs.aux) inputs.aux = cell.inputs.aux;
  return {
    key: cell.key,
    column: cell.column,
    columnTitle: column?.title ?? cell.column,
    part: cell.part,
    partTitle: part?.title ?? null,
    unit: cell.unit,
    polarity: cell.polarity,
    aggregate: cell.aggregate,
    target: cell.source,
    targetRule: cell.target ? { ...cell.target } : null,
    quarantine: cell.quarantine,
    inputs,
  };
}

/** The catalog as `msoko catalog --json` prints it (README «Контракт экспорта»). */
export function catalogExport(catalog: Catalog): CatalogExport {
  return {
    catalog: { id: catalog.id, version: catalog.version, title: catalog.title, source: catalog.source },
    appendices: catalog.appendices.map((app) => ({
      number: app.number,
      table: app.table,
      title: app.title,
      rows: app.rows.map((row) => ({
        id: row.id,
        number: row.number,
        title: row.title,
        cells: catalog.cells.filter((c) => c.appendix === app.number && c.row === row.id).map((c) => exportCell(catalog, c)),
      })),
    })),
    inputs: catalog.inputs.map((i) => ({
      id: i.id,
      label: i.label,
      kind: i.kind,
      whole: i.whole,
      derived: i.derived,
      unit: i.unit,
      sheet: i.sheet,
      group: i.group,
      applies: appliesOf(catalog, i),
    })),
    rules: catalogRules(catalog),
  };
}

/** When the validator asks for an input (it skips a blank one otherwise): the same reading as validate.ts. */
function appliesOf(catalog: Catalog, input: Input): CatalogExport['inputs'][number]['applies'] {
  const gate = input.applicableIf ?? input.whole;
  if (!gate) return null;
  const kind = catalog.inputs.find((i) => i.id === gate)?.kind;
  return { input: gate, when: kind === 'flag' ? 'yes' : 'gt0' };
}

/**
 * Every control rule of the catalog as one list: part ≤ whole and derived totals from the inputs, then the catalog's
 * own cross-checks. The messages are those the validator shows (without the values it adds).
 */
export function catalogRules(catalog: Catalog): ExportRule[] {
  const label = (id: string): string => catalog.inputs.find((i) => i.id === id)?.label ?? id;
  const rules: ExportRule[] = [];
  for (const i of catalog.inputs) {
    if (i.whole) {
      rules.push({
        id: `le-${i.id}`,
        type: 'le',
        parts: [i.id],
        total: i.whole,
        severity: 'error',
        message: `«${i.label}» не может быть больше, чем «${label(i.whole)}»`,
      });
    }
    if (i.derived) {
      rules.push({
        id: `derived-${i.id}`,
        type: 'derived',
        parts: [...i.derived],
        total: i.id,
        severity: 'error',
        message: `«${i.label}» считается как сумма: ${i.derived.map((d) => `«${label(d)}»`).join(' + ')}`,
      });
    }
  }
  for (const c of catalog.checks) rules.push({ id: c.id, type: c.type, parts: [...c.parts], total: c.total, severity: c.severity, message: c.message });
  return rules;
}
