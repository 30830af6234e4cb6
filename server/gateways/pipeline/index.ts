/** The shared gateway call pipeline: see README.md. */
export { commit, requestOf, STAGES, type CallOptions, type Post, type Stage } from './call';
export { badNotification, classify, invalidRequest, mismatch, StageFailure, untrustedNotification, unreadable, type Fact } from './failures';
export type { Authenticity, Envelope, Operation, Protocol, Wire } from './stages';
