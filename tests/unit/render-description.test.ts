import { describe, expect, it } from 'vitest';
import { renderDescription } from '../../src/lib/server/opportunities/render-description.ts';

describe('renderDescription', () => {
  it('renders the limited Markdown: paragraphs, bold, italic, lists, links', () => {
    const { html, text } = renderDescription(
      [
        'Ищем **стажёра** в отдел *автоматизации*.',
        '',
        '- работа с АСУ ТП',
        '- наставник',
        '',
        '1. собеседование',
        '2. практика',
        '',
        'Подробнее: [сайт завода](https://example.ru/jobs?a=1&b=2)',
      ].join('\n'),
    );
    expect(html).toContain('<p>Ищем <strong>стажёра</strong> в отдел <em>автоматизации</em>.</p>');
    expect(html).toContain('<ul>\n<li>работа с АСУ ТП</li>');
    expect(html).toContain('<ol>\n<li>собеседование</li>');
    expect(html).toContain(
      '<a href="https://example.ru/jobs?a=1&amp;b=2" rel="nofollow noopener">сайт завода</a>',
    );
    expect(text).toBe(
      'Ищем стажёра в отдел автоматизации.\nработа с АСУ ТП\nнаставник\nсобеседование\nпрактика\nПодробнее: сайт завода',
    );
  });

  it('turns headings into h3 and h4 only', () => {
    const { html } = renderDescription('# Обязанности\n\n#### Условия\n\n###### Мелко');
    expect(html).toBe('<h3>Обязанности</h3>\n<h4>Условия</h4>\n<h4>Мелко</h4>');
  });

  it('removes script tags with their content', () => {
    const { html, text } = renderDescription(
      'Текст <script>alert("x")</script> после\n\n<script>steal()</script>',
    );
    expect(html).not.toMatch(/script|alert|steal/);
    expect(text).toBe('Текст после');
  });

  it('removes event handler attributes and tags outside the allow-list', () => {
    const { html } = renderDescription(
      '<img src=x onerror="alert(1)"> <p onclick="alert(2)" style="color:red">абзац</p> <iframe src="https://evil.example"></iframe> <a href="https://example.ru" onmouseover="alert(3)" target="_blank">ссылка</a>',
    );
    expect(html).not.toMatch(/onerror|onclick|onmouseover|alert|style|<img|<iframe|target/);
    expect(html).toContain('<p>абзац</p>');
    expect(html).toContain('<a href="https://example.ru" rel="nofollow noopener">ссылка</a>');
  });

  it('removes javascript:, data: and other non-http links but keeps their text', () => {
    const cases = [
      '[нажми](javascript:alert(1))',
      '[нажми](JaVaScRiPt:alert(1))',
      '[нажми](data:text/html;base64,PHNjcmlwdD4=)',
      '<a href="javascript:alert(1)">нажми</a>',
      '<a href="&#106;avascript:alert(1)">нажми</a>',
      '[нажми](vbscript:msgbox)',
      '[нажми](//evil.example/x)',
    ];
    for (const source of cases) {
      const { html, text } = renderDescription(source);
      expect(html, source).not.toMatch(/javascript|data:|vbscript|evil/i);
      expect(text, source).toBe('нажми');
    }
  });

  it('overrides a rel given by the author and keeps mailto out', () => {
    const { html } = renderDescription(
      '<a href="https://example.ru" rel="opener">сайт</a> [почта](mailto:a@b.ru)',
    );
    expect(html).toContain('<a href="https://example.ru" rel="nofollow noopener">сайт</a>');
    expect(html).not.toContain('mailto');
  });

  it('gives plain text with entities decoded, and nothing for an empty description', () => {
    expect(renderDescription('ООО «Азот» & партнёры: 5 < 7').text).toBe('ООО «Азот» & партнёры: 5 < 7');
    expect(renderDescription('  \n\n ')).toEqual({ html: '', text: '' });
  });
});
