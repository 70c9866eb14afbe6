import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// Caller identification and the call stream (来电弹屏). Each string is written once as [中文, English].
const strings: PairTree = {
  takeCall: ['受理', 'Take in'],
  simulate: ['模拟来电', 'Simulate call'],
  simulateHint: [
    '没有接入电话系统的门店，可以用它来演示或测试来电弹屏：来电会弹到您自己的屏幕上。',
    'For stores without a telephony integration: the call rings on your own screen.',
  ],
  callerNumber: ['来电号码', 'Caller number'],
  callerNumberRequired: ['请输入来电号码', 'Enter the caller number'],
  line: ['呼入线路（选填）', 'Line (optional)'],
  linePlaceholder: ['如 400-820-1234', 'e.g. 400-820-1234'],
  ring: ['呼入', 'Ring'],
  settings: ['来电设置', 'Call settings'],
  myExtension: ['我的分机', 'My extension'],
  extension: ['分机号', 'Extension'],
  extensionHint: [
    '电话系统按分机号把来电弹到您的屏幕上；留空表示不再接收分机来电。',
    'The telephony system pops calls on your screen by extension; leave empty to stop.',
  ],
  extensionPattern: ['分机号只能填数字、* 或 #', 'Digits, * or # only'],
  extensionSaved: ['分机号已设为 {{extension}}', 'Extension set to {{extension}}'],
  extensionCleared: ['已清除分机号', 'Extension cleared'],
  stream: {
    open: ['来电弹屏已连接', 'Caller pop-up connected'],
    connecting: ['来电弹屏正在连接…', 'Caller pop-up connecting…'],
    offline: ['来电弹屏已断开，请刷新页面', 'Caller pop-up disconnected; reload the page'],
  },
  incoming: ['来电', 'Incoming call'],
  lineValue: ['线路 {{line}}', 'Line {{line}}'],
  unknownCaller: [
    '陌生来电 {{number}}：没有找到客户档案，可以边接听边建档',
    'Unknown caller {{number}}: no customer record; create one while you talk',
  ],
  numberInvalid: [
    '这个号码无法识别，保存前请和客户核对',
    'This number is not recognised; check it with the caller before saving',
  ],
  saveNewCustomer: ['保存为新客户', 'Save as new customer'],
  otherMatches: ['这个号码还登记在以下客户名下：', 'This number is also on these customers:'],
  openRecord: ['查看档案', 'Open record'],
  answer: ['接听', 'Answer'],
  reject: ['拒接', 'Decline'],
  hangUp: ['挂断', 'Hang up'],
  callLogged: ['通话已记入来电来访记录', 'Call written to the contact log'],
};

export const telephonyI18n: ModuleBundle = {
  namespace: 'telephony',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
