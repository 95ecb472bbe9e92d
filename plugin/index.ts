/**
 * The contract both sides of the plugin share: identity, content-type UIDs, permission actions
 * and the wire types of every admin route. Server and admin code import from here, never from
 * each other.
 */
export * from './contracts/broadcasts';
export * from './contracts/common';
export * from './contracts/subscribers';
export * from './identity';
export * from './permissions';
export * from './validation';
