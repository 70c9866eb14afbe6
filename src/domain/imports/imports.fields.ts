/**
 * CUS-5 imports: the fields each kind of sheet can fill, with the headers they are recognised by
 * (Chinese and English, as people name their columns), and the suggested column mapping.
 */
import { ORDER_IMPORT_COLUMNS, type ImportColumnKey } from '../orders';

export const IMPORT_KINDS = ['customers', 'assets', 'orders'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportField {
  key: string;
  zh: string;
  en: string;
  required: boolean;
  /** Header texts that mean this field, compared after folding case, spaces and punctuation. */
  synonyms: readonly string[];
}

const ORDER_SYNONYMS: Record<ImportColumnKey, string[]> = {
  orderNo: ['单号', '订单编号', '销售单号', '订单号码', 'order no', 'order id'],
  orderedAt: ['下单日期', '订单时间', '销售时间', '销售日期', 'order date', 'ordered'],
  paidAt: ['付款日期', '支付时间', 'paid time'],
  deliveredAt: ['送货日期', '发货时间', '配送时间', 'delivered'],
  pickedUpAt: ['提货日期', '自提时间', 'picked up'],
  customerName: ['姓名', '客户', '客户名称', '买家', '收货人', 'customer', 'name'],
  customerPhone: ['手机号', '客户手机号', '电话', '手机', '联系电话', '手机号码', 'phone', 'mobile'],
  channel: ['销售渠道', '购买渠道'],
  fulfilment: ['配送方式', '送货方式', '提货方式', 'delivery'],
  product: ['商品名称', '产品', '产品名称', '品名', 'product name', 'item'],
  model: ['规格型号', '规格'],
  quantity: ['件数', 'qty'],
  price: ['售价', '单价', '价格', '标价', 'price'],
  paid: ['实付', '实付金额', '实收', '实收金额', 'paid amount'],
  custom: ['是否定制'],
  clearance: ['是否处理品'],
  specialOffer: ['特价品', '是否特卖品'],
  packaging: ['包装状态'],
};

const f = (key: string, zh: string, en: string, required: boolean, synonyms: string[]): ImportField => ({
  key,
  zh,
  en,
  required,
  synonyms: [zh, en, ...synonyms],
});

export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  customers: [
    f('name', '姓名', 'Name', true, [
      '客户姓名',
      '客户名称',
      '名称',
      '业主姓名',
      '联系人',
      'customer',
      'customer name',
      'full name',
    ]),
    f('phone', '手机号', 'Phone', true, [
      '电话',
      '手机',
      '联系电话',
      '手机号码',
      '电话号码',
      '移动电话',
      'mobile',
      'phone number',
      'tel',
      'telephone',
    ]),
    f('phone2', '备用电话', 'Second phone', false, [
      '其他电话',
      '座机',
      '固定电话',
      '电话2',
      'other phone',
      'landline',
      'phone 2',
    ]),
    f('address', '地址', 'Address', false, ['住址', '联系地址', '家庭住址', '收货地址', '通讯地址']),
    f('identityNumber', '证件号', 'ID number', false, [
      '身份证',
      '身份证号',
      '身份证号码',
      '证件号码',
      'id',
      'id card',
    ]),
    f('birthday', '生日', 'Birthday', false, ['出生日期', '出生年月', 'date of birth', 'birth date']),
    f('source', '来源', 'Source', false, ['客户来源', '渠道', 'channel']),
    f('note', '备注', 'Note', false, ['说明', 'remark', 'remarks', 'comment']),
  ],
  assets: [
    f('phone', '客户手机号', 'Customer phone', true, [
      '手机号',
      '电话',
      '手机',
      '联系电话',
      '手机号码',
      'phone',
      'mobile',
    ]),
    f('kind', '资产类型', 'Asset type', true, ['类型', '类别', 'type', 'kind']),
    f('name', '资产名称', 'Asset name', true, [
      '名称',
      '产品',
      '产品名称',
      '商品名称',
      '车型',
      '楼盘',
      'product',
      'name',
    ]),
    f('model', '型号', 'Model', false, ['规格型号', '规格']),
    f('number', '编号', 'Number', false, [
      '序列号',
      '机身号',
      '车牌',
      '车牌号',
      '房号',
      '房间号',
      'serial',
      'serial number',
      'plate',
      'room',
    ]),
    f('purchaseDate', '购买日期', 'Purchase date', false, [
      '购买时间',
      '购车日期',
      '交房日期',
      'purchased',
      'purchase date',
    ]),
    f('warrantyEnd', '保修截止', 'Warranty end', false, [
      '保修期至',
      '保修到期',
      '保修截止日期',
      'warranty',
      'warranty until',
    ]),
    f('note', '备注', 'Note', false, ['说明', 'remark', 'remarks']),
  ],
  // One row per order line; the rows of one order (same order number) come one after another. The
  // fields are the counter's order template's, so a filled template maps by itself.
  orders: ORDER_IMPORT_COLUMNS.map((c) => f(c.key, c.zh, c.en, c.required, ORDER_SYNONYMS[c.key])),
};

/** A column mapping: field key → the 0-based column it is read from (absent: not imported). */
export type ImportMapping = Record<string, number>;

function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-:：()（）*＊/]/g, '');
}

/**
 * The mapping suggested for a sheet's header row: a remembered mapping first (by header text, so a
 * reordered sheet still maps), then the synonyms; a column serves one field at most.
 */
export function suggestMapping(
  kind: ImportKind,
  headers: readonly string[],
  remembered?: Record<string, string> | null,
): ImportMapping {
  const folded = headers.map((h) => fold(h));
  const used = new Set<number>();
  const mapping: ImportMapping = {};
  const take = (key: string, index: number) => {
    if (index < 0 || used.has(index) || mapping[key] !== undefined) return;
    mapping[key] = index;
    used.add(index);
  };
  for (const field of IMPORT_FIELDS[kind]) {
    const header = remembered?.[field.key];
    if (header !== undefined) take(field.key, folded.indexOf(fold(header)));
  }
  for (const field of IMPORT_FIELDS[kind]) {
    for (const synonym of field.synonyms) take(field.key, folded.indexOf(fold(synonym)));
  }
  return mapping;
}

/** What is remembered of a mapping: field key → header text (columns move between files, names rarely). */
export function rememberedMapping(
  mapping: ImportMapping,
  headers: readonly string[],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(mapping)
      .filter(([, index]) => headers[index] !== undefined && headers[index] !== '')
      .map(([key, index]) => [key, headers[index]!]),
  );
}

/** A mapping's problems: unknown fields, columns outside the sheet, one column twice, a required field missing. */
export function mappingProblems(kind: ImportKind, mapping: ImportMapping, width: number): string[] {
  const problems: string[] = [];
  const fields = IMPORT_FIELDS[kind];
  const seen = new Map<number, string>();
  for (const [key, index] of Object.entries(mapping)) {
    const field = fields.find((x) => x.key === key);
    if (!field) {
      problems.push(`未知的字段 ${key} / Unknown field ${key}`);
      continue;
    }
    if (!Number.isInteger(index) || index < 0 || index >= width)
      problems.push(`“${field.zh}”对应的列不在表中 / The column for ${field.en} is not in the sheet`);
    const other = seen.get(index);
    if (other !== undefined)
      problems.push(`同一列不能同时导入为“${other}”和“${field.zh}” / One column cannot fill two fields`);
    seen.set(index, field.zh);
  }
  for (const field of fields)
    if (field.required && mapping[field.key] === undefined)
      problems.push(`必须指定“${field.zh}”对应的列 / Choose the column for ${field.en}`);
  return problems;
}
