/** The 5 × 5 risk matrix, coloured by rating, with each hazard (H1…) marked where it sits before or after controls. */
import { Box, Text } from '@mantine/core';
import { RISK_LIKELIHOOD_LABELS, RISK_RATING_COLOURS, RISK_RATING_LABELS, RISK_SEVERITY_LABELS, riskMatrix, riskRating, riskScore } from '@haven/contracts';

export interface MatrixMark { label: string; likelihood: number; severity: number }

export function RiskMatrix({ marks, caption }: { marks: MatrixMark[]; caption: string }) {
  const at = (l: number, s: number) => marks.filter((m) => m.likelihood === l && m.severity === s).map((m) => m.label);
  const cell = { border: '1px solid #fff', padding: 4, textAlign: 'center' as const, fontSize: 12, minWidth: 40 };
  return (
    <Box style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', width: '100%', maxWidth: 520 }}>
        <caption style={{ textAlign: 'left', fontSize: 13, paddingBottom: 4 }}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" style={{ ...cell, textAlign: 'left' }}>Likelihood</th>
            {RISK_SEVERITY_LABELS.map((l, n) => <th key={l} scope="col" style={cell} title={l}>{n + 1}<Text span visibleFrom="sm" fz={11} display="block">{l}</Text></th>)}
          </tr>
        </thead>
        <tbody>
          {riskMatrix().map((row) => (
            <tr key={row.likelihood}>
              <th scope="row" style={{ ...cell, textAlign: 'left', fontWeight: 'normal' }}>{row.likelihood} {RISK_LIKELIHOOD_LABELS[row.likelihood - 1]}</th>
              {row.cells.map((c) => {
                const here = at(row.likelihood, c.severity);
                return (
                  <td key={c.severity} style={{ ...cell, background: RISK_RATING_COLOURS[c.rating], color: '#000', fontWeight: here.length ? 700 : 400 }}
                    aria-label={`Likelihood ${row.likelihood}, severity ${c.severity}: score ${c.score}, ${RISK_RATING_LABELS[c.rating]}${here.length ? `; ${here.join(', ')}` : ''}`}>
                    {here.length ? here.join(' ') : c.score}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <Text size="xs" c="dimmed" mt={4}>Severity along the top. Score = likelihood × severity: 1–4 low, 5–9 medium, 10–16 high, 20–25 very high.</Text>
    </Box>
  );
}

export function RatingBadge({ likelihood, severity }: { likelihood: number; severity: number }) {
  const score = riskScore(likelihood, severity);
  const rating = riskRating(likelihood, severity);
  return (
    <Text span fz="sm" fw={600} px={6} py={2} style={{ background: RISK_RATING_COLOURS[rating], color: '#000', borderRadius: 4, whiteSpace: 'nowrap' }}>
      {score} {RISK_RATING_LABELS[rating]}
    </Text>
  );
}
