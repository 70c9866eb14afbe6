/** The sla module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export {
  endTargets,
  type NewSlaTarget,
  pauseTargets,
  planTargets,
  recomputeTargets,
  registerSlaNotices,
  registerSlaSubject,
  type SlaNoticesOf,
  type SlaSubjectLabel,
  type SubjectLabelsOf,
  restartTargets,
  resumeTargets,
  type SlaTargetRow,
  startPendingTargets,
  startTargetRun,
  startTargets,
  stopTarget,
  targetsOf,
} from './sla.engine';
export { type CountsIn, countsInOfTargets } from './sla.presenter';
export { countsInSchema } from './sla.schemas';
export { dueTargetsQuery, scanSlaTargets } from './sla.scan';
export { insertTargetsStatement, targetsFromJson } from './sla.repository';
