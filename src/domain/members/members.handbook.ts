/**
 * The member handbook (会员手册, MEM-1) as content: rights, the points plan and the rules, in
 * Chinese first and English second. Shown to staff and to customers in the portal.
 */
import type { MemberLevel } from './members.points';

export interface HandbookSection {
  key: 'rights' | 'points' | 'rules';
  titleZh: string;
  titleEn: string;
  itemsZh: string[];
  itemsEn: string[];
}

export const LEVEL_NAMES: Record<MemberLevel, { zh: string; en: string }> = {
  regular: { zh: '普通会员', en: 'Member' },
  silver: { zh: '银卡会员', en: 'Silver' },
  gold: { zh: '金卡会员', en: 'Gold' },
  platinum: { zh: '白金会员', en: 'Platinum' },
};

export const MEMBER_HANDBOOK: readonly HandbookSection[] = [
  {
    key: 'rights',
    titleZh: '会员权益',
    titleEn: 'Member rights',
    itemsZh: [
      '优先受理报修与投诉，专属客服跟进',
      '免费参加会员活动（讲座、亲子活动、节日活动、上门保养日等）',
      '积分可兑换礼品、维修工时或延保服务',
      '金卡及以上会员每年一次免费上门检测',
    ],
    itemsEn: [
      'Repairs and complaints taken first, followed by a named agent',
      'Free member activities (talks, family days, festivals, maintenance days)',
      'Points redeemable for gifts, labour or extended warranty',
      'Gold and above: one free home check-up a year',
    ],
  },
  {
    key: 'points',
    titleZh: '积分计划',
    titleEn: 'Points plan',
    itemsZh: [
      '参加会员活动并签到，按活动公布的分值获得积分，活动结束后一周内到账',
      '积分自获得当年起至次年 12 月 31 日有效，到期未用自动清零',
      '兑换时先扣最早到期的积分；积分余额不会小于零',
      '积分调整须写明原因，全部记录可查',
    ],
    itemsEn: [
      'Attend a member activity to earn its announced points, credited within a week after it',
      'Points are valid until 31 December of the year after they were earned, then expire',
      'Redemptions use the points that expire first; a balance never goes below zero',
      'Every adjustment carries its reason, and every entry can be looked up',
    ],
  },
  {
    key: 'rules',
    titleZh: '会员守则',
    titleEn: 'Rules',
    itemsZh: [
      '每位客户一个会员号，入会日期即登记日期',
      '积分不可转让、不可兑现',
      '活动报名后请按时参加，未签到不计积分',
      '会员等级根据消费与参与情况每年评定一次',
    ],
    itemsEn: [
      'One member number per customer; the joined date is the day of registration',
      'Points cannot be transferred or paid out',
      'Please attend the activities you sign up for; no attendance, no points',
      'Levels are reviewed once a year on purchases and participation',
    ],
  },
];
