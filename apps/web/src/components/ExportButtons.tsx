/**
 * "Download CSV" and "Download XLSX" for any list the API offers as a file (`?format=csv|xlsx`): plain links, so the
 * browser downloads with the session cookie and the server applies the same authorisation and filters as the list.
 */
import { Button, Group } from '@mantine/core';
import { apiUrl } from '../lib/api';

type Query = Record<string, string | number | boolean | null | undefined>;

export function ExportButtons({ path, query, what }: { path: string; query?: Query; what: string }) {
  const { page: _page, pageSize: _size, ...filters } = query ?? {};
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label={`Download ${what}`}>
      <Button component="a" variant="default" size="sm" href={apiUrl(path, { ...filters, format: 'csv' })} download
        aria-label={`Download CSV: ${what}`}>Download CSV</Button>
      <Button component="a" variant="default" size="sm" href={apiUrl(path, { ...filters, format: 'xlsx' })} download
        aria-label={`Download XLSX: ${what}`}>Download XLSX</Button>
    </Group>
  );
}
