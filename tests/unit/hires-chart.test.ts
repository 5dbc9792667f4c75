import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import HiresChart from '../../src/lib/components/indicators/HiresChart.svelte';

describe('the 30-hire chart', () => {
  test('is drawn on the server as SVG, with the goal, the deadline and the line of hires', () => {
    const { body } = render(HiresChart, {
      props: {
        months: [
          { month: '2023-02-01', hired: 0 },
          { month: '2023-03-01', hired: 2 },
          { month: '2023-04-01', hired: 5 },
          { month: '2023-05-01', hired: null },
        ],
        goal: 30,
        deadline: '2025-08-31',
        describedBy: 'hires-table',
      },
    });
    expect(body).toContain('<svg');
    expect(body).toContain('цель: 30');
    expect(body).toMatch(/aria-label="[^"]*цель — 30 к 31\.08\.2025, сейчас 5"/);
    expect(body).toMatch(/<path[^>]*d="M0,232L[^"]+"[^>]*class="[^"]*line/);
    // the months still ahead are not drawn: three points for three known months
    expect(body.match(/<circle/g)).toHaveLength(3);
  });
});
