/** Mantine stylesheets the report pages use that the first bundle does not load. */
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/CheckboxIndicator.css';
