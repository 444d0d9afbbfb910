/**
 * Which sections of the incident form are open. A low-level incident needs only when and where, the pupils, what
 * happened, severity and categories: staff (the recorder is already there), actions and other questions start folded,
 * and a folded section opens by itself when one of its fields is named by an error.
 */
import { useCallback, useState } from 'react';
import type { Fold } from './formParts';
import type { FormModel } from './formModel';
import { sectionOf, type SectionKey } from './labels';

export function initialOpen(form: FormModel): Set<SectionKey> {
  const open = new Set<SectionKey>();
  if (form.actionCodes.length || form.dfeReasonCode) open.add('actions');
  if (Object.values(form.customValues).some((v) => v !== null && v !== '')) open.add('custom');
  return open;
}

export function useFolds(form: FormModel) {
  const [open, setOpen] = useState(() => initialOpen(form));
  const fold = useCallback((key: SectionKey, summary: string): Fold => ({
    open: open.has(key), summary,
    onToggle: () => setOpen((s) => { const n = new Set(s); if (n.has(key)) n.delete(key); else n.add(key); return n; }),
  }), [open]);
  /** Open the sections holding these fields (before moving to one of them). */
  const openFor = useCallback((fields: string[]) => {
    const keys = fields.map(sectionOf).filter((k): k is SectionKey => !!k);
    setOpen((s) => (keys.every((k) => s.has(k)) ? s : new Set([...s, ...keys])));
  }, []);
  return { fold, openFor };
}
