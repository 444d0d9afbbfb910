/** Mantine styles for the invitation pages and forms (not in the shell's first-load set, mantine-styles.ts). */
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/Radio.css';
