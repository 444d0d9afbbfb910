/**
 * The quick log (INC-1): pick pupils from a group or a search, then one tap on a category logs it for all of them
 * (an optional note is one more tap to open). A 10-second Undo follows. Built for a 390 px phone: once a pupil is
 * chosen the categories (positive first) and then the confirmation dock at the bottom of the screen, so neither needs
 * a scroll however long the class list; after a log the selection is cleared, so a second tap cannot log twice.
 */
import { useEffect, useMemo, useState } from 'react';
import { Badge, Button, Card, CloseButton, Group, NativeSelect, Stack, Switch, Text, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { NoAccessPage } from '../../components/StatusPages';
import { Page } from '../../components/Page';
import { plural } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { CategoryButtons } from './CategoryButtons';
import { PupilPicker } from './PupilPicker';
import { UndoBar, type LoggedBatch } from './UndoBar';
import { useQuickCategories, useQuickLog, useStartPupil, useUndoQuickLog, type PickablePupil, type QuickCategory } from './quicklog.api';
import './quicklog-styles';

export function QuickLogPage() {
  const me = useMe();
  return me.permissions.includes('behaviour.record') ? <QuickLog /> : <NoAccessPage what="logging behaviour points" />;
}

function names(ps: PickablePupil[]): string {
  const shown = ps.slice(0, 3).map((p) => p.displayName).join(', ');
  return ps.length > 3 ? `${shown} and ${plural(ps.length - 3, 'other')}` : shown;
}

function QuickLog() {
  const me = useMe();
  const search = useSearch({ from: '/quick-log' });
  const navigate = useNavigate({ from: '/quick-log' });
  const [selected, setSelected] = useState<Map<string, PickablePupil>>(new Map());
  const [noteOpen, setNoteOpen] = useState(false);
  const [note, setNote] = useState('');
  const [batch, setBatch] = useState<LoggedBatch | null>(null);
  const [undone, setUndone] = useState(false);
  const log = useQuickLog();
  const undo = useUndoQuickLog();

  // "Log for this pupil": start with that pupil selected, at their site
  const start = useStartPupil(search.pupilId);
  const startPupil = search.pupilId ? start.data : undefined;
  useEffect(() => {
    if (!startPupil) return;
    setSelected(new Map([[startPupil.id, { id: startPupil.id, siteId: startPupil.siteId, displayName: startPupil.displayName, detail: '' }]]));
    if (search.siteId !== startPupil.siteId) void navigate({ search: (prev) => ({ ...prev, siteId: startPupil.siteId }), replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startPupil?.id]);

  const siteId = search.siteId ?? me.sites[0]?.id;
  const categories = useQuickCategories(siteId);
  const chosen = useMemo(() => [...selected.values()], [selected]);

  const setSite = (id: string) => {
    setSelected(new Map());
    void navigate({ search: { siteId: id }, replace: true });
  };
  const toggle = (p: PickablePupil) => setSelected((prev) => {
    const next = new Map(prev);
    if (next.has(p.id)) next.delete(p.id); else next.set(p.id, p);
    return next;
  });
  const selectMany = (ps: PickablePupil[], on: boolean) => setSelected((prev) => {
    const next = new Map(prev);
    for (const p of ps) if (on) next.set(p.id, p); else next.delete(p.id);
    return next;
  });

  const pick = (c: QuickCategory) => {
    if (chosen.length === 0 || log.isPending) return;
    const summary = `${c.name} for ${names(chosen)}.`;
    log.mutate({ pupilIds: chosen.map((p) => p.id), categoryCode: c.code, note: noteOpen && note.trim() ? note.trim() : undefined }, {
      onSuccess: (r) => {
        setUndone(false);
        undo.reset();
        setBatch({ batchId: r.batchId, summary, undoUntil: r.undoUntil });
        setSelected(new Map());
        setNote('');
        setNoteOpen(false);
      },
    });
  };

  useEffect(() => {
    if (!batch) return;
    // the bar stays a little after the undo ends, so the confirmation can be read
    const ms = Math.max(0, new Date(batch.undoUntil).getTime() - Date.now()) + 4_000;
    const timer = window.setTimeout(() => setBatch(null), ms);
    return () => window.clearTimeout(timer);
  }, [batch]);

  if (!siteId) return <Page title="Quick log"><Text>You are not linked to a site where you can log points.</Text></Page>;

  return (
    <Page title="Quick log" description="Choose pupils, then tap a category to log it.">
      {me.sites.length > 1 ? (
        <NativeSelect label="School" value={siteId} onChange={(e) => setSite(e.currentTarget.value)}
          data={me.sites.map((s) => ({ value: s.id, label: s.name }))} />
      ) : null}

      <Card withBorder padding="md" component="section" aria-labelledby="ql-pupils">
        <Title order={2} size="h4" id="ql-pupils" mb="sm">1. Pupils</Title>
        {search.pupilId && start.isLoading ? <Loading label="Loading pupil…" /> : null}
        <PupilPicker siteId={siteId} groupId={search.groupId} selected={selected} onToggle={toggle} onSelectAll={selectMany}
          onGroup={(groupId) => void navigate({ search: (prev) => ({ ...prev, groupId, pupilId: undefined }), replace: true })} />
      </Card>

      <div className={chosen.length > 0 || batch ? 'ql-dock' : undefined}>
      {batch ? (
        <UndoBar batch={batch} undoing={undo.isPending} undone={undone} error={undo.isError ? errorMessage(undo.error) : null}
          onDismiss={() => setBatch(null)}
          onUndo={() => undo.mutate(batch.batchId, { onSuccess: () => setUndone(true) })} />
      ) : null}
      <Card withBorder padding="md" component="section" aria-labelledby="ql-category">
        <Group justify="space-between" gap="xs" mb="sm">
          <Title order={2} size="h4" id="ql-category">2. Category</Title>
          <Badge size="lg" variant={chosen.length ? 'filled' : 'outline'} aria-live="polite">{plural(chosen.length, 'pupil')} selected</Badge>
        </Group>
        {chosen.length === 0 ? (
          <Text size="sm">Select at least one pupil first.</Text>
        ) : (
          <Stack gap="sm">
            <Group gap={6} component="ul" p={0} m={0} aria-label="Selected pupils" style={{ listStyle: 'none' }}>
              {chosen.map((p) => (
                <Badge component="li" key={p.id} variant="light" size="lg" pr={2} tt="none"
                  rightSection={<CloseButton size="sm" aria-label={`Remove ${p.displayName}`} onClick={() => toggle(p)} />}>
                  {p.displayName}
                </Badge>
              ))}
              <li><Button variant="default" size="compact-sm" onClick={() => setSelected(new Map())}>Clear</Button></li>
            </Group>
            <Switch label="Add a note" checked={noteOpen} onChange={(e) => setNoteOpen(e.currentTarget.checked)} size="md" />
            {noteOpen ? (
              <Textarea label="Note" description="Saved with the point for each selected pupil" value={note} maxLength={2000}
                onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
            ) : null}
            {categories.isError ? <ErrorAlert error={categories.error} title="Could not load the categories" onRetry={() => void categories.refetch()} /> : null}
            {categories.isPending ? <Loading label="Loading categories…" /> : null}
            {categories.data ? <CategoryButtons categories={categories.data} busy={log.isPending} onPick={pick} /> : null}
            {log.isError ? <ErrorAlert error={log.error} title="Not saved" /> : null}
          </Stack>
        )}
      </Card>
      </div>
    </Page>
  );
}
