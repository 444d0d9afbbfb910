/**
 * The physical intervention record's chunk (PiCard, its follow-up and injuries parts, the body map). The incident form
 * starts loading it once its first screen has painted (IncidentForm.tsx), so it is there, offline too, by the time
 * someone turns the switch on, without being part of what the form's first paint waits for.
 */
export const loadPiCard = () => import('./PiCard');
