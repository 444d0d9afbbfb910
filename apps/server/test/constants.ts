/** The demo trust used by tests is generated for a fixed day, so tests do not depend on the calendar date. */
export const TEST_TODAY = new Date('2026-11-18T10:00:00Z');
