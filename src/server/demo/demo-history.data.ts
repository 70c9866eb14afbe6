/**
 * Word lists and a seeded random source for the demo history (demo-history.ts): Chinese names,
 * streets, products and what customers of a home-appliance chain call about. Pure data.
 */
import type { TicketTypeCode } from '../../domain/tickets';

/** mulberry32: a small seeded PRNG, so the same seed writes the same history. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
];
export const GIVEN_NAMES = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '文',
  '华',
  '红',
  '玉兰',
  '志强',
  '海燕',
  '晓东',
  '丹',
  '宇',
  '婷',
];

/** Per demo store: its city and districts, areas its technicians cover, and streets. */
export const STORE_PLACES: Record<string, { city: string; areas: [area: string, streets: string[]][] }> = {
  'SH-XH': {
    city: '上海市',
    areas: [
      ['徐汇', ['漕溪北路', '天钥桥路', '龙华中路', '肇嘉浜路', '宜山路', '田林路']],
      ['闵行', ['沁春路', '漕宝路', '莘松路', '七莘路', '都市路']],
    ],
  },
  'HZ-XH': {
    city: '杭州市',
    areas: [['西湖', ['文三路', '教工路', '古墩路', '天目山路', '紫荆花路', '文一西路']]],
  },
  'GZ-TH': {
    city: '广州市',
    areas: [['天河', ['天河路', '体育东路', '黄埔大道西', '中山大道西', '珠江新城华夏路', '林和西路']]],
  },
  'SZ-NS': {
    city: '深圳市',
    areas: [['南山', ['科技园南路', '南海大道', '后海大道', '桃园路', '学府路', '深南大道']]],
  },
};
export const DISTRICT_SUFFIX: Record<string, string> = {
  徐汇: '徐汇区',
  闵行: '闵行区',
  西湖: '西湖区',
  天河: '天河区',
  南山: '南山区',
};

/** Products sold by the chain: name, models, the technician skill it needs. */
export const PRODUCTS: [name: string, models: string[], skill: string][] = [
  ['空调', ['KFR-35GW/BP3', 'KFR-26GW/N8', 'KFR-72LW/BP2', 'KFR-50LW/E1'], '空调'],
  ['燃气热水器', ['JSQ-20-ZC5', 'JSQ-16-Q3', 'JSQ-25-T7'], '热水器'],
  ['冰箱', ['BCD-505WKPZM', 'BCD-452WDPF', 'BCD-321WDVL'], '空调'],
  ['洗衣机', ['XQG100-B14526', 'XQG80-BD1216', 'TQG100-HB1426'], '安装'],
  ['吸油烟机', ['CXW-260-JQ06T', 'CXW-218-E900C'], '安装'],
];

