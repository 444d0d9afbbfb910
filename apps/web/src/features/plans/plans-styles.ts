/** Mantine styles for the plan pages (not in the shell's first-load set, mantine-styles.ts). */
import '@mantine/core/styles/Accordion.css';
