/**
 * Styles for the Mantine components only the incident pages use, loaded with their chunk rather than in the
 * first bundle (see mantine-styles.ts).
 */
import '@mantine/core/styles/Chip.css';
import './incidents.css';
