/**
 * The week's rota (STF-3): for each day, who is where in each period across the chosen sites, with gaps, double
 * bookings and impossible journeys highlighted, beside the weekday × period heatmap of where incidents cluster.
 */
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, List, MultiSelect, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { ROTA_MODE_LABELS, rotaGapText, type TRotaWeek } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { AnchorLink } from '../../components/links';
import { useMe } from '../../lib/usePolicy';
import { addDaysIso, formatDate } from '../sanctions/isolation-format';
import { UkDateInput } from '../sanctions/SanctionParts';
import { rotaPdfUrl, useRotaWeek } from './rota.api';
import { WEEKDAYS } from './rota-format';
import { londonTodayIso } from '../../lib/format';

export function RotaPage() {
  const me = useMe();
  const [weekOf, setWeekOf] = useState(londonTodayIso());
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const week = useRotaWeek(weekOf, siteIds);
  const w = week.data;
  return (
    <Page title="Support team rota" description="Who is where each day and period, what is not covered, and where incidents cluster.">
      <Group align="flex-end" gap="sm" wrap="wrap">
        {me.sites.length > 1 ? (
          <MultiSelect label="Sites" placeholder={siteIds.length ? undefined : 'All your sites'} data={me.sites.map((s) => ({ value: s.id, label: s.name }))}
            value={siteIds} onChange={setSiteIds} clearable maw={480} miw={220} />
        ) : null}
        <UkDateInput label="Week of" value={weekOf} onChange={(v) => v && setWeekOf(v)} />
        <Button variant="default" onClick={() => setWeekOf(addDaysIso(w?.weekStart ?? weekOf, -7))}>Previous week</Button>
        <Button variant="default" onClick={() => setWeekOf(addDaysIso(w?.weekStart ?? weekOf, 7))}>Next week</Button>
        <Anchor href={rotaPdfUrl(weekOf, siteIds)} target="_blank" rel="noopener">Print the rota (PDF)</Anchor>
      </Group>
      <Group gap="md">
        <AnchorLink to="/rota/patterns">Weekly patterns</AnchorLink>
        <AnchorLink to="/rota/exceptions">Absences and cover</AnchorLink>
        <AnchorLink to="/rota/settings">Support hours and travel</AnchorLink>
        <AnchorLink to="/rota/today">Where am I today</AnchorLink>
      </Group>
      {week.isPending ? <Loading label="Loading the rota…" /> : null}
      {week.isError ? <ErrorAlert error={week.error} onRetry={() => void week.refetch()} /> : null}
      {w ? <WeekView w={w} /> : null}
    </Page>
  );
}

function WeekView({ w }: { w: TRotaWeek }) {
  const site = (id: string) => w.sites.find((s) => s.id === id)?.name ?? '';
  const period = (code: string) => w.periods.find((p) => p.code === code)?.label ?? code;
  const problems = [
    ...w.gaps.map((g) => ({ key: `g-${JSON.stringify(g)}`, text: rotaGapText(g, period, site), exceptionId: g.kind === 'uncovered_absence' ? g.exceptionId : null })),
    ...w.doubleBookings.map((d) => ({ key: `d-${d.staff.id}-${d.date}-${d.periodCode}`, text: `${formatDate(d.date)}, ${period(d.periodCode)}: ${d.staff.displayName} is booked twice (${d.siteIds.map(site).join(', ')})`, exceptionId: null })),
    ...w.travel.map((t) => ({ key: `t-${t.staff.id}-${t.date}-${t.toPeriod}`, text: `${formatDate(t.date)}: ${t.staff.displayName} has ${t.gapMinutes} minutes to get from ${site(t.fromSiteId)} to ${site(t.toSiteId)}; the journey takes ${t.travelMinutes}`, exceptionId: null })),
  ];
  return (
    <Stack gap="md">
      <Card withBorder component="section" aria-labelledby="rota-problems">
        <Title order={2} size="h4" id="rota-problems">Gaps and conflicts {problems.length ? <Badge color="red" variant="light" c="#a11">{problems.length}</Badge> : null}</Title>
        {problems.length === 0 ? <Text size="sm">None this week.</Text> : (
          <List size="sm" spacing={4} mt="xs">
            {problems.map((p) => <List.Item key={p.key}><span className="break-anywhere">{p.text}</span>{p.exceptionId ? <> · <AnchorLink to="/rota/exceptions">Find cover</AnchorLink></> : null}</List.Item>)}
          </List>
        )}
      </Card>
      {w.staff.length === 0 ? <Alert color="blue" variant="light">Nobody is deployed at these sites this week.</Alert> : null}
      {w.dates.map((d) => <DayTable key={d.date} w={w} date={d.date} weekday={d.weekday} open={d.openSiteIds.length > 0} site={site} />)}
      {w.heatmap ? <Heatmap w={w} /> : null}
    </Stack>
  );
}

