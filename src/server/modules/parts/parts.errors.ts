import { commonErrors, defineError } from '../../app/errors';

export const partsErrors = {
  unitNotFound: commonErrors.unitNotFound,
  partNotFound: defineError('parts.not_found', 404, '找不到该备件', 'Part not found'),
  locationNotFound: defineError('parts.location_not_found', 404, '找不到该库位', 'Stock location not found'),
  workOrderNotFound: defineError('parts.work_order_not_found', 404, '找不到该派工单', 'Work order not found'),
  oldPartNotFound: defineError(
    'parts.old_part_not_found',
    404,
    '找不到该旧件记录',
    'Old-part record not found',
  ),
  codeTaken: defineError(
    'parts.code_taken',
    409,
    '本单位已有相同编码的备件',
    'This unit already has a part with this code',
  ),
  locationNameTaken: defineError(
    'parts.location_name_taken',
    409,
    '本单位已有同名库位，或该技术员已有车载库',
    'This unit already has a location of that name, or the technician already has a van',
  ),
  vanNeedsTechnician: defineError(
    'parts.van_needs_technician',
    400,
    '车载库要指定技术员；仓库不能指定技术员',
    'A van belongs to one technician; a warehouse to none',
  ),
  technicianNotInUnit: defineError(
    'parts.technician_not_in_unit',
    409,
    '该人员不是本单位的技术员',
    'That person is not a technician of this unit',
  ),
  insufficientStock: defineError(
    'parts.insufficient_stock',
    409,
    '库存不足，不能出库；库存不会变成负数',
    'Not enough stock at the source; stock never goes below zero',
  ),
  badMovement: defineError(
    'parts.bad_movement',
    400,
    '出入库的来源、去向、派工单或原因与该类型不符',
    'The source, destination, work order or reason does not fit this kind of movement',
  ),
  partNotAtLocation: defineError(
    'parts.part_not_in_catalogue',
    409,
    '该备件不在此库位所属单位的备件目录中',
    'The part is not in the catalogue of the location’s unit',
  ),
  unitsDiffer: defineError(
    'parts.locations_in_different_units',
    409,
    '调拨只能在同一单位的库位之间进行',
    'Both locations of a movement must belong to the same unit',
  ),
  inactive: defineError(
    'parts.inactive',
    409,
    '该备件或库位已停用',
    'The part or location is no longer in use',
  ),
  workOrderClosed: defineError(
    'parts.work_order_closed',
    409,
    '派工单已归档或已取消，不能再领料或登记用料',
    'The work order is closed or cancelled; no more parts can be moved for it',
  ),
  quoteNotApproved: defineError(
    'parts.quote_not_approved',
    409,
    '收费服务的报价尚未经批准，不能领料（PAY-3）',
    'The charged-service quote is not approved yet; parts cannot be requisitioned (PAY-3)',
  ),
  noTechnician: defineError(
    'parts.work_order_without_technician',
    409,
    '派工单尚未指派技术员，无法领料到车载库',
    'The work order has no technician yet, so there is no van to requisition to',
  ),
  vanMissing: defineError(
    'parts.van_missing',
    409,
    '该技术员在此单位还没有车载库，请先新建',
    'The technician has no van in this unit yet; create it first',
  ),
  notYourVan: defineError(
    'parts.not_your_van',
    403,
    '只有车载库所属的技术员（或有备件管理权限的人）可以从该车载库出库',
    'Only the van’s technician (or someone who manages parts) may take stock out of a van',
  ),
  alreadyReceived: defineError(
    'parts.old_part_already_received',
    409,
    '该旧件已入库',
    'This old part was already received at the warehouse',
  ),
};
