/** Mantine stylesheets only the chronology uses, and its own (including the print layout). */
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/CheckboxIndicator.css';
import './chronology.css';
