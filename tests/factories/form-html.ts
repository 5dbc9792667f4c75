/**
 * What a browser without JavaScript submits from a server-rendered form: every named input,
 * select and textarea in document order, as HTML form submission builds its FormData. Enough for
 * the markup Svelte renders (double-quoted attributes, entities for & " < in them); not a general
 * HTML parser.
 */

const ATTRIBUTE = /([^\s=/>]+)(?:="([^"]*)")?/g;
const CONTROL =
  /<(input)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>|<(select)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*>([\s\S]*?)<\/select>|<(textarea)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*>([\s\S]*?)<\/textarea>/g;
const OPTION = /<option((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*>/g;

function decode(text: string): string {
  return text.replace(/&(quot|amp|lt|gt|#39|#x27|nbsp);/g, (_, entity: string) => {
    const map: Record<string, string> = {
      quot: '"',
      amp: '&',
      lt: '<',
      gt: '>',
      '#39': "'",
      '#x27': "'",
      nbsp: '\u00a0',
    };
    return map[entity];
  });
}

function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [, name, value] of source.matchAll(ATTRIBUTE)) out.set(name.toLowerCase(), decode(value ?? ''));
  return out;
}

/** Svelte comments (<!--[-->, <!---->) mark blocks; they are not part of the form. */
const stripComments = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');

export function submittedForm(html: string): FormData {
  const form = new FormData();
  for (const m of stripComments(html).matchAll(CONTROL)) {
    if (m[1]) {
      const attrs = attributes(m[2]);
      const name = attrs.get('name');
      const type = (attrs.get('type') ?? 'text').toLowerCase();
      if (!name || attrs.has('disabled') || ['submit', 'button', 'reset', 'image', 'file'].includes(type)) {
        continue;
      }
      if (type === 'checkbox' || type === 'radio') {
        if (attrs.has('checked')) form.append(name, attrs.get('value') ?? 'on');
      } else {
        form.append(name, attrs.get('value') ?? '');
      }
    } else if (m[3]) {
      const attrs = attributes(m[4]);
      const name = attrs.get('name');
      if (!name || attrs.has('disabled')) continue;
      const options = [...m[5].matchAll(OPTION)].map((o) => attributes(o[1]));
      const chosen = options.find((o) => o.has('selected')) ?? options[0];
      if (chosen) form.append(name, chosen.get('value') ?? '');
    } else if (m[6]) {
      const attrs = attributes(m[7]);
      const name = attrs.get('name');
      if (!name || attrs.has('disabled')) continue;
      // The parser drops one newline right after <textarea>.
      form.append(name, decode(m[8]).replace(/^\r?\n/, ''));
    }
  }
  return form;
}