/** What customers call about, by ticket type: subject and a line of description. */
export const CASES: Record<TicketTypeCode, [subject: string, description: string][]> = {
  consultation_direct: [
    ['咨询空调保修期', '客户询问去年购买的空调还在不在保修期内，已按购买日期答复。'],
    ['咨询门店营业时间', '客户询问周末门店营业时间，已答复每天 9:00–21:00。'],
    ['咨询以旧换新政策', '客户想了解冰箱以旧换新补贴，已说明补贴标准和所需材料。'],
    ['咨询热水器使用方法', '客户不会设置热水器恒温模式，电话中指导操作完成。'],
  ],
  consultation_indirect: [
    ['咨询安装费用明细', '客户要求提供空调安装辅材收费明细，需向安装部核实后回复。'],
    ['咨询发票开具进度', '客户三周前购买的洗衣机尚未收到电子发票，需财务核实。'],
    ['咨询延保服务', '客户询问冰箱能否购买延保，需确认厂家政策后答复。'],
  ],
  soft_complaint: [
    ['送货师傅迟到两小时', '约定上午 10 点送货，实际 12 点才到，也没有提前电话通知，客户很不满意。'],
    ['客服电话长时间无人接听', '客户连续三天拨打门店电话无人接听，对服务态度有意见。'],
    ['安装后现场未清理', '安装师傅打孔后粉尘未清理，客户家中地板弄脏。'],
    ['导购承诺的赠品未兑现', '购买时导购承诺赠送挂烫机，至今未收到。'],
  ],
  hard_complaint: [
    ['空调维修三次仍不制冷', '同一台空调一个月内报修三次，仍不制冷，客户要求换机并赔偿。'],
    ['热水器安装后漏气', '新装燃气热水器有明显燃气味，客户担心安全，情绪激动，要求退货。'],
    ['冰箱送货时外观损坏', '冰箱门体有明显凹痕，客户签收时未发现，要求更换新机。'],
  ],
  rectification: [
    ['安装打孔位置错误需整改', '空调外机孔位打在承重梁旁，物业要求整改，需工程部出方案。'],
    ['退款未到账需财务处理', '订单取消已两周，退款仍未到账，需财务部核查。'],
    ['促销价格与宣传不符需整改', '门店海报价格与实际结算价不一致，需营销部整改。'],
  ],
  repair: [
    ['空调不制冷', '客厅空调开机后只吹风不制冷，外机不转。'],
    ['空调漏水', '卧室空调内机滴水，墙面已有水渍。'],
    ['热水器点不着火', '燃气热水器打开水龙头后点火失败，显示 E1。'],
    ['洗衣机脱水异响', '洗衣机脱水时声音很大，机身晃动。'],
    ['冰箱冷藏室不冷', '冰箱冷藏室温度偏高，食物容易变质。'],
  ],
  installation: [
    ['新购空调预约安装', '新购挂机两台，需要预约上门安装。'],
    ['吸油烟机安装', '新房装修完毕，预约安装吸油烟机和燃气灶。'],
    ['洗衣机上门安装', '新购滚筒洗衣机，需要上门安装并拆除运输螺栓。'],
  ],
  return_exchange: [
    ['洗衣机七天无理由退货', '客户收货后觉得尺寸不合适，申请七天无理由退货。'],
    ['冰箱颜色发错申请换货', '订购的是银色，收到的是白色，要求换货。'],
  ],
  order_cancellation: [
    ['取消未发货订单', '客户家中装修延期，要求取消尚未发货的空调订单。'],
    ['重复下单申请取消一单', '客户在线上重复下单，要求取消其中一单并退款。'],
  ],
  praise: [
    ['表扬安装师傅细心', '客户来电表扬黄师傅安装细致，主动帮忙清理现场。'],
    ['表扬客服耐心解答', '客户表示客服专员解答耐心，问题一次就解决了。'],
  ],
  suggestion: [
    ['建议增加晚间上门时段', '客户白天上班，建议增加晚上 7 点后的上门服务时段。'],
    ['建议短信提醒师傅到达时间', '客户建议师傅出发时发短信告知预计到达时间。'],
  ],
  other: [
    ['物业询问安装资质', '小区物业来电询问安装师傅的高空作业证。'],
    ['客户要求补寄说明书', '客户说明书丢失，要求补寄一份纸质说明书。'],
  ],
};

export const REPLIES = {
  acknowledgement: [
    '您好，您反映的情况我们已经记录，会尽快安排专人处理，请保持电话畅通。',
    '非常抱歉给您带来不便，我们已将问题转交相关部门，今天内给您回复。',
  ],
  answer: [
    '您好，经核实问题已处理完毕，如还有其他问题欢迎随时联系我们。',
    '您好，已按您的要求处理，师傅已确认设备运行正常。感谢您的耐心等待。',
    '您好，相关费用已核实并退回原支付账户，预计 1–3 个工作日到账。',
  ],
  notes: [
    '客户白天不方便接电话，请下午 5 点后联系。',
    '已和门店店长沟通，同意优先处理。',
    '客户情绪较激动，回电时注意先道歉再说明处理方案。',
    '需核对购买记录，已向仓储部要出库单。',
  ],
};

export const DEPARTMENT_REPLY = {
  findings: [
    '经现场核实，安装时未按规范使用水平仪，导致外机支架倾斜。',
    '经核查，财务系统退款批次因银行账户信息错误被退回。',
    '经核查，门店海报未随促销调整及时更换。',
  ],
  rootCause: ['安装作业规范执行不到位', '退款流程缺少到账核对环节', '营销物料更新无人负责'],
  corrective: [
    '已安排师傅上门返工并向客户致歉',
    '已重新发起退款并电话告知客户',
    '已更换海报并按宣传价退还差价',
  ],
  preventive: [
    '安装部每周抽查 10% 的安装现场并留存照片',
    '财务部每日核对退款到账情况',
    '营销部指定专人负责物料更新',
  ],
};
