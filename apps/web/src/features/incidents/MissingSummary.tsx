/** The list of what is still missing before submission (REV-2), each a link that moves to the field. */
import { Alert, Anchor, List, Text } from '@mantine/core';
import { DARK_ALERT_TITLE, fieldId } from './formParts';
import { fieldLabel } from './labels';

export function focusField(field: string): boolean {
  const el = document.getElementById(fieldId(field));
  if (!el) return false;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const target = el.matches('input, textarea, select, button') ? el : el.querySelector<HTMLElement>('input, textarea, select, button');
  target?.focus({ preventScroll: true });
  return true;
}

/** Of the named fields, the one that comes first on the page. */
export function firstOnPage(fields: string[]): string | undefined {
  const found = fields.flatMap((f) => {
    const el = document.getElementById(fieldId(f));
    return el ? [{ f, el }] : [];
  });
  found.sort((a, b) => (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return found[0]?.f;
}

export function MissingSummary({ missing, customLabels, id }: {
  missing: Array<{ field: string; message: string }>;
  customLabels: Record<string, string>;
  id: string;
}) {
  if (!missing.length) return null;
  return (
    <Alert color="red" styles={DARK_ALERT_TITLE} variant="light" title="Before you can submit" role="alert" id={id} tabIndex={-1}>
      <Text size="sm" mb="xs">Complete these, then submit again:</Text>
      <List size="sm" spacing={4}>
        {missing.map((m) => (
          <List.Item key={`${m.field}-${m.message}`}>
            <Anchor href={`#${fieldId(m.field)}`} size="sm" c="dark.7" underline="always" onClick={(e) => { if (focusField(m.field)) e.preventDefault(); }}>
              {fieldLabel(m.field, customLabels)}: {m.message}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
