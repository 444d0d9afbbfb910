/** The chronology's own styles, including the print layout. */
import './chronology.css';
