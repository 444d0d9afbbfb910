/** Mantine stylesheets the first-run page needs beyond the app-wide set (src/mantine-styles.ts), loaded with its chunk. */
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/CheckboxIndicator.css';
