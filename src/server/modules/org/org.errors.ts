import { commonErrors, defineError } from '../../app/errors';

export const orgErrors = {
  unitNotFound: commonErrors.unitNotFound,
  userNotFound: defineError('org.user_not_found', 404, '找不到该用户', 'User not found'),
  roleNotFound: defineError('org.role_not_found', 404, '找不到该角色', 'Role not found'),
  requestNotFound: defineError(
    'org.account_request_not_found',
    404,
    '找不到该开户申请',
    'Account request not found',
  ),
  unitPlacement: defineError(
    'org.unit_placement_invalid',
    400,
    '该类型的单元不能放在这里（总部 → 区域 → 门店 → 部门）',
    'A unit of this kind cannot be placed here (headquarters → region → store → department)',
  ),
  duplicateUnitName: defineError(
    'org.unit_name_taken',
    409,
    '同一上级下已有同名单元',
    'A sibling unit already has this name',
  ),
  duplicateUnitCode: defineError(
    'org.unit_code_taken',
    409,
    '单元编码已被使用',
    'This unit code is already used',
  ),
  unitHasActiveChildren: defineError(
    'org.unit_has_active_children',
    409,
    '请先停用其下属单元',
    'Deactivate the units below it first',
  ),
  usernameTaken: defineError('org.username_taken', 409, '该用户名已被使用', 'This username is already taken'),
  duplicateRoleCode: defineError(
    'org.role_code_taken',
    409,
    '角色编码已存在',
    'This role code already exists',
  ),
  unknownPermission: defineError(
    'org.unknown_permission',
    400,
    '包含不存在的权限',
    'Unknown permission code',
  ),
  rolesNeedHeadOffice: defineError(
    'org.roles_company_wide',
    403,
    '角色是全公司通用的，只有在总部持有“角色管理”权限的人才能新建或修改',
    'Roles apply to the whole company: only someone who manages roles at the head office may create or change them',
  ),
  roleTooPowerful: defineError(
    'org.role_exceeds_own_rights',
    403,
    '不能授予超出自己权限的角色',
    'You cannot grant a role with rights you do not hold yourself in that unit',
  ),
  cannotDisableSelf: defineError(
    'org.cannot_disable_self',
    409,
    '不能停用自己的账号',
    'You cannot disable your own account',
  ),
  reassignTargetInvalid: defineError(
    'org.reassign_target_invalid',
    400,
    '接手人必须是在职且在您管辖范围内的其他用户',
    'The person taking over must be another active user within your units',
  ),
  requestNotPending: defineError(
    'org.account_request_not_pending',
    409,
    '该申请已处理，不能再审批',
    'This request has already been decided',
  ),
  requestNotApproved: defineError(
    'org.account_request_not_approved',
    409,
    '申请尚未获总经理批准，不能开通账号',
    'The request has not been approved by the general manager yet',
  ),
  lastAdministrator: defineError(
    'org.last_administrator',
    409,
    '这是最后一位系统管理员，不能停用或移除其管理员角色',
    'This is the last active administrator; it cannot be disabled or lose the role',
  ),
};
