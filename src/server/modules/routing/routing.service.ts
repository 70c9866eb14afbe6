/** The routing module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export {
  departmentForRectification,
  departmentServes,
  findSalesChannel,
  findTeam,
  inLine,
  isTrainee,
  salesChannelNames,
  teamNames,
  teamsOfUser,
  TRAINEE_ROLE,
} from './routing.repository';
