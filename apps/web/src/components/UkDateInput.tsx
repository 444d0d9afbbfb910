/**
 * A date typed the UK way (dd/mm/yyyy) whatever the browser's locale: a browser's own date box follows the device's
 * language (mm/dd/yyyy on a US-English phone), so Haven never uses one. `onChange` gets the ISO date, '' when the box
 * is empty, or null when the text is not a date, which the box then says itself unless the page gives its own error.
 */
import { useEffect, useRef, useState } from 'react';
import { TextInput } from '@mantine/core';
import { formatDate, parseUkDate } from '../lib/format';

export function UkDateInput({ label, value, onChange, error, required, description, size, w, style }: {
  label: string;
  /** The date (ISO or ''). What is typed wins; a new value from the page (a reset, a default) replaces a valid date. */
  value: string;
  onChange: (iso: string | null, text: string) => void;
  error?: string | undefined;
  required?: boolean;
  description?: string;
  size?: 'xs' | 'sm' | 'md';
  w?: number | string;
  style?: React.CSSProperties;
}) {
  const [text, setText] = useState(value ? formatDate(value) : '');
  const last = useRef(value);
  useEffect(() => {
    if (value === last.current) return;
    last.current = value;
    const typed = parseUkDate(text);
    // the page changed the date (not an echo of what was typed): show it, unless the box holds half-typed text
    if (typed !== value && (value !== '' || typed)) setText(value ? formatDate(value) : '');
  }, [value, text]);
  const own = text.trim() && parseUkDate(text) === null ? 'Not a date: type day/month/year, like 24/11/2026' : undefined;
  return (
    <TextInput label={label} required={required} description={description ?? 'Day/month/year, like 24/11/2026'} value={text}
      error={error ?? own} inputMode="numeric" autoComplete="off" maxLength={10} size={size} w={w} style={style}
      onChange={(e) => { const t = e.currentTarget.value; setText(t); onChange(parseUkDate(t), t); }} />
  );
}
