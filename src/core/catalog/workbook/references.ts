import { derivedCycles } from '../derived-cycles';
import { expandWithProblems } from '../expand';
import type { CatalogSource, InputSpec } from '../schema';
import { parseTarget } from '../targets';
import type { Aggregate } from '../types';
import type { ReadContext } from './context';
import type { CatalogPlace } from './read-table';
import { GENERAL_SHEET, SHEET } from './sheets';
import { PART_DENOMINATOR } from './words';

/**
 * What zod cannot see: duplicate codes, references to fields that do not exist, denominators that are not fields,
 * derived fields that reach themselves, targets that do not read. Each problem is placed where the value was typed.
 */
export function checkReferences(ctx: ReadContext, src: CatalogSource): void {
  const place = (path: string): CatalogPlace => ctx.placeOf(path.split('.'), { sheet: GENERAL_SHEET, row: null, col: null, header: null });
  const { catalog, problems } = expandWithProblems(src);
  const before = ctx.problems.length;

  const fields: { spec: InputSpec; path: string }[] = [
    ...src.profile.map((spec, i) => ({ spec, path: `profile.${i}` })),
    ...src.appendices.flatMap((a, ai) => (a.bases ?? []).map((spec, bi) => ({ spec, path: `appendices.${ai}.bases.${bi}` }))),
  ];
  const fieldIds = new Set<string>();
  for (const f of fields) {
    if (fieldIds.has(f.spec.id)) ctx.problem(place(`${f.path}.id`), `код поля «${f.spec.id}» уже есть выше — коды полей не повторяются`);
    fieldIds.add(f.spec.id);
  }
  // The expansion keeps the first input of an id, so a field named like a cell's own input hides it: found through the cells.
  const generated = new Set(
    catalog.cells.flatMap((c) => [
      c.inputs.flag,
      c.inputs.aux,
      ...(c.inputs.numerator ?? []),
      ...(c.inputs.second ?? []),
      ...(c.aggregate === 'sum' || c.aggregate === 'countPair' ? (c.inputs.sum ?? []) : []),
    ]),
  );
  for (const f of fields) {
    if (generated.has(f.spec.id)) ctx.problem(place(`${f.path}.id`), `код поля «${f.spec.id}» совпадает с кодом поля показателя — выберите другой`);
  }
  const inputIds = new Set(catalog.inputs.map((i) => i.id));
  const anyInput = (id: string | undefined, path: string, what: string): void => {
    if (id !== undefined && !inputIds.has(id)) ctx.problem(place(path), `${what} «${id}»: такого поля нет`);
  };
  const field = (id: string | undefined, path: string): void => {
    if (id !== undefined && id !== 'part' && !inputIds.has(id)) {
      ctx.problem(place(path), `знаменатель «${id}» — такого поля нет ни на листе «${SHEET.fields}», ни среди полей показателей`);
    }
  };

  for (const f of fields) {
    anyInput(f.spec.whole, `${f.path}.whole`, 'не больше поля');
    for (const d of f.spec.derived ?? []) anyInput(d, `${f.path}.derived`, 'сумма полей: поле');
  }
  for (const cycle of derivedCycles(fields.map((f) => f.spec))) {
    const f = fields.find((x) => x.spec.id === cycle[0]);
    ctx.problem(place(`${f?.path ?? 'profile'}.derived`), `поле считается через само себя: ${cycle.join(' → ')}`);
  }

  src.appendices.forEach((a, ai) => {
    const seenRows = new Set<string>();
    a.rows.forEach((r, ri) => {
      if (seenRows.has(r.id)) ctx.problem(place(`appendices.${ai}.rows.${ri}.id`), `строка «${r.id}» уже есть в таблице № ${a.number}`);
      seenRows.add(r.id);
    });
    const seenColumns = new Set<string>();
    a.columns.forEach((c, ci) => {
      const path = `appendices.${ai}.columns.${ci}`;
      if (seenColumns.has(c.id)) ctx.problem(place(`${path}.id`), `показатель «${c.id}» уже есть в таблице № ${a.number}`);
      seenColumns.add(c.id);
      const seenParts = new Set<string>();
      (c.parts ?? []).forEach((p, pi) => {
        if (seenParts.has(p.id)) ctx.problem(place(`${path}.parts.${pi}.id`), `подграфа «${p.id}» у показателя «${c.id}» повторяется`);
        seenParts.add(p.id);
        field(p.denominator, `${path}.parts.${pi}.denominator`);
      });
      const m = c.measure;
      if (m.type === 'ratio' || m.type === 'countRatio') {
        field(m.denominator, `${path}.measure.denominator`);
        if (m.denominator === 'part') {
          if ((c.parts ?? []).length === 0) ctx.problem(place(`${path}.measure.denominator`), `«${PART_DENOMINATOR}», но у показателя нет подграф`);
          (c.parts ?? []).forEach((p, pi) => {
            if (!p.denominator)
              ctx.problem(place(`${path}.parts.${pi}.denominator`), `знаменатель «${PART_DENOMINATOR}»: у подграфы «${p.id}» нет знаменателя`);
          });
        }
      }
      if (m.type === 'count') anyInput(m.whole, `${path}.measure.whole`, 'не больше поля');
      if (m.type === 'schoolShare') anyInput(m.applicableIf, `${path}.measure.applicableIf`, 'спрашивать, если > 0: поле');
      if (m.type === 'countPair') {
        anyInput(m.first.whole, `${path}.measure.first.whole`, 'не больше поля');
        anyInput(m.second.whole, `${path}.measure.second.whole`, 'не больше поля');
        if (m.first.code === m.second.code)
          ctx.problem(place(`${path}.measure.second.code`), `коды первого и второго количества совпадают («${m.first.code}»)`);
      }
      checkTargets(ctx, c, path, place);
    });
  });

  const seenRules = new Set<string>();
  (src.checks ?? []).forEach((check, k) => {
    if (seenRules.has(check.id)) ctx.problem(place(`checks.${k}.id`), `правило «${check.id}» уже есть выше — коды правил не повторяются`);
    seenRules.add(check.id);
    for (const id of check.parts) anyInput(id, `checks.${k}.parts`, 'правило ссылается на поле');
    anyInput(check.total, `checks.${k}.total`, 'правило ссылается на поле');
  });

  // Anything the expansion still finds (and the checks above did not place) is reported on the first sheet.
  if (ctx.problems.length === before) for (const p of problems) ctx.problem({ sheet: GENERAL_SHEET, row: null, col: null, header: null }, p);
}

function checkTargets(ctx: ReadContext, c: CatalogSource['appendices'][number]['columns'][number], path: string, place: (p: string) => CatalogPlace): void {
  const m = c.measure;
  const aggregate: Aggregate = m.type === 'count' ? 'sum' : m.type;
  for (const [ri, row] of c.targets.entries()) {
    for (const [pi, t] of row.entries()) {
      if (typeof t !== 'string') continue;
      try {
        parseTarget(t, c.polarity, aggregate, {
          targetOn: m.type === 'countRatio' ? m.targetOn : undefined,
          compare: m.type === 'countPair' ? m.compare : undefined,
          percentIsContext: m.type === 'countRatio' ? m.percentIsContext : undefined,
        });
      } catch (e) {
        ctx.problem(
          place(`${path}.targets.${ri}.${pi}`),
          `${(e as Error).message} — пишите как в документе: «Не < 5», «70», «44/10,3»; ` +
            'если значение пока не применяется, укажите причину в «Отложено: причина»',
        );
      }
    }
  }
}
