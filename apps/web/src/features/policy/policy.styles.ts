/**
 * Mantine stylesheets this feature needs beyond the app-wide set (src/mantine-styles.ts). Imported by the page, so
 * they load with its chunk and the first load stays small.
 */
import '@mantine/core/styles/Tabs.css';
