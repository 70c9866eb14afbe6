import { commonErrors, defineError } from '../../app/errors';

export const knowledgeErrors = {
  notFound: defineError('knowledge.not_found', 404, '找不到该答客问', 'Answer not found'),
  unitNotFound: commonErrors.unitNotFound,
  pendingVersion: defineError(
    'knowledge.version_pending',
    409,
    '该答客问已有版本在审核中，请等待审核结果或撤回后再修改',
    'A version of this answer is awaiting approval; wait for the decision or withdraw it first',
  ),
  notSubmittable: defineError(
    'knowledge.not_submittable',
    409,
    '只有草稿或被退回的版本可以提交审核',
    'Only a draft or a sent-back version can be submitted for approval',
  ),
  caseNotFound: defineError('knowledge.case_not_found', 404, '找不到该案例', 'Case not found'),
  categoryNotFound: defineError(
    'knowledge.category_not_found',
    400,
    '案例分类不存在',
    'The case category does not exist',
  ),
  notOffered: defineError(
    'knowledge.not_offered',
    409,
    '该答客问当前不可用（未审核发布或已过有效期），不能用于直接答复',
    'This answer is not offered now (not approved or out of its validity) and cannot be used to answer directly',
  ),
  notConsultationAnswer: defineError(
    'knowledge.not_consultation_answer',
    422,
    '常见异议答复只用于回访话术，不能作为咨询的直接答复',
    'An objection answer serves care calls only; it cannot answer a consultation directly',
  ),
  answerAltered: defineError(
    'knowledge.answer_altered',
    422,
    '直接答复必须完整引用答客问的审定内容，可在前后加称呼或问候，但不能改动答复本身',
    'A direct answer must carry the approved text whole; a greeting may be added around it, the answer itself not changed',
  ),
  reviewNotFound: defineError(
    'knowledge.review_not_found',
    404,
    '找不到该设计评审清单',
    'Design-review checklist not found',
  ),
  reviewDepartmentInvalid: defineError(
    'knowledge.review_department_invalid',
    400,
    '签认部门必须是本公司的组织单元，且在该评审清单的部门之列',
    'The department must be a unit of the company and one of the checklist’s departments',
  ),
  reviewCaseNotListed: defineError(
    'knowledge.review_case_not_listed',
    400,
    '该案例不在本项目的评审清单中（分类不符或不属于本公司）',
    'The case is not on this project’s checklist (another category or another company)',
  ),
  reviewAlreadySigned: defineError(
    'knowledge.review_already_signed',
    409,
    '该部门已对这个案例签认过',
    'This department has already signed off this case',
  ),
  reviewDepartmentSigned: defineError(
    'knowledge.review_department_signed',
    409,
    '该部门已在本清单上签认过案例，不能移出签认部门；签认记录需保留',
    'This department has already signed off cases on this checklist; it cannot be removed, its sign-offs stay',
  ),
  reviewCategoryInUse: defineError(
    'knowledge.review_category_in_use',
    409,
    '该分类的案例已有签认，或已填写该分类的图纸原因分析，不能从清单中移除',
    'Cases of this category are signed off, or its cause analysis is filled in; it cannot be removed from the checklist',
  ),
};
