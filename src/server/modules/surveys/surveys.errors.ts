import { commonErrors, defineError } from '../../app/errors';

export const surveyErrors = {
  invitationNotFound: defineError(
    'surveys.invitation_not_found',
    404,
    '找不到这份满意度调查',
    'No such survey invitation',
  ),
  alreadyAnswered: defineError(
    'surveys.already_answered',
    409,
    '这份问卷已经提交过了，每份邀请只能填写一次，感谢您的反馈',
    'This survey has already been answered; each invitation takes one response',
  ),
  expired: defineError(
    'surveys.expired',
    410,
    '这份问卷已过有效期，不能再填写',
    'This survey invitation has expired',
  ),
  templateNotFound: defineError(
    'surveys.template_not_found',
    404,
    '找不到这个问卷模板',
    'No such survey template',
  ),
  answerMissing: defineError(
    'surveys.answer_missing',
    400,
    '还有必答题没有回答',
    'A required question has no answer',
  ),
  answerInvalid: defineError(
    'surveys.answer_invalid',
    400,
    '有一题的答案不在可选范围内',
    'An answer is outside the question’s allowed values',
  ),
  unknownQuestion: defineError(
    'surveys.unknown_question',
    400,
    '提交了问卷里没有的题目',
    'The answers name a question the survey does not have',
  ),
  templateInvalid: defineError(
    'surveys.template_invalid',
    400,
    '问卷题目设置不完整：至少一道题，题号不能重复，选择题至少两个选项',
    'Survey questions are incomplete: at least one question, unique ids, two options per choice question',
  ),
  unitNotFound: commonErrors.unitNotFound,
  subjectNotFound: defineError(
    'surveys.subject_not_found',
    404,
    '找不到要回访的工单',
    'No such ticket to survey',
  ),
  noContact: defineError(
    'surveys.no_contact',
    400,
    '客户没有可用的手机号或邮箱，无法发送问卷链接',
    'The customer has no phone or e-mail address to send the survey link to',
  ),
};
