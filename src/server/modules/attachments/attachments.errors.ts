import { defineError } from '../../app/errors';

export const attachmentErrors = {
  notFound: defineError('attachments.not_found', 404, '找不到该附件', 'Attachment not found'),
  unknownSubjectType: defineError(
    'attachments.unknown_subject_type',
    400,
    '不支持给这类记录添加附件',
    'Attachments cannot be added to this kind of record',
  ),
  writeForbidden: defineError(
    'attachments.write_forbidden',
    403,
    '您没有权限修改这条记录的附件',
    'You may not change the attachments of this record',
  ),
  tooLarge: defineError(
    'attachments.too_large',
    413,
    '文件太大，超过了允许的上限',
    'The file is larger than allowed',
  ),
  typeNotAllowed: defineError(
    'attachments.type_not_allowed',
    415,
    '不支持这种文件格式（按文件内容识别，改扩展名无效）',
    'This type of file is not accepted (recognised by its content, not its name)',
  ),
  emptyFile: defineError('attachments.empty_file', 400, '文件是空的', 'The file is empty'),
  fileMissing: defineError('attachments.file_missing', 400, '请选择要上传的文件', 'Choose a file to upload'),
  oneFileOnly: defineError(
    'attachments.one_file_only',
    400,
    '一次只能上传一个文件',
    'Upload one file at a time',
  ),
  multipartRequired: defineError(
    'attachments.multipart_required',
    415,
    '上传文件请使用 multipart/form-data',
    'Upload files as multipart/form-data',
  ),
  contentMissing: defineError(
    'attachments.content_missing',
    410,
    '附件内容已丢失，请联系管理员',
    'The stored file is missing; contact your administrator',
  ),
};
