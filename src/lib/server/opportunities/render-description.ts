import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** What the description of a posting may contain once rendered: nothing that runs, nothing that styles. */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h3', 'h4'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Everything else (script, style, iframe, img …) goes, and so does the text of script/style.
  disallowedTagsMode: 'discard',
  transformTags: {
    // A link from an employer's text is not an endorsement and must not reach back to our page.
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'nofollow noopener' },
    }),
    b: 'strong',
    i: 'em',
  },
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href && !frame.text.trim(),
};

/**
 * The limited Markdown of descriptions: paragraphs, **bold**, *italic*, lists, links and two levels
 * of subheadings (the page has its own h1 and h2, so every # becomes h3 or h4).
 */
const markdown = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    heading({ tokens, depth }: Tokens.Heading) {
      const level = depth <= 3 ? 3 : 4;
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

export interface RenderedDescription {
  /** Sanitized HTML, safe to put into a page with {@html}. */
  html: string;
  /** Plain text for search and previews. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The text of sanitized HTML: one line per paragraph, list item or heading. */
function plainText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>|<\/(p|li|h3|h4)>/gi, '\n');
  const text = decodeEntities(sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} }));
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Renders a description written in the limited Markdown to sanitized HTML and plain text. */
export function renderDescription(source: string): RenderedDescription {
  const trimmed = source.replace(/\r\n?/g, '\n').trim();
  if (!trimmed) return { html: '', text: '' };
  const raw = markdown.parse(trimmed, { async: false });
  const html = sanitizeHtml(raw, ALLOWED).trim();
  return { html, text: plainText(html) };
}
