/** Mantine styles for the child-protection transfer pages (not in the shell's first-load set, mantine-styles.ts). */
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/CheckboxIndicator.css';
import '@mantine/core/styles/Radio.css';
