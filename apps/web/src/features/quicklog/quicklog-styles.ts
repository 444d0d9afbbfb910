/** The quick log's own styles (its Mantine components' are all in the shell's set, mantine-styles.ts). */
import './quicklog.css';
