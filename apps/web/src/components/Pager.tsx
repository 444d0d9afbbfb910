/** Previous/next paging with a "Showing 51–100 of 1,234" summary; narrow enough for a 390 px phone. */
import { Button, Group, Text } from '@mantine/core';
import { formatNumber } from '../lib/format';

export function Pager({ page, pageSize, total, onPage, label }: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** What is being paged, for the navigation landmark, e.g. "Pupil list pages". */
  label: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" gap="sm" wrap="wrap" component="nav" aria-label={label}>
      <Text size="sm" aria-live="polite">
        {total === 0 ? 'No results' : `Showing ${formatNumber(from)}–${formatNumber(to)} of ${formatNumber(total)}`}
      </Text>
      {pages > 1 ? (
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            Previous<span className="visually-hidden-inline"> page</span>
          </Button>
          <Text size="sm">Page {formatNumber(page)} of {formatNumber(pages)}</Text>
          <Button variant="default" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            Next<span className="visually-hidden-inline"> page</span>
          </Button>
        </Group>
      ) : null}
    </Group>
  );
}
