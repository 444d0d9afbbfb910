/**
 * Mantine stylesheets the analytics page needs beyond the app-wide set (src/mantine-styles.ts): imported by the page,
 * so they load with its chunk and the first load stays small.
 */
import '@mantine/core/styles/Tabs.css';
