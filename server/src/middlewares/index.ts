import redactBodyErrors from './redact-body-errors';

export default { 'redact-body-errors': redactBodyErrors };
