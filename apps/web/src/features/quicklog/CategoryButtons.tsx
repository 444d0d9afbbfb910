/** The site's quick-log categories as large buttons, grouped positive / negative / neutral: one tap logs. */
import { Button, Stack, Text, Title } from '@mantine/core';
import type { QuickCategory } from './quicklog.api';

const GROUPS = [
  { polarity: 'positive', title: 'Positive' },
  { polarity: 'negative', title: 'Negative' },
  { polarity: 'neutral', title: 'Observation' },
] as const;

const pointsText = (n: number) => (n === 0 ? '' : ` (${n > 0 ? '+' : '−'}${Math.abs(n)})`);

export function CategoryButtons({ categories, busy, onPick }: { categories: QuickCategory[]; busy: boolean; onPick: (c: QuickCategory) => void }) {
  if (categories.length === 0) {
    return <Text size="sm">This school has no quick-log categories yet. A behaviour lead can add them in the behaviour policy.</Text>;
  }
  return (
    <Stack gap="md">
      {GROUPS.map((g) => {
        const items = categories.filter((c) => c.polarity === g.polarity);
        if (items.length === 0) return null;
        return (
          <Stack key={g.polarity} gap={6}>
            <Title order={3} size="h5">{g.title}</Title>
            <ul className="ql-grid" aria-label={`${g.title} categories`}>
              {items.map((c) => (
                <li key={c.code}>
                  <Button className="ql-tile ql-category" data-polarity={g.polarity} variant="default" disabled={busy} onClick={() => onPick(c)}>
                    {c.name}{pointsText(c.points)}
                  </Button>
                </li>
              ))}
            </ul>
          </Stack>
        );
      })}
    </Stack>
  );
}
