import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// Excel/CSV import of customers, assets and orders (CUS-5). [中文, English].
const strings: PairTree = {
  title: ['批量导入', 'Import from Excel'],
  open: ['导入', 'Import'],
  back: ['返回客户档案', 'Back to customers'],
  kind: {
    label: ['导入内容', 'What to import'],
    customers: ['客户', 'Customers'],
    assets: ['资产（产品、车辆、房屋）', 'Assets (products, vehicles, houses)'],
    orders: ['订单', 'Orders'],
  },
  ordersHint: [
    '订单表每行一件商品：同一订单的各行订单号相同、上下相邻，下单时间、客户、渠道等各行一致。某一行有问题时整单不导入；本门店已有的订单号会跳过，不会重复导入。客户按手机号匹配档案，档案中没有的按姓名和手机号新建客户。',
    'One row per item: the rows of one order share its number, sit together and repeat the same time, customer and channel. A problem on one row keeps the whole order out; order numbers the store already has are skipped, never imported twice. Buyers are matched to the archive by phone; a new phone with a name becomes a new customer.',
  ],
  unit: ['导入到', 'Import into'],
  steps: {
    upload: ['上传文件', 'Upload'],
    mapping: ['对应列', 'Map columns'],
    preview: ['预览与校验', 'Preview'],
    run: ['导入', 'Import'],
    result: ['完成', 'Result'],
  },
  drop: ['点击或把文件拖到这里上传', 'Click or drop a file here'],
  dropHint: [
    '支持 Excel（.xlsx）和 CSV 文件，第一行为表头；同一文件再次上传会回到原来的导入任务',
    'Excel (.xlsx) or CSV, headers in the first row; the same file uploaded again opens its import',
  ],
  repeated: ['该文件已上传过，已打开原来的导入任务', 'This file was uploaded before; its import is shown'],
  fileInfo: ['文件：{{name}}，共 {{rows}} 行数据', 'File: {{name}}, {{rows}} data rows'],
  mapping: {
    hint: [
      '已按上次的对应关系和表头预先选好，请核对；带 * 的为必填字段',
      'Preselected from the last mapping and the headers; check it. Fields marked * are required',
    ],
    field: ['系统字段', 'Field'],
    column: ['表格中的列', 'Column in the sheet'],
    none: ['不导入', 'Not imported'],
    columnOption: ['第 {{n}} 列：{{header}}', 'Column {{n}}: {{header}}'],
    preview: ['预览', 'Preview'],
  },
  preview: {
    hint: [
      '以下为前 {{n}} 行；标红的行有问题，导入时会被跳过，其余行照常导入',
      'The first {{n}} rows; rows in red have problems and will be skipped, the others are imported',
    ],
    row: ['行号', 'Row'],
    problems: ['问题', 'Problems'],
    ok: ['无问题', 'OK'],
    withProblems: ['前 {{n}} 行中有 {{bad}} 行有问题', '{{bad}} of the first {{n}} rows have problems'],
    start: ['导入有效行', 'Import the valid rows'],
    backToMapping: ['修改对应关系', 'Change the mapping'],
  },
  report: ['下载问题报告', 'Download the problems report'],
  reportFile: ['导入问题报告', 'Import problems report'],
  status: {
    uploaded: ['待导入', 'Not started'],
    queued: ['排队中', 'Queued'],
    running: ['导入中', 'Importing'],
    done: ['已完成', 'Done'],
    failed: ['失败', 'Failed'],
  },
  progress: ['已处理 {{done}} / {{total}} 行', '{{done}} of {{total}} rows processed'],
  running: [
    '正在导入，可以离开本页，回来时会继续显示进度',
    'Importing; you may leave this page, the progress is shown when you come back',
  ],
  failed: [
    '导入中断：{{error}}。已提交的行不会重复导入，可从中断处继续',
    'The import stopped: {{error}}. Rows already written are not written again; it can resume',
  ],
  resume: ['从中断处继续', 'Resume'],
  result: {
    title: ['导入完成', 'Import finished'],
    imported: ['已导入', 'Imported'],
    skipped: ['重复跳过', 'Skipped as duplicates'],
    invalid: ['有问题未导入', 'Not imported (problems)'],
    total: ['数据行', 'Data rows'],
    again: ['再导入一个文件', 'Import another file'],
    toList: ['查看客户档案', 'Open the customer list'],
    toOrders: ['查看订单', 'Open the orders'],
  },
  recent: {
    title: ['最近的导入', 'Recent imports'],
    unfinished: [
      '有导入任务尚未完成：{{name}}（{{status}}）',
      'An import is not finished: {{name}} ({{status}})',
    ],
    open: ['查看', 'Open'],
    file: ['文件', 'File'],
    kind: ['内容', 'Kind'],
    status: ['状态', 'Status'],
    at: ['上传时间', 'Uploaded'],
    rows: ['行数', 'Rows'],
  },
};

export const importsI18n: ModuleBundle = {
  namespace: 'imports',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
