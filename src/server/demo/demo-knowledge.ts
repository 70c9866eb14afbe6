/**
 * The demo company's approved answers (答客问, KB-1): the sales Q&A, public facts from media
 * reports and published promotions a 华居家居 agent answers direct consultations from (CL-2), and
 * two objection answers beside the care call script (CARE-6). Some are public on the customer
 * portal's 常见问题 board; one promotion has lapsed and one lapses within days (the expiry reminder).
 *
 * Written through the knowledge module's use cases: the knowledge editor (沈佳) writes each answer
 * and 陈静, the headquarters' customer-service supervisor, approves it in the approval engine — on
 * the day it was written, months back, so the history's consultations find them offered.
 * Loaded once the modules are registered (the approval engine calls the knowledge module back),
 * by the server's boot, `npm run demo` and the history. Idempotent: nothing is added once
 * headquarters has an answer.
 */
import { and, eq } from 'drizzle-orm';
import { localDateOf } from '../../domain/calendar';
import type { KbSourceKind } from '../../domain/knowledge';
import type { Actor, Deps } from '../app/context';
import type { Db } from '../app/db';
import { decideApprovalStep } from '../modules/approvals/approvals.service';
import { approvalRequests } from '../modules/approvals/approvals.table';
import { KB_VERSION_SUBJECT, createArticle } from '../modules/knowledge/knowledge.service';
import { kbArticles, kbArticleVersions } from '../modules/knowledge/knowledge.table';
import { loadGrants } from '../modules/org/org.service';
import { organisationUnits, users } from '../modules/org/org.table';
import { dayBounds } from '../modules/workorders/workorders.service';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TIME_ZONE = 'Asia/Shanghai';
/** The local day (in the stores' time zone) of an instant: its first and its last millisecond. */
const dayOf = (instant: number) => {
  const { from, to } = dayBounds(localDateOf(instant, TIME_ZONE), TIME_ZONE);
  return { first: from.getTime(), last: to.getTime() - 1 };
};

export interface DemoAnswer {
  question: string;
  answer: string;
  sourceKind: KbSourceKind;
  /** Days before "now" the answer was written and took effect. */
  fromDaysAgo: number;
  /** Days after "now" it lapses (negative: it has lapsed); none: no end date. */
  untilDays?: number;
  isPublic?: boolean;
  careRuleCode?: string;
  /** The demo history's direct consultation (its subject) this answer closes (CL-2). */
  answersSubject?: string;
}

