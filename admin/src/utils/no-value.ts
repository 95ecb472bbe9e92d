/** What a cell or fact shows when there is nothing to show: never, not yet, not given. */
export const NO_VALUE = '—';
