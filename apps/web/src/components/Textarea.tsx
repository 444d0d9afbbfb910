/**
 * Mantine's Textarea, whose `autosize` grows with what is typed through the browser's own `field-sizing: content`
 * (styles.css, `.textarea-grow`) where the browser has it. Mantine's autosize measures each text area as it mounts,
 * forcing the page's layout while it is still being built: a form with several of them (the incident form) spent
 * about 110 ms of a slow phone's first load there. Browsers without `field-sizing` keep Mantine's autosize.
 * Import `Textarea` from here, not from @mantine/core (eslint's no-restricted-imports says so).
 */
import type { CSSProperties, Ref } from 'react';
// eslint-disable-next-line no-restricted-imports -- the one place Mantine's Textarea is wrapped
import { Textarea as MantineTextarea, type TextareaProps } from '@mantine/core';

const nativeGrow = typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

export function Textarea({ autosize, minRows, maxRows, classNames, style, ...props }: TextareaProps & { ref?: Ref<HTMLTextAreaElement> }) {
  if (!autosize || !nativeGrow || typeof classNames === 'function') {
    return <MantineTextarea autosize={autosize} minRows={minRows} maxRows={maxRows} classNames={classNames} style={style} {...props} />;
  }
  const rows = { '--textarea-min-rows': minRows ?? 1, '--textarea-max-rows': maxRows ?? 1000 } as CSSProperties;
  return (
    <MantineTextarea {...props} rows={minRows ?? 1}
      classNames={{ ...classNames, input: [classNames?.input, 'textarea-grow'].filter(Boolean).join(' ') }}
      style={typeof style === 'object' || style === undefined ? { ...rows, ...style } : style} />
  );
}