export const DEMO_ANSWERS: DemoAnswer[] = [
  // 销售答客问 (sales Q&A)
  {
    question: '空调保修期是多久？怎么查还在不在保修期内？',
    answer:
      '您好，我们门店销售的空调整机保修 6 年（含压缩机等主要部件），冰箱、洗衣机、热水器、吸油烟机整机保修 3 年，均自购机发票日期起算。您报一下购买时登记的手机号，或把发票拍照发给我们，我们马上帮您查询保修状态。',
    sourceKind: 'sales_qa',
    fromDaysAgo: 240,
    isPublic: true,
    answersSubject: '咨询空调保修期',
  },
  {
    question: '门店营业时间是几点到几点？节假日开门吗？',
    answer:
      '您好，华居家居各门店每天 9:00–21:00 营业，周末和法定节假日照常营业，春节期间的营业时间以门店公告为准。400 客服热线 8:00–22:00 全年无休。',
    sourceKind: 'sales_qa',
    fromDaysAgo: 240,
    isPublic: true,
    answersSubject: '咨询门店营业时间',
  },
  {
    question: '燃气热水器怎么设置恒温？',
    answer:
      '您好，热水器开机后按“温度+”或“温度–”键调到想要的出水温度（洗浴建议 42℃ 左右），屏幕数字停止闪烁即设定完成，之后出水温度会自动保持恒定。如果水压偏低，把花洒开大一些，恒温效果会更好。',
    sourceKind: 'sales_qa',
    fromDaysAgo: 200,
    answersSubject: '咨询热水器使用方法',
  },
  {
    question: '定制衣柜、橱柜从量尺到安装要多久？',
    answer:
      '您好，定制衣柜、橱柜在设计师上门量尺、确认方案并签订合同后，工厂生产周期约 25–30 天，到货后 3 天内安排上门安装，具体日期以合同约定为准。安装前一天师傅会电话和您确认时间。',
    sourceKind: 'sales_qa',
    fromDaysAgo: 180,
    isPublic: true,
  },
  {
    question: '沙发、床垫的保修期是多久？哪些情况不保修？',
    answer:
      '您好，沙发框架保修 5 年，海绵、弹簧等内部结构保修 3 年，真皮和布艺面料保修 1 年；床垫弹簧系统保修 10 年。人为损坏和使用不当（如长期暴晒、宠物抓挠、受潮发霉）不在保修范围内，可以有偿维修。',
    sourceKind: 'sales_qa',
    fromDaysAgo: 180,
    isPublic: true,
  },
  {
    question: '实木家具出现细小裂纹正常吗？平时怎么保养？',
    answer:
      '您好，实木会随空气湿度热胀冷缩，北方供暖或南方回南天前后出现发丝状细纹属于木材的正常现象，一般不影响结构和使用；如裂纹超过 1 毫米或持续变大，请联系我们安排师傅上门查看。保养时避免阳光直射和靠近暖气、空调出风口，用微湿的软布擦拭，每半年用家具蜡护理一次。',
    sourceKind: 'sales_qa',
    fromDaysAgo: 150,
    isPublic: true,
  },
  {
    question: '送货、安装要另外收费吗？',
    answer:
      '您好，在门店购买的家具和家电，市区范围内免费送货；家具、热水器、吸油烟机免费安装。空调安装按门店公示价收费（挂机 150 元/台），超出标准长度的铜管等辅材按实际用量收取，师傅会在施工前告诉您费用。',
    sourceKind: 'sales_qa',
    fromDaysAgo: 150,
  },
  // 媒体报道中的客观事实 (public facts in media reports)
  {
    question: '听说你们的板式家具甲醛超标，是真的吗？',
    answer:
      '您好，根据上海市市场监督管理局最近一次公布的家具产品质量监督抽查结果，华居家居送检的 6 批次板式家具甲醛释放量均符合 GB 18580—2017 E1 级要求，抽查结果可以在市场监管局网站查询。我们的板式家具出厂都附有检测报告，您也可以到门店查看。',
    sourceKind: 'media_facts',
    fromDaysAgo: 120,
  },
  {
    question: '华居家居是什么时候成立的？在哪些城市有门店？',
    answer:
      '您好，华居家居创立于 2003 年，总部在上海，目前在上海、杭州、广州、深圳设有直营门店，主营家具、定制家居和家电，并提供送货、安装和售后一站式服务。',
    sourceKind: 'media_facts',
    fromDaysAgo: 200,
    isPublic: true,
  },
  // 已发布的促销活动 (published promotions)
  {
    question: '以旧换新有什么补贴？需要准备什么材料？',
    answer:
      '您好，以旧换新活动期间购买指定型号的冰箱、洗衣机、空调，交旧机可享补贴：冰箱、洗衣机每台 300 元，空调每台 500 元，可与门店折扣同时使用。需要提供本人身份证和整机旧机（品牌不限），旧机由送货师傅上门免费拆走，每户限 2 台。',
    sourceKind: 'promotion',
    fromDaysAgo: 150,
    untilDays: 60,
    isPublic: true,
    answersSubject: '咨询以旧换新政策',
  },
  {
    question: '买沙发送茶几的活动还在吗？',
    answer:
      '您好，活动期间在门店购买任意布艺或真皮沙发，单笔满 8,000 元赠送同系列茶几一张（数量有限，送完即止），满 15,000 元再加赠电视柜一个。赠品随沙发一起送货安装，退货时需一并退回。',
    sourceKind: 'promotion',
    fromDaysAgo: 20,
    untilDays: 40,
    isPublic: true,
  },
  {
    question: '会员积分怎么兑换？积分会过期吗？',
    answer:
      '您好，本期会员积分兑换活动中，每 100 积分可抵 1 元，在门店结账时使用，单笔最多抵扣订单金额的 10%；也可以在门店服务台兑换靠垫、收纳箱等礼品。本期兑换截至活动结束日，未兑换的积分保留到下一期。',
    sourceKind: 'promotion',
    fromDaysAgo: 30,
    untilDays: 5,
  },
  {
    question: '店庆满 5,000 减 500 的活动还有吗？',
    answer: '您好，店庆活动期间全场家具单笔满 5,000 元立减 500 元，上不封顶，特价商品除外。',
    sourceKind: 'promotion',
    fromDaysAgo: 75,
    untilDays: -45,
  },
  // 常见异议 (objection answers beside the care call script)
  {
    question: '客户说“没时间，别再打电话了”',
    answer:
      '非常抱歉打扰您！这次回访只占用您一分钟，主要想确认师傅上门的服务您是否满意，您的意见能帮我们改进服务。如果现在不方便，我们可以换个您方便的时间再联系，或者以后只给您发短信。',
    sourceKind: 'objection',
    fromDaysAgo: 150,
  },
  {
    question: '客户说“你们怎么知道我的电话？”',
    answer:
      '您好，这个号码是您在我们门店购买商品时登记的联系电话，只用于送货、安装和售后服务联系，我们不会提供给其他任何机构。如果您不希望再接到回访电话，我们马上为您登记。',
    sourceKind: 'objection',
    fromDaysAgo: 150,
    careRuleCode: 'survey_after_ticket',
  },
];

