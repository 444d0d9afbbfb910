/** Mantine stylesheets only the quick log uses (the shell's list in mantine-styles.ts stays small). */
import '@mantine/core/styles/SegmentedControl.css';
import './quicklog.css';
