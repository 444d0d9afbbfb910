/**
 * Every page's frame: sets the document title, renders the page's one h1, and moves focus to it after an in-app
 * navigation so screen-reader and keyboard users start at the top of the new page.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';

let navigatedOnce = false;
/** Called by the router on each resolved navigation after the first load. */
export function markNavigated(): void {
  navigatedOnce = true;
}

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} – Haven` : 'Haven';
  }, [title]);
}

export function Page({ title, documentTitle, description, actions, children }: {
  title: string;
  /** The browser tab's title when it should differ from the heading. */
  documentTitle?: string;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  usePageTitle(documentTitle ?? title);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (navigatedOnce) ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Title order={1} ref={ref} tabIndex={-1} className="break-anywhere page-title">
            {title}
          </Title>
          {description ? <Text c="dimmed">{description}</Text> : null}
        </Stack>
        {actions ? <Group gap="sm">{actions}</Group> : null}
      </Group>
      {children}
    </Stack>
  );
}