async function actorOf(db: Db, username: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`demo knowledge: the demo company has no ${username}`);
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    grants: await loadGrants(db, u.id),
    ip: null,
  };
}

/**
 * Writes and approves the demo answers at headquarters (unit code HQ, from the demo company), each
 * on its own day back from the clock's now. Answers how many it wrote.
 */
export async function loadDemoKnowledge(deps: Deps): Promise<number> {
  const [hq] = await deps.db
    .select({ id: organisationUnits.id })
    .from(organisationUnits)
    .where(eq(organisationUnits.code, 'HQ'));
  if (!hq) throw new Error('demo knowledge: the demo company is not loaded');
  const headquartersId = hq.id;
  const [any] = await deps.db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(eq(kbArticles.unitId, headquartersId))
    .limit(1);
  if (any) return 0;
  const now = deps.clock.now().getTime();
  const editor = await actorOf(deps.db, 'hq.kb');
  const supervisor = await actorOf(deps.db, 'hq.supervisor');
  let current = now;
  const h: Deps = { ...deps, clock: { now: () => new Date(current) } };
  for (const a of DEMO_ANSWERS) {
    // In force from the start of its day; written the morning before, approved that afternoon.
    const from = dayOf(now - a.fromDaysAgo * DAY).first;
    current = from - DAY + 10 * HOUR;
    const article = await createArticle(h, editor, {
      unitId: headquartersId,
      question: a.question,
      answer: a.answer,
      sourceKind: a.sourceKind,
      careRuleCode: a.careRuleCode ?? null,
      validFrom: new Date(from).toISOString(),
      validUntil:
        a.untilDays === undefined ? null : new Date(dayOf(now + a.untilDays * DAY).last).toISOString(),
      isPublic: a.isPublic ?? false,
    });
    const [request] = await deps.db
      .select({ id: approvalRequests.id })
      .from(approvalRequests)
      .innerJoin(kbArticleVersions, eq(kbArticleVersions.id, approvalRequests.subjectId))
      .where(
        and(
          eq(approvalRequests.subjectType, KB_VERSION_SUBJECT),
          eq(kbArticleVersions.articleId, article.id),
        ),
      );
    current += 3 * HOUR;
    await decideApprovalStep(h, supervisor, request!.id, 'approve', null);
  }
  return DEMO_ANSWERS.length;
}

/**
 * CL-2: the answer each of the history's direct consultations is closed with, by ticket subject:
 * the article and its approved text.
 */
export async function demoDirectAnswers(db: Db): Promise<Map<string, { articleId: string; answer: string }>> {
  const rows = await db
    .select({ id: kbArticles.id, question: kbArticleVersions.question, answer: kbArticleVersions.answer })
    .from(kbArticles)
    .innerJoin(kbArticleVersions, eq(kbArticleVersions.id, kbArticles.publishedVersionId));
  const out = new Map<string, { articleId: string; answer: string }>();
  for (const a of DEMO_ANSWERS) {
    if (!a.answersSubject) continue;
    const row = rows.find((r) => r.question === a.question);
    if (row) out.set(a.answersSubject, { articleId: row.id, answer: row.answer });
  }
  return out;
}
