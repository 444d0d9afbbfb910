/** Where the web app opens a plan or a risk assessment (their own modules' pages), at a version when one is named. */
export const planLink = (pupilId: string, planId: string, version?: number) =>
  `/pupils/${pupilId}/plans/${planId}${version === undefined ? '' : `?version=${version}`}`;
/** The risk assessments module lists a pupil's assessments (with their history) on one page. */
export const riskAssessmentLink = (pupilId: string, _id: string, _version?: number) => `/pupils/${pupilId}/risk-assessments`;
