/**
 * A PDF is a PDF by its bytes, not by its name: it starts with «%PDF-» and ends with «%%EOF»
 * (the specification allows a little trailing whitespace or junk after it, so the end is looked
 * for in the last kilobyte).
 */
export const PDF_MAX_BYTES = 5 * 1024 * 1024;

const HEADER = Buffer.from('%PDF-', 'latin1');
const TRAILER = Buffer.from('%%EOF', 'latin1');

export type PdfCheck = { ok: true } | { ok: false; reason: 'empty' | 'too_large' | 'not_pdf' };

export function checkPdf(bytes: Uint8Array): PdfCheck {
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty' };
  if (bytes.byteLength > PDF_MAX_BYTES) return { ok: false, reason: 'too_large' };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buf.subarray(0, HEADER.length).equals(HEADER)) return { ok: false, reason: 'not_pdf' };
  if (buf.subarray(Math.max(0, buf.length - 1024)).indexOf(TRAILER) === -1)
    return { ok: false, reason: 'not_pdf' };
  return { ok: true };
}

/**
 * The name a file is kept and offered under: the last path segment of what the browser sent,
 * without control characters and quotes, at most 200 characters, always ending in «.pdf».
 */
export function safePdfName(sent: string | undefined | null): string {
  const base = (sent ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const unsafe = /[\u0000-\u001f\u007f"<>|:*?]/g;
  let name = base.replace(unsafe, '').replace(/\s+/g, ' ').trim();
  name = name
    .replace(/\.pdf$/i, '')
    .slice(0, 190)
    .trim();
  return `${name || 'резюме'}.pdf`;
}

/**
 * Content-Disposition for a download (RFC 6266 with RFC 5987 `filename*`): an ASCII fallback for
 * old clients, and the real (Cyrillic) name percent-encoded in UTF-8.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file.pdf';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