function DayTable({ w, date, weekday, open, site }: { w: TRotaWeek; date: string; weekday: number; open: boolean; site: (id: string) => string }) {
  const id = `rota-day-${date}`;
  return (
    <Card withBorder component="section" aria-labelledby={id} padding="sm">
      <Title order={2} size="h4" id={id}>{WEEKDAYS[weekday]} {formatDate(date)}</Title>
      {!open ? <Text size="sm">Not a school day at these sites.</Text> : (
        <ScrollArea type="auto" offsetScrollbars viewportProps={{ tabIndex: 0, 'aria-label': `${WEEKDAYS[weekday]} ${formatDate(date)}: the team by period` }}>
          <Table withTableBorder withColumnBorders striped fz="sm" miw={Math.max(420, 160 + 150 * w.periods.length)}>
            <Table.Thead>
              <Table.Tr><Table.Th scope="col">Member of staff</Table.Th>{w.periods.map((p) => <Table.Th scope="col" key={p.code}>{p.label}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {w.staff.map((s) => {
                const away = w.away.filter((a) => a.staffId === s.id && a.date === date);
                return (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row">{s.displayName}</Table.Th>
                    {w.periods.map((p) => {
                      const cells = w.cells.filter((c) => c.staffId === s.id && c.date === date && c.periodCode === p.code);
                      const isAway = away.some((a) => a.periodCode === null || a.periodCode === p.code);
                      const flagged = cells.some((c) => c.flagged);
                      return (
                        <Table.Td key={p.code} bg={flagged ? 'red.0' : isAway ? 'gray.1' : undefined} data-flagged={flagged || undefined}>
                          {isAway ? <Text size="xs" fs="italic">{away.find((a) => a.kind === 'training') ? 'Training' : 'Absent'}</Text> : null}
                          {cells.map((c, i) => (
                            <Text key={i} size="xs" c={flagged ? '#a11' : undefined} fw={flagged ? 600 : undefined} className="break-anywhere">
                              {site(c.siteId)}: {ROTA_MODE_LABELS[c.mode]}{c.pupil ? ` – ${c.pupil.displayName}` : ''}{c.teacher ? ` – with ${c.teacher.displayName}` : ''}{c.coversStaff ? ` (covering ${c.coversStaff.displayName})` : ''}
                            </Text>
                          ))}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Card>
  );
}

/** Incidents by weekday and period this academic year (from the behaviour analysis), darker where they cluster. */
function Heatmap({ w }: { w: TRotaWeek }) {
  const h = w.heatmap!;
  const max = Math.max(1, ...h.cells.map((c) => c.incidents ?? 0));
  const value = (weekday: number, code: string) => h.cells.find((c) => c.weekday === weekday && c.period === code);
  return (
    <Card withBorder component="section" aria-labelledby="rota-heatmap" padding="sm">
      <Title order={2} size="h4" id="rota-heatmap">Where incidents cluster</Title>
      <Text size="sm" c="dimmed">Incidents by weekday and period, {formatDate(h.from)} to {formatDate(h.to)}.</Text>
      <ScrollArea type="auto" offsetScrollbars viewportProps={{ tabIndex: 0, 'aria-label': 'Incidents by weekday and period' }}>
        <Table withTableBorder withColumnBorders fz="sm" miw={160 + 90 * w.periods.length}>
          <Table.Thead><Table.Tr><Table.Th scope="col">Day</Table.Th>{w.periods.map((p) => <Table.Th scope="col" key={p.code}>{p.label}</Table.Th>)}</Table.Tr></Table.Thead>
          <Table.Tbody>
            {[1, 2, 3, 4, 5].map((d) => (
              <Table.Tr key={d}>
                <Table.Th scope="row">{WEEKDAYS[d]}</Table.Th>
                {w.periods.map((p) => {
                  const v = value(d, p.code);
                  const n = v?.incidents ?? 0;
                  const strong = n / max > 0.85;
                  return <Table.Td key={p.code} style={{ background: `rgba(140, 40, 0, ${(n / max) * 0.85})`, color: strong ? '#fff' : undefined }}>{v && v.incidents === null ? 'fewer than 5' : n}</Table.Td>;
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Card>
  );
}
