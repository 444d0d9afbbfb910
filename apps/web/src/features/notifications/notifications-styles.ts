/** Mantine stylesheets the notification and task pages use. */
import '@mantine/core/styles/SegmentedControl.css';
