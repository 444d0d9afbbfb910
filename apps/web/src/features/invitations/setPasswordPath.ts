/** The set-password page's address (the link in an invitation email), apart from the page so the first bundle need not load the page. */
export const SET_PASSWORD_PATH = '/set-password';
