/** What the university's upload pages show (shared by the server and the pages). */

/** One message about one cell of an uploaded file. */
export interface RowError {
  line: number;
  column: string;
  message: string;
}

/** One row as the preview lists it. */
export interface PreviewRow {
  line: number;
  name: string;
  /** What the row says in short: programme, dates, employer… */
  detail: string;
  /** new: will be written; same: already there, nothing to write; error: see the errors. */
  state: 'new' | 'same' | 'error';
}

/** What the page shows after an upload, before anything is written. */
export interface ImportPreview {
  fileName: string;
  /** The uploaded file itself (base64), sent back with the confirmation and checked again then. */
  file: string;
  total: number;
  ready: number;
  same: number;
  errorRows: number;
  /** Sorted by row; at most PREVIEW_MAX_ERRORS. */
  errors: RowError[];
  /** At most PREVIEW_MAX_ROWS, rows with errors first. */
  rows: PreviewRow[];
}

/** «1 строка», «2 строки», «5 строк» (with plural() of $lib/i18n/plural). */
export const ROWS = { one: 'строка', few: 'строки', many: 'строк' };
