/**
 * Styles for the Mantine components only the incident pages use, loaded with their chunk rather than in the
 * first bundle (see mantine-styles.ts).
 */
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/Chip.css';
import '@mantine/core/styles/CheckboxIndicator.css';
import '@mantine/core/styles/Timeline.css';
import './incidents.css';
