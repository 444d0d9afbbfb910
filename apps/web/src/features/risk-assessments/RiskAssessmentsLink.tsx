/** The way in to a pupil's risk assessments, for the pupil's page and their behaviour support plan (staff who may read them). */
import { Text } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import { useCan } from '../../lib/usePolicy';

export function RiskAssessmentsLink({ pupilId, label = 'Risk assessments' }: { pupilId: string; label?: string }) {
  if (!useCan('risk_assessment.read')) return null;
  return <Text size="sm"><AnchorLink to="/pupils/$pupilId/risk-assessments" params={{ pupilId }}>{label}</AnchorLink></Text>;
}
