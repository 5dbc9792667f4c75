import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellValue, columnWidth, type ExportColumn } from './columns.ts';
import { attachmentHeaders, XLSX_TYPE } from './download.ts';

export const DATE_FORMAT = 'dd.mm.yyyy';
const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];

/** The sheet's look: bold header row, frozen under the header, an autofilter over the columns. */
export function setUpSheet<Row>(
  sheet: ExcelJS.Worksheet,
  columns: ExportColumn<Row>[],
  streamed = false,
): void {
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: columnWidth(c),
    style: c.kind === 'date' ? { numFmt: DATE_FORMAT } : c.kind === 'integer' ? { numFmt: '0' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  // the streaming writer takes its views only when the sheet is added (a getter afterwards)
  if (!streamed) sheet.views = FROZEN_HEADER;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } };
}

/** Adds a sheet with its rows to a workbook kept in memory (small tables, templates). */
export function addSheet<Row>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: ExportColumn<Row>[],
  rows: Iterable<Row>,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  setUpSheet(sheet, columns);
  for (const row of rows) sheet.addRow(columns.map((c) => cellValue(c, row)));
  return sheet;
}

/** A workbook in memory as a download. */
export async function xlsxResponse(workbook: ExcelJS.Workbook, fileName: string): Promise<Response> {
  const buffer = await workbook.xlsx.writeBuffer();
  return new Response(new Uint8Array(buffer as ArrayBuffer), {
    headers: attachmentHeaders(fileName, XLSX_TYPE),
  });
}

export interface StreamedSheet<Row> {
  name: string;
  columns: ExportColumn<Row>[];
  rows: Iterable<Row> | AsyncIterable<Row>;
}

/**
 * Streams one sheet as a download, row by row (exceljs's streaming writer), so a long drill-down
 * list never sits in memory as a whole workbook.
 */
export function streamXlsx<Row>(fileName: string, sheet: StreamedSheet<Row>): Response {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const worksheet = workbook.addWorksheet(sheet.name, { views: FROZEN_HEADER });
  setUpSheet(worksheet as unknown as ExcelJS.Worksheet, sheet.columns, true);
  void (async () => {
    try {
      for await (const row of sheet.rows) {
        worksheet.addRow(sheet.columns.map((c) => cellValue(c, row))).commit();
      }
      worksheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return new Response(Readable.toWeb(out) as ReadableStream, {
    headers: attachmentHeaders(fileName, XLSX_TYPE),
  });
}
