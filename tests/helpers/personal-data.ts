/**
 * Every personal value the tests use, all invented. After the suite, the database files and
 * the logs are searched for each of them: none may appear in plaintext.
 */
export const PAGE_1 = '1000000000000001';
export const PAGE_2 = '1000000000000002';

/** PSIDs on the first Page: 70000000000000NN. */
export const psid1 = (n: number): string => `70000000000000${String(n).padStart(2, '0')}`;
/** PSIDs on the second Page: 80000000000000NN. */
export const psid2 = (n: number): string => `80000000000000${String(n).padStart(2, '0')}`;

/** Matches any test PSID, wherever it may have leaked. */
export const PSID_PATTERN = /[78]0{12}\d{2}/;

export const TEST_NAMES = ['Ottilie', 'Brannigan', 'Wenceslas'];
export const TEST_EMAILS = ['ottilie.brannigan@example.test', 'wence.slas@example.test'];

export const TEST_MESSAGE_TEXTS = ['Grüße aus Köln', 'my secret plan'];
