/**
 * The one look of tabs in Haven (issue 13 part 9): Mantine's underlined tabs, the list scrolling sideways on a phone
 * rather than wrapping, only the chosen panel rendered. Every page that switches between views of itself uses this.
 */
import '@mantine/core/styles/Tabs.css';
import type { ReactNode } from 'react';
import { Tabs } from '@mantine/core';

export function PageTabs<T extends string>({ tabs, value, onChange, label, children }: {
  tabs: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  /** What the tabs choose between, for screen readers. */
  label: string;
  /** The chosen tab's content. */
  children: ReactNode;
}) {
  return (
    <Tabs value={value} onChange={(v) => { if (v) onChange(v as T); }} keepMounted={false}>
      <Tabs.List aria-label={label} className="page-tabs">
        {tabs.map((t) => <Tabs.Tab key={t.value} value={t.value}>{t.label}</Tabs.Tab>)}
      </Tabs.List>
      {tabs.map((t) => <Tabs.Panel key={t.value} value={t.value} pt="md">{t.value === value ? children : null}</Tabs.Panel>)}
    </Tabs>
  );
}
