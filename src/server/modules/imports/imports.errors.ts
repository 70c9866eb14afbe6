import { commonErrors, defineError } from '../../app/errors';

export const importErrors = {
  notFound: defineError('imports.not_found', 404, '找不到该导入任务', 'Import not found'),
  unitNotFound: commonErrors.unitNotFound,
  multipartRequired: defineError(
    'imports.multipart_required',
    415,
    '请以 multipart/form-data 上传文件',
    'Upload the file as multipart/form-data',
  ),
  fileMissing: defineError('imports.file_missing', 400, '请选择要导入的文件', 'Choose a file to import'),
  tooLarge: defineError(
    'imports.file_too_large',
    413,
    '文件太大，请拆分后分批导入',
    'The file is too large; split it and import the parts',
  ),
  tooManyRows: defineError(
    'imports.too_many_rows',
    413,
    '行数超过一次导入的上限，请拆分后分批导入',
    'More rows than one import may hold; split the file',
  ),
  unreadable: defineError(
    'imports.unreadable',
    422,
    '无法读取该文件：请上传 Excel（.xlsx）或 CSV 文件',
    'The file cannot be read: upload an Excel (.xlsx) or CSV file',
  ),
  oldExcel: defineError(
    'imports.old_excel_format',
    422,
    '不支持旧版 Excel（.xls），请在 Excel 中另存为 .xlsx 后上传',
    'Old Excel files (.xls) are not supported; save as .xlsx and upload again',
  ),
  empty: defineError(
    'imports.empty',
    422,
    '表格没有表头或没有数据行',
    'The sheet has no header row or no data',
  ),
  mappingInvalid: defineError(
    'imports.mapping_invalid',
    400,
    '列对应关系不完整或有误',
    'The column mapping is incomplete or wrong',
  ),
  notStartable: defineError(
    'imports.not_startable',
    409,
    '该导入已开始或已完成',
    'This import has already started or finished',
  ),
};
