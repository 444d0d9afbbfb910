/**
 * STF-2 on the form: as a member of staff and their holds are chosen, Haven checks their certificate on the day of
 * the intervention and says so beside them — no certificate, expired, in its grace period, or not covering the hold.
 * It never blocks the record: the record is made, and the reviewer sees the same flags.
 */
import { Alert, List } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { CERTIFICATE_PROBLEM_LABELS, type TCertificateCheck } from '@haven/contracts';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { londonToIso } from './time';

export function CertificateWarning({ siteId, staffId, staffName, techniqueCodes, date, techniqueLabel }: {
  siteId: string; staffId: string; staffName: string; techniqueCodes: string[]; date: string; techniqueLabel: (code: string) => string;
}) {
  const on = londonToIso(date, '12:00')?.slice(0, 10);
  const codes = [...techniqueCodes].sort();
  const check = useQuery({
    queryKey: ['certificate-check', siteId, staffId, codes.join(','), on ?? ''],
    queryFn: ({ signal }) => api.get<TCertificateCheck>('/certificate-check', { siteId, staffId, techniques: codes.join(','), ...(on ? { on } : {}) }, signal),
    enabled: Boolean(siteId && staffId && codes.length),
    staleTime: 60_000,
    retry: false,
  });
  const problems = (check.data?.items ?? []).filter((i) => i.problem);
  if (!problems.length) return null;
  return (
    <Alert color="yellow" variant="light" title={`Check the certificate of ${staffName}`} mt="xs" role="status">
      <List size="sm" spacing={2}>
        {problems.map((p) => (
          <List.Item key={p.techniqueCode}>
            {techniqueLabel(p.techniqueCode)}: {CERTIFICATE_PROBLEM_LABELS[p.problem!]}{p.expiredOn ? ` (ran out on ${formatDate(p.expiredOn)})` : ''}
          </List.Item>
        ))}
      </List>
      You can still save the record; it will be flagged for the reviewer.
    </Alert>
  );
}
