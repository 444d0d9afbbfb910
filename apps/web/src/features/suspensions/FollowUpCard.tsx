/** Recording what follows: representations, the board's meeting and outcome, and the education from day 6. */
import { useState } from 'react';
import { BOARD_OUTCOME_LABELS, type TExclusion } from '@haven/contracts';
import { Button, Card, Checkbox, NativeSelect, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { useSuspensionAction } from './suspensions.api';
import { UkDateInput } from '../../components/UkDateInput';

export function FollowUpCard({ r }: { r: TExclusion }) {
  const board = useSuspensionAction(r.id);
  const ap = useSuspensionAction(r.id);
  const [reps, setReps] = useState(r.parentsMadeRepresentations);
  const [meeting, setMeeting] = useState(r.boardMeetingDate ?? '');
  const [outcome, setOutcome] = useState(r.boardOutcome ?? '');
  const [outcomeOn, setOutcomeOn] = useState(r.boardOutcomeOn ?? '');
  const [provider, setProvider] = useState(r.provisionProvider ?? '');
  const [from, setFrom] = useState(r.provisionFrom ?? r.provisionDueFrom ?? '');
  const f = (m: typeof board, field: string) => (isApiError(m.error) ? m.error.fieldMessage(field) : undefined);
  return (
    <SimpleGrid cols={{ base: 1, md: r.provisionDueFrom ? 2 : 1 }} spacing="md">
      <Card withBorder padding="md" component="section" aria-labelledby="record-board">
        <Title order={2} size="h4" id="record-board" mb="sm">Record the board's review</Title>
        <Stack gap="sm" component="form" onSubmit={(e) => { e.preventDefault(); board.mutate({ path: 'board', body: {
          parentsMadeRepresentations: reps, boardMeetingDate: meeting || null, boardOutcome: outcome || null, boardOutcomeOn: outcomeOn || null } }); }}>
          <Checkbox label="The parents have made representations" checked={reps} onChange={(e) => setReps(e.currentTarget.checked)} />
          <UkDateInput label="Board meeting date" value={meeting} onChange={(iso) => setMeeting(iso ?? '')} error={f(board, 'boardMeetingDate')} />
          <NativeSelect label="Outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} error={f(board, 'boardOutcome')}
            data={[{ value: '', label: 'Not decided yet' }, ...Object.entries(BOARD_OUTCOME_LABELS).map(([value, label]) => ({ value, label }))]} />
          <UkDateInput label="Date of the decision" value={outcomeOn} onChange={(iso) => setOutcomeOn(iso ?? '')} error={f(board, 'boardOutcomeOn')} />
          {board.isError && !isApiError(board.error) ? <ErrorAlert error={board.error} /> : null}
          <Button type="submit" variant="light" loading={board.isPending}>Save the board's review</Button>
        </Stack>
      </Card>
      {r.provisionDueFrom ? (
        <Card withBorder padding="md" component="section" aria-labelledby="record-ap">
          <Title order={2} size="h4" id="record-ap" mb="sm">Education from the sixth school day</Title>
          <Stack gap="sm" component="form" onSubmit={(e) => { e.preventDefault(); ap.mutate({ path: 'provision', body: { provider, from } }); }}>
            <TextInput label="Provider" required value={provider} onChange={(e) => setProvider(e.currentTarget.value)} error={f(ap, 'provider')} />
            <UkDateInput label="From" required value={from} onChange={(iso) => setFrom(iso ?? '')} error={f(ap, 'from')} />
            {ap.isError && !isApiError(ap.error) ? <ErrorAlert error={ap.error} /> : null}
            <Button type="submit" variant="light" loading={ap.isPending}>Save the provision</Button>
          </Stack>
        </Card>
      ) : null}
    </SimpleGrid>
  );
}
