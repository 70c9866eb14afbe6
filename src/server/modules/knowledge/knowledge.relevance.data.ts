/**
 * A labelled relevance set for the suggestions (KB-3): approved answers a home-appliance retailer
 * keeps, and what customers actually say on the phone — written from the demo data's ticket types
 * (src/server/demo/demo-history.data.ts CASES), in callers' words, not copied from the answers.
 * Each query names the answer(s) an agent should be offered.
 */
export const RELEVANCE_ARTICLES: Record<string, { question: string; answer: string }> = {
  ac_warranty: {
    question: '空调保修期多长？',
    answer: '空调整机保修六年，压缩机保修十年，凭购物发票或订单号计算，自购买之日起算。',
  },
  fridge_warranty: {
    question: '冰箱保修几年？',
    answer: '冰箱整机保修三年，压缩机保修十二年，保修期内非人为损坏免费维修。',
  },
  washer_warranty: {
    question: '洗衣机保修政策是什么？',
    answer: '洗衣机整机保修三年，电机保修十年。',
  },
  store_hours: {
    question: '门店营业时间是几点到几点？',
    answer: '门店每天 9:00–21:00 营业，周末和节假日照常营业。',
  },
  trade_in: {
    question: '以旧换新怎么补贴？',
    answer: '旧家电回收后按品类给予补贴：冰箱、洗衣机、空调每台补贴 200–500 元，需提供身份证和旧机照片。',
  },
  heater_thermostat: {
    question: '热水器恒温模式怎么设置？',
    answer: '长按“模式”键 3 秒进入恒温设置，用上下键调节温度，再按确认键保存。',
  },
  install_fee: {
    question: '空调安装要收费吗？辅材怎么收费？',
    answer: '首次标准安装免费，含 3 米铜管和支架；超出的铜管、加长管、空调架按价目表收费，师傅上门前告知。',
  },
  invoice: {
    question: '电子发票多久能开出来？',
    answer: '订单签收后 7 个工作日内开具电子发票，发送到下单手机号和邮箱，也可在订单详情中下载。',
  },
  extended_warranty: {
    question: '可以买延保吗？',
    answer: '购机后 30 天内可购买延保服务，延长 1–3 年，价格按机型计算，门店和线上均可办理。',
  },
  late_delivery: {
    question: '送货迟到怎么处理？',
    answer: '送货超过约定时间 1 小时未到，客户可获得 50 元服务补偿券；师傅出发前会电话通知。',
  },
  gift_promise: {
    question: '购买时承诺的赠品什么时候发？',
    answer: '活动赠品在商品签收后 15 天内随单或单独寄出，可凭订单号查询赠品物流。',
  },
  ac_not_cooling: {
    question: '空调不制冷怎么办？',
    answer:
      '请先确认遥控器为制冷模式、温度低于室温，检查滤网是否堵塞、外机是否运转；仍不制冷请预约上门检修。',
  },
  ac_leaking: {
    question: '空调内机漏水是什么原因？',
    answer: '多为排水管堵塞、弯折或内机安装不水平，请先关机断电，预约师傅上门疏通排水管。',
  },
  heater_ignition: {
    question: '燃气热水器点不着火、显示故障代码怎么办？',
    answer:
      'E1/E4 为点火失败：请检查燃气阀门是否打开、电池是否有电、水压是否足够；闻到燃气味请立即关阀开窗并报修。',
  },
  washer_noise: {
    question: '洗衣机脱水时响声大、晃动厉害？',
    answer: '请检查是否已拆除运输螺栓、机器是否放平、衣物是否偏于一侧；仍有异响请报修。',
  },
  fridge_not_cold: {
    question: '冰箱冷藏室不够冷怎么办？',
    answer: '请检查温控档位、门封是否严密、食物是否堵住出风口，放置后需 4 小时才能降温；仍不冷请报修。',
  },
  install_booking: {
    question: '新买的空调怎么预约安装？',
    answer: '签收后拨打客服热线或在订单中选择安装时间，师傅会在上门前一天电话确认。',
  },
  hood_install: {
    question: '吸油烟机和燃气灶可以一起安装吗？',
    answer: '可以，一次预约同时安装；燃气灶接气需燃气公司或持证师傅操作，开孔和止回阀需提前确认。',
  },
  washer_bolts: {
    question: '滚筒洗衣机运输螺栓要拆吗？',
    answer: '必须拆除，安装师傅上门时会拆除并装好堵盖，螺栓请保留以备搬家使用。',
  },
  seven_day_return: {
    question: '七天无理由退货有什么条件？',
    answer: '签收 7 天内、商品未安装使用、包装配件齐全可无理由退货，退回运费由客户承担。',
  },
  wrong_item_exchange: {
    question: '收到的商品颜色或型号不对怎么换？',
    answer: '发错货由我司承担往返运费，核实订单后 3 个工作日内上门换货。',
  },
  cancel_order: {
    question: '还没发货的订单能取消吗？',
    answer: '未发货订单可随时免费取消，已发货订单需拒收或按退货处理。',
  },
  refund_time: {
    question: '退款多久能到账？',
    answer: '退款审批通过后原路退回，银行卡 1–3 个工作日到账，信用卡以银行入账为准。',
  },
  duplicate_order: {
    question: '重复下单了怎么办？',
    answer: '可取消其中一单，未发货的订单取消后全额退款。',
  },
  price_protect: {
    question: '买完降价了能退差价吗？',
    answer: '购买后 15 天内同一商品降价，可凭订单申请价格保护，退还差价。',
  },
  evening_service: {
    question: '晚上可以上门服务吗？',
    answer: '安装和维修可预约 9:00–20:00 的时段，19:00 以后的时段需提前一天预约。',
  },
  arrival_sms: {
    question: '师傅出发会通知吗？',
    answer: '师傅出发时系统会发送短信，告知师傅姓名、电话和预计到达时间。',
  },
  installer_certificate: {
    question: '安装师傅有资质证书吗？',
    answer: '空调安装师傅均持有高空作业证和制冷设备维修证，可上门时出示。',
  },
  manual_resend: {
    question: '说明书丢了怎么办？',
    answer: '可在官网下载电子版说明书，也可申请免费补寄纸质说明书。',
  },
  repair_fee: {
    question: '保修期外维修怎么收费？',
    answer: '保修期外上门费 50 元，配件和人工按价目表收费，维修前师傅会先报价，客户同意后再修。',
  },
  promo_ac_may: {
    question: '五一空调促销有什么优惠？',
    answer: '五一期间空调满 3000 减 300，以旧换新再补贴 200 元，活动时间 4 月 28 日至 5 月 5 日。',
  },
  energy_subsidy: {
    question: '一级能效家电有国家补贴吗？',
    answer: '购买一级能效空调、冰箱、洗衣机可享受政府节能补贴，按成交价的 15% 补贴，最高 2000 元。',
  },
  gas_smell: {
    question: '家里有燃气味怎么办？',
    answer: '请立即关闭燃气总阀、开窗通风，不要开关电器，到室外拨打燃气公司电话并报修。',
  },
  delivery_damage: {
    question: '送货时商品磕碰损坏怎么办？',
    answer: '签收时请当面验货；签收后 48 小时内发现外观损坏，拍照联系客服，核实后免费换新。',
  },
  move_reinstall: {
    question: '搬家后空调移机怎么收费？',
    answer: '移机拆装费挂机 200 元、柜机 300 元，需加氟或换铜管另计。',
  },
};

