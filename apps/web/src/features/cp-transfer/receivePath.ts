/** The one-time link page's address, apart from the page so the first bundle need not load it. */
export const CP_RECEIVE_PATH = '/cp-transfer/receive';
