/** Mantine styles for the parent portal's pages (not in the shell's first-load set, mantine-styles.ts). */
import '@mantine/core/styles/Accordion.css';
