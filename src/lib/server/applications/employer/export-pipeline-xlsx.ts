import ExcelJS from 'exceljs';
import type { PipelineFilters } from '../../../schemas/pipeline.ts';
import { KIND_LABELS, type OpportunityKind } from '../../../opportunities.ts';
import { statusLabel } from '../../../applications.ts';
import { loadClassifiers, loadUniversities } from '../../reference.ts';
import type { Supabase } from '../../supabase.ts';
import { pipelineSelect } from './pipeline-query.ts';
import { daysSince } from './working-days.ts';

/** At most this many rows in one file; the page says to narrow the filters beyond it. */
export const EXPORT_MAX_ROWS = 50_000;
const CHUNK = 5_000;

const COLUMNS =
  'id, opportunity_id, kind, applicant_name, university_id, programme_code, year_of_study, graduation_year, status, created_at, status_changed_at, application_documents(resume_snapshot->>email, resume_snapshot->>phone)';

/**
 * A wall-clock instant as Excel shows it in Kemerovo. Excel dates have no zone, and exceljs writes
 * a Date by its UTC fields: shifting by +7 h makes the cell read Kemerovo's date and time.
 */
function kemerovoExcelDate(value: string): Date {
  return new Date(new Date(value).getTime() + 7 * 3600_000);
}

/**
 * The filtered candidate list as an XLSX workbook: Russian headers, real Excel dates, widths,
 * a frozen header row and an autofilter. Read with the employer's own client, so RLS decides what
 * leaves the building, page by page (PostgREST answers at most what it is asked).
 */
export async function exportPipelineXlsx(
  supabase: Supabase,
  organizationId: string,
  filters: PipelineFilters,
  now = new Date(),
): Promise<{ buffer: Buffer; rows: number; truncated: boolean }> {
  const [postings, universities, { programmes }] = await Promise.all([
    supabase.from('opportunities').select('id, title').eq('organization_id', organizationId),
    loadUniversities(supabase),
    loadClassifiers(supabase),
  ]);
  if (postings.error) throw new Error(`export postings: ${postings.error.message}`);
  const titles = new Map(postings.data.map((p) => [p.id, p.title]));
  const universityNames = new Map(universities.map((u) => [u.value, u.label]));
  const programmeNames = new Map(programmes.map((p) => [p.value, p.label]));

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'КемероVоПРОФИ';
  workbook.created = now;
  const sheet = workbook.addWorksheet('Кандидаты', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'ФИО', key: 'name', width: 32 },
    { header: 'Публикация', key: 'posting', width: 40 },
    { header: 'Вид', key: 'kind', width: 22 },
    { header: 'Состояние', key: 'status', width: 26 },
    { header: 'Вуз', key: 'university', width: 36 },
    { header: 'Направление подготовки', key: 'programme', width: 40 },
    { header: 'Курс', key: 'year', width: 8 },
    { header: 'Год выпуска', key: 'graduation', width: 12 },
    { header: 'Дата отклика', key: 'applied', width: 18, style: { numFmt: 'dd.mm.yyyy hh:mm' } },
    { header: 'Последнее изменение', key: 'changed', width: 20, style: { numFmt: 'dd.mm.yyyy hh:mm' } },
    { header: 'Ждёт ответа, дней', key: 'waiting', width: 14 },
    { header: 'Электронная почта', key: 'email', width: 30 },
    { header: 'Телефон', key: 'phone', width: 18 },
  ];
  sheet.getRow(1).font = { bold: true };

  let count = 0;
  let truncated = false;
  for (let from = 0; ; from += CHUNK) {
    const { data, error } = await pipelineSelect(supabase, organizationId, filters, COLUMNS, { now }).range(
      from,
      from + CHUNK - 1,
    );
    if (error && error.code !== 'PGRST103') throw new Error(`export: ${error.message}`);
    const chunk = data ?? [];
    for (const r of chunk) {
      if (count >= EXPORT_MAX_ROWS) {
        truncated = true;
        break;
      }
      const contact = Array.isArray(r.application_documents)
        ? r.application_documents[0]
        : r.application_documents;
      sheet.addRow({
        name: r.applicant_name,
        posting: titles.get(r.opportunity_id) ?? '',
        kind: KIND_LABELS[r.kind as OpportunityKind] ?? r.kind,
        status: statusLabel(r.status, 'employer'),
        university: r.university_id ? (universityNames.get(r.university_id) ?? '') : '',
        programme: r.programme_code ? (programmeNames.get(r.programme_code) ?? r.programme_code) : '',
        year: r.year_of_study,
        graduation: r.graduation_year,
        applied: kemerovoExcelDate(r.created_at),
        changed: kemerovoExcelDate(r.status_changed_at),
        waiting: r.status === 'submitted' || r.status === 'viewed' ? daysSince(r.created_at, now) : null,
        email: contact?.email ?? '',
        phone: contact?.phone ?? '',
      });
      count += 1;
    }
    if (truncated || chunk.length < CHUNK) break;
  }
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, count + 1), column: sheet.columns.length },
  };
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, rows: count, truncated };
}
