/**
 * The school calendar (issue 4 item 1): academic years, half-terms and closure or INSET days, trust-wide or for one
 * site. Everyone sees the calendar of their sites; a trust administrator changes it. School-day counts come from it.
 */
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { CLOSURE_KIND_LABELS, TERM_LABELS, type TCalendar } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { formatDate, londonTodayIso } from '../../lib/format';
import { allows, useMe } from '../../lib/usePolicy';
import { ResponsiveTable } from '../policy/PolicyParts';
import { useCalendar, useDeleteClosure } from './calendar.api';
import { AddClosureForm, AddYearForm, TermForm } from './CalendarForms';

const TRUST = 'trust';
type Term = TCalendar['terms'][number];

export function CalendarPage() {
  const me = useMe();
  const admin = me.permissions.includes('calendar.manage');
  const [scope, setScope] = useState<string>(admin ? TRUST : me.sites[0]?.id ?? TRUST);
  const siteId = scope === TRUST ? null : scope;
  const cal = useCalendar(siteId);
  const [dialog, setDialog] = useState<'closure' | 'term' | 'year' | Term | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const del = useDeleteClosure();
  const options = useMemo(() => [...(admin ? [{ value: TRUST, label: 'Whole trust (and every site’s own dates)' }] : []), ...(cal.data?.sites ?? me.sites).map((s) => ({ value: s.id, label: s.name }))], [admin, cal.data, me.sites]);
  const manage = allows(cal.data, 'manage');
  const siteName = (id: string | null) => (id ? cal.data?.sites.find((s) => s.id === id)?.name ?? 'One site' : 'Trust-wide');
  const done = (m: string) => { setDialog(null); setNotice(m); };
  const today = londonTodayIso();

  return (
    <Page title="School calendar" description="Terms, half-terms and closure days. Every count of school days (detentions, suspensions, deadlines, rates) uses them.">
      <Select label="Calendar of" data={options} value={scope} onChange={(v) => v && setScope(v)} allowDeselect={false} maw={420} />
      {notice ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>{notice}</Alert> : null}
      {del.error ? <ErrorAlert error={del.error} title="Not removed" /> : null}
      {cal.isPending ? <Loading label="Loading the calendar…" /> : null}
      {cal.isError ? <ErrorAlert error={cal.error} onRetry={() => void cal.refetch()} /> : null}
      {cal.data ? (
        <>
          <Group gap="sm" wrap="wrap">
            {cal.data.academicYears.map((y) => <Badge key={y.id} variant="light" size="lg">{y.label}: {formatDate(y.startDate)} to {formatDate(y.endDate)}</Badge>)}
            {manage ? <Button size="xs" variant="default" onClick={() => setDialog('year')}>Add an academic year</Button> : null}
          </Group>
          <Card withBorder padding="md" component="section" aria-labelledby="terms">
            <Group justify="space-between" mb="sm" wrap="wrap">
              <Title order={2} size="h4" id="terms">Half-terms</Title>
              {manage ? <Button size="xs" onClick={() => setDialog('term')}>Add a half-term</Button> : null}
            </Group>
            <ResponsiveTable caption={`${cal.data.terms.length} half-terms${siteId ? ` in force at ${siteName(siteId)}` : ''}`} rows={cal.data.terms} rowKey={(t) => t.id}
              columns={[
                { header: 'Half-term', primary: true, cell: (t) => t.name },
                { header: 'Dates', cell: (t) => `${formatDate(t.startDate)} to ${formatDate(t.endDate)}` },
                { header: 'School days', cell: (t) => String(t.schoolDays) },
                { header: 'Applies to', cell: (t) => siteName(t.siteId) },
              ]}
              actions={manage ? (t) => <Button size="xs" variant="default" onClick={() => setDialog(t)}>Change<span className="visually-hidden-inline"> {t.name} ({siteName(t.siteId)})</span></Button> : undefined} />
          </Card>
          <Card withBorder padding="md" component="section" aria-labelledby="closures">
            <Group justify="space-between" mb="sm" wrap="wrap">
              <Title order={2} size="h4" id="closures">Closure and INSET days</Title>
              {manage ? <Button size="xs" onClick={() => setDialog('closure')}>Add a closure day</Button> : null}
            </Group>
            <Stack component="ul" gap={6} p={0} m={0} aria-label="Closure and INSET days">
              {cal.data.closures.map((c) => (
                <Group key={c.id} component="li" gap="sm" wrap="wrap" style={{ listStyle: 'none' }}>
                  <Text fw={600} miw={96}>{formatDate(c.date)}</Text>
                  <Text size="sm" className="break-anywhere">{c.reason}</Text>
                  <Badge variant="light" color="gray">{CLOSURE_KIND_LABELS[c.kind as 'inset'] ?? c.kind}</Badge>
                  <Badge variant="light" color={c.siteId ? 'blue' : 'gray'}>{siteName(c.siteId)}</Badge>
                  {manage && c.date >= today ? <Button size="compact-xs" variant="subtle" color="red" onClick={() => window.confirm(`Remove the closure on ${formatDate(c.date)}? It becomes a school day again.`) && del.mutate(c.id)}>Remove<span className="visually-hidden-inline"> {formatDate(c.date)}</span></Button> : null}
                </Group>
              ))}
            </Stack>
          </Card>
          <Text size="xs" c="dimmed">{TERM_LABELS.autumn}, {TERM_LABELS.spring} and {TERM_LABELS.summer} terms each have two half-terms. A site with its own half-terms for a year uses them instead of the trust&apos;s; closure days apply trust-wide or to one site.</Text>
        </>
      ) : null}
      <AppModal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog === 'closure' ? 'Add a closure day' : dialog === 'year' ? 'Add an academic year' : dialog === 'term' ? 'Add a half-term' : dialog ? `Change ${dialog.name}` : ''}>
        {dialog === 'closure' && cal.data ? <AddClosureForm siteId={siteId} siteLabel={siteName(siteId)} onDone={(d) => done(`${formatDate(d)} is now a closure day.`)} /> : null}
        {dialog === 'year' ? <AddYearForm onDone={() => done('Academic year added.')} /> : null}
        {dialog === 'term' && cal.data ? <TermForm years={cal.data.academicYears} siteId={siteId} onDone={() => done('Half-term added.')} /> : null}
        {dialog && typeof dialog === 'object' && cal.data ? <TermForm years={cal.data.academicYears} siteId={dialog.siteId} term={dialog} onDone={() => done(`${dialog.name} changed.`)} /> : null}
      </AppModal>
    </Page>
  );
}