type Q = [query: string, expected: string[]];

/** What callers say, by the demo data's ticket types; each names the answers that help. */
export const RELEVANCE_QUERIES: Q[] = [
  // consultation_direct: warranty
  ['去年买的空调还在保修期内吗', ['ac_warranty']],
  ['空调坏了还保修吗，前年买的', ['ac_warranty']],
  ['空调压缩机保几年', ['ac_warranty']],
  ['格力挂机保修多久', ['ac_warranty']],
  ['冰箱买了两年还能免费修吗', ['fridge_warranty']],
  ['冰箱压缩机坏了在不在保修范围', ['fridge_warranty']],
  ['冰箱的保修期是多久', ['fridge_warranty']],
  ['洗衣机电机保修几年', ['washer_warranty']],
  ['滚筒洗衣机坏了过保了没有', ['washer_warranty']],
  ['洗衣机整机包修多长时间', ['washer_warranty']],
  // store hours
  ['你们门店周末开门吗', ['store_hours']],
  ['店里晚上几点关门', ['store_hours']],
  ['国庆节门店营业吗', ['store_hours']],
  ['早上几点开门营业', ['store_hours']],
  ['节假日门店上不上班', ['store_hours']],
  // trade-in
  ['旧冰箱能换新的吗有补贴没有', ['trade_in']],
  ['以旧换新要带什么材料', ['trade_in']],
  ['家里旧空调回收能抵多少钱', ['trade_in', 'promo_ac_may']],
  ['洗衣机以旧换新补贴标准', ['trade_in']],
  ['旧家电回收怎么弄', ['trade_in']],
  ['换新补贴需要身份证吗', ['trade_in']],
  // heater use
  ['热水器恒温怎么调', ['heater_thermostat']],
  ['热水器温度设置不会弄', ['heater_thermostat']],
  ['热水器模式键怎么用', ['heater_thermostat']],
  ['燃气热水器调温度的方法', ['heater_thermostat']],
  // consultation_indirect: install fee
  ['空调安装辅材收费明细', ['install_fee']],
  ['装空调铜管超了怎么收钱', ['install_fee']],
  ['安装费要另外付吗', ['install_fee']],
  ['空调支架要不要钱', ['install_fee']],
  ['装机加长管多少钱一米', ['install_fee']],
  ['师傅说要收辅材费是真的吗', ['install_fee']],
  // invoice
  ['电子发票什么时候开', ['invoice']],
  ['买了三周了还没收到发票', ['invoice']],
  ['发票在哪里下载', ['invoice']],
  ['发票能发到邮箱吗', ['invoice']],
  ['开发票要多久', ['invoice']],
  // extended warranty
  ['冰箱能不能买延保', ['extended_warranty']],
  ['延保服务多少钱', ['extended_warranty']],
  ['买了一个月还能加延保吗', ['extended_warranty']],
  ['延长保修怎么办理', ['extended_warranty']],
  // soft_complaint: late delivery
  ['送货师傅迟到两个小时', ['late_delivery']],
  ['约好十点送货十二点才来', ['late_delivery']],
  ['送货不提前打电话等了一上午', ['late_delivery', 'arrival_sms']],
  ['配送超时有没有补偿', ['late_delivery']],
  ['送货太慢了投诉', ['late_delivery']],
  // phone unanswered: the caller wants to know when someone is there
  ['门店电话一直没人接几点有人', ['store_hours']],
  // install mess
  ['装完空调粉尘没清理', ['install_booking', 'install_fee']],
  // gift
  ['导购答应送挂烫机到现在没收到', ['gift_promise']],
  ['赠品什么时候寄', ['gift_promise']],
  ['买冰箱送的赠品没有给', ['gift_promise']],
  ['活动赠品怎么查物流', ['gift_promise']],
  ['说好的礼品一直没到', ['gift_promise']],
  // hard_complaint
  ['空调修了三次还是不制冷', ['ac_not_cooling']],
  ['空调一直不凉要求换机', ['ac_not_cooling']],
  ['新装热水器有燃气味', ['gas_smell', 'heater_ignition']],
  ['热水器漏气怎么办很危险', ['gas_smell']],
  ['闻到煤气味了', ['gas_smell']],
  ['冰箱送来门上有个坑', ['delivery_damage']],
  ['签收后发现冰箱外观凹痕', ['delivery_damage']],
  ['送货时把洗衣机磕坏了', ['delivery_damage']],
  ['商品到货有划痕能换吗', ['delivery_damage']],
  ['电视屏幕送来就是碎的', ['delivery_damage']],
  // rectification
  ['退款两周还没到账', ['refund_time']],
  ['取消订单钱什么时候退回来', ['refund_time', 'cancel_order']],
  ['退款退到哪里', ['refund_time']],
  ['信用卡退款多久到', ['refund_time']],
  ['退货的钱还没收到', ['refund_time']],
  ['海报价格和结账价格不一样', ['price_protect']],
  ['刚买就降价了能补差价吗', ['price_protect']],
  ['买贵了能不能退差价', ['price_protect']],
  ['价格保护多少天', ['price_protect']],
  ['外机打孔位置不对物业要求整改', ['install_fee', 'move_reinstall']],
  // repair: ac not cooling
  ['空调只吹风不制冷', ['ac_not_cooling']],
  ['客厅空调开了不凉', ['ac_not_cooling']],
  ['空调外机不转', ['ac_not_cooling']],
  ['空调制冷效果差', ['ac_not_cooling']],
  ['空调吹出来是热风', ['ac_not_cooling']],
  ['空调不冷了是不是缺氟', ['ac_not_cooling']],
  // ac leaking
  ['卧室空调滴水', ['ac_leaking']],
  ['空调内机漏水墙都湿了', ['ac_leaking']],
  ['空调往下滴水怎么回事', ['ac_leaking']],
  ['挂机流水', ['ac_leaking']],
  ['空调排水管堵了', ['ac_leaking']],
  // heater ignition
  ['热水器点不着火', ['heater_ignition']],
  ['热水器显示E1', ['heater_ignition']],
  ['燃气热水器打不着', ['heater_ignition']],
  ['热水器报E4故障', ['heater_ignition']],
  ['开水龙头热水器不点火', ['heater_ignition']],
  ['热水器不出热水', ['heater_ignition']],
  // washer noise
  ['洗衣机脱水声音很大', ['washer_noise']],
  ['洗衣机甩干时晃得厉害', ['washer_noise']],
  ['洗衣机异响', ['washer_noise']],
  ['滚筒洗衣机跳来跳去', ['washer_noise', 'washer_bolts']],
  ['洗衣机震动大', ['washer_noise']],
  // fridge not cold
  ['冰箱冷藏室不冷', ['fridge_not_cold']],
  ['冰箱里菜坏了温度不够', ['fridge_not_cold']],
  ['冰箱制冷不好', ['fridge_not_cold']],
  ['新冰箱插电半天还不凉', ['fridge_not_cold']],
  ['冰箱保鲜室温度高', ['fridge_not_cold']],
  // installation
  ['新买的空调什么时候来装', ['install_booking']],
  ['预约安装空调两台', ['install_booking']],
  ['空调到了怎么约师傅安装', ['install_booking']],
  ['安装师傅什么时候联系我', ['install_booking']],
  ['挂机预约上门安装', ['install_booking']],
  ['烟机燃气灶一起装', ['hood_install']],
  ['吸油烟机预约安装', ['hood_install']],
  ['新房装修好了装油烟机', ['hood_install']],
  ['燃气灶谁来接气', ['hood_install']],
  ['滚筒洗衣机上门安装', ['washer_bolts']],
  ['洗衣机运输螺栓要不要拆', ['washer_bolts']],
  ['洗衣机后面的螺丝要拆吗', ['washer_bolts']],
  ['洗衣机安装要拆什么', ['washer_bolts']],
  // return_exchange
  ['洗衣机尺寸不合适想退货', ['seven_day_return']],
  ['七天无理由退货', ['seven_day_return']],
  ['收到货不想要了能退吗', ['seven_day_return']],
  ['退货运费谁出', ['seven_day_return', 'wrong_item_exchange']],
  ['没拆封能退货吗', ['seven_day_return']],
  ['已经安装了还能无理由退吗', ['seven_day_return']],
  ['冰箱颜色发错了要换货', ['wrong_item_exchange']],
  ['订的银色收到白色', ['wrong_item_exchange']],
  ['型号发错了', ['wrong_item_exchange']],
  ['发错货换货运费', ['wrong_item_exchange']],
  // order_cancellation
  ['装修延期想取消订单', ['cancel_order']],
  ['还没发货能退单吗', ['cancel_order']],
  ['取消空调订单', ['cancel_order']],
  ['已经发货了还能取消吗', ['cancel_order']],
  ['线上下了两单要取消一个', ['duplicate_order']],
  ['重复下单', ['duplicate_order']],
  ['不小心买了两台怎么退一台', ['duplicate_order']],
  // suggestion
  ['能不能晚上七点以后上门', ['evening_service']],
  ['白天上班晚上能装吗', ['evening_service']],
  ['维修能约晚上吗', ['evening_service']],
  ['周末晚上可以上门吗', ['evening_service']],
  ['师傅出发能发短信吗', ['arrival_sms']],
  ['师傅几点到能提前通知吗', ['arrival_sms']],
  ['预计到达时间怎么知道', ['arrival_sms']],
  ['师傅电话多少', ['arrival_sms']],
  // other
  ['物业问安装师傅有没有高空作业证', ['installer_certificate']],
  ['安装工人有证吗', ['installer_certificate']],
  ['师傅有没有资质', ['installer_certificate']],
  ['说明书丢了能补寄吗', ['manual_resend']],
  ['要一份纸质说明书', ['manual_resend']],
  ['电子版说明书在哪下载', ['manual_resend']],
  ['使用手册找不到了', ['manual_resend']],
  // paid repair
  ['过了保修期修空调多少钱', ['repair_fee', 'ac_warranty']],
  ['上门维修费怎么收', ['repair_fee']],
  ['保外维修收费标准', ['repair_fee']],
  ['修之前能先报价吗', ['repair_fee']],
  ['换配件要多少钱', ['repair_fee']],
  ['检测要收费吗', ['repair_fee']],
  // promotions
  ['五一空调有什么活动', ['promo_ac_may']],
  ['空调满减活动到哪天', ['promo_ac_may']],
  ['现在买空调有优惠吗', ['promo_ac_may']],
  ['五一促销满3000减多少', ['promo_ac_may']],
  ['劳动节买家电便宜吗', ['promo_ac_may']],
  // subsidies
  ['一级能效有补贴吗', ['energy_subsidy']],
  ['国家节能补贴怎么领', ['energy_subsidy']],
  ['政府补贴最高多少', ['energy_subsidy']],
  ['买一级能效冰箱补多少钱', ['energy_subsidy']],
  ['家电补贴15%是真的吗', ['energy_subsidy']],
  // move
  ['搬家空调要移机', ['move_reinstall']],
  ['移机费用多少', ['move_reinstall']],
  ['柜机拆装收费', ['move_reinstall']],
  ['空调拆下来装到新家', ['move_reinstall']],
  ['移机要加氟吗', ['move_reinstall']],
  // mixed and longer descriptions, as typed into subject + description
  ['客户反映空调开机只吹风，外机不转，已经三天了', ['ac_not_cooling']],
  ['客户说热水器打开水龙头点火失败显示E1，家里有老人着急洗澡', ['heater_ignition']],
  ['客户收货后觉得洗衣机太大放不下，申请退货', ['seven_day_return']],
  ['客户询问冰箱以旧换新补贴和需要准备什么', ['trade_in']],
  ['客户三周前买洗衣机，发票一直没收到，要求尽快开具', ['invoice']],
  ['客户想给冰箱买延长保修，问价格', ['extended_warranty']],
  ['约定上午送货，师傅下午才到，没有电话通知', ['late_delivery', 'arrival_sms']],
  ['空调内机滴水把墙面弄湿了，要求上门', ['ac_leaking']],
  ['冰箱冷藏室温度偏高，食物容易坏', ['fridge_not_cold']],
  ['洗衣机脱水时声音大机身晃动', ['washer_noise']],
  ['新房装修完毕预约安装吸油烟机和燃气灶', ['hood_install']],
  ['新购滚筒洗衣机需要上门安装并拆除运输螺栓', ['washer_bolts']],
  ['订购银色冰箱收到白色的，要求换货', ['wrong_item_exchange']],
  ['装修延期，要取消没发货的空调订单', ['cancel_order']],
  ['线上重复下单，要求取消一单并退款', ['duplicate_order']],
  ['客户白天上班，希望晚上七点后上门维修', ['evening_service']],
  ['客户建议师傅出发时发短信告知预计到达时间', ['arrival_sms']],
  ['小区物业询问安装师傅的高空作业证', ['installer_certificate']],
  ['客户说明书丢失，要求补寄纸质说明书', ['manual_resend']],
  ['订单取消两周了退款还没到账', ['refund_time']],
  ['门店海报价格比实际结算价低，要求退差价', ['price_protect']],
  ['新装燃气热水器有明显燃气味，客户担心安全', ['gas_smell', 'heater_ignition']],
  ['冰箱门体有明显凹痕签收时没发现', ['delivery_damage']],
  ['空调一个月报修三次仍不制冷要求换机', ['ac_not_cooling']],
  ['客户问周末门店几点营业', ['store_hours']],
  ['客户询问空调安装辅材收费明细', ['install_fee']],
  ['客户不会设置热水器恒温模式', ['heater_thermostat']],
  ['去年买的空调坏了问还保不保修', ['ac_warranty']],
  ['过保的洗衣机维修要多少钱', ['repair_fee', 'washer_warranty']],
  ['搬新家要把两台挂机移过去', ['move_reinstall']],
  ['买一级能效空调能拿多少补贴', ['energy_subsidy']],
  ['空调遥控器调了制冷还是不凉', ['ac_not_cooling']],
  ['冰箱门关不严不制冷', ['fridge_not_cold']],
  ['热水器没电池了打不着火', ['heater_ignition']],
  ['洗衣机放不平抖得厉害', ['washer_noise']],
  ['签收的时候没验货现在发现坏了', ['delivery_damage']],
  ['退货审批通过了钱呢', ['refund_time']],
  ['旧机照片要拍什么', ['trade_in']],
  ['延保能线上买吗', ['extended_warranty']],
  ['活动时间是几号到几号', ['promo_ac_may']],
  ['安装前一天会打电话确认吗', ['install_booking']],
];
