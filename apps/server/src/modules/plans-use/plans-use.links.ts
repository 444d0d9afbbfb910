/** Where the web app opens a plan or a risk assessment (their own modules' pages), at a version when one is named. */
export const planLink = (pupilId: string, planId: string, version?: number) =>
  `/pupils/${pupilId}/plans/${planId}${version === undefined ? '' : `?version=${version}`}`;
export const riskAssessmentLink = (pupilId: string, id: string, version?: number) =>
  `/pupils/${pupilId}/risk-assessments/${id}${version === undefined ? '' : `?version=${version}`}`;
