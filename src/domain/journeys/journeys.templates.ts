/**
 * Shipped journey templates, each from its manual with its forms and limits (JRN-1…3). A company
 * copies and edits them; the copies are new versions, and running journeys keep theirs.
 */
import type { JourneyTemplate, StageDefinition } from './journeys';

/** JRN-1: an installation leftover issue (遗留单), from the agent's intake to the archive. */
export const LEFTOVER_ISSUE: JourneyTemplate = {
  code: 'leftover_issue',
  version: 1,
  nameZh: '安装遗留问题处理',
  nameEn: 'Installation leftover issue',
  stages: [
    {
      key: 'received',
      nameZh: '受理登记',
      nameEn: 'Received',
      role: 'agent',
      limit: { unit: 'working_hours', amount: 4 },
      forms: ['installation_feedback'],
      next: {
        question: 'needs_order',
        questionZh: '是否需要下单补货？',
        yes: 'leftover_sheet',
        no: 'book_visit',
      },
    },
    {
      key: 'leftover_sheet',
      nameZh: '开具遗留单并审批',
      nameEn: 'Leftover-issue sheet approved',
      role: 'installation_supervisor',
      limit: { unit: 'working_days', amount: 1 },
      forms: ['leftover_sheet'],
      fields: ['orderDate'],
      approvals: ['installation_supervisor_approval'],
      next: { to: 'goods_arrival' },
    },
    {
      key: 'goods_arrival',
      nameZh: '跟踪到货',
      nameEn: 'Goods arrive at the warehouse',
      role: 'agent',
      fields: ['warehouseArrivalDate'],
      next: { to: 'book_visit' },
    },
    {
      key: 'book_visit',
      nameZh: '预约上门并派工',
      nameEn: 'Visit booked and assigned',
      role: 'cs_supervisor',
      limit: { unit: 'working_days', amount: 1 },
      fields: ['appointmentAt', 'technicianId'],
      next: { to: 'on_site' },
    },
    {
      key: 'on_site',
      nameZh: '上门处理，客户验收评价',
      nameEn: 'Repaired on site, accepted and rated by the customer',
      role: 'technician',
      forms: ['leftover_handling_feedback'],
      documents: ['customer_acceptance'],
      next: { to: 'supervisor_check' },
    },
    {
      key: 'supervisor_check',
      nameZh: '次日交主管检查签字',
      nameEn: 'Checked and signed by the supervisor the next day',
      role: 'installation_supervisor',
      limit: { unit: 'working_days', amount: 1 },
      approvals: ['supervisor_sign_off'],
      next: { to: 'follow_up' },
    },
    {
      key: 'follow_up',
      nameZh: '回访与满意度',
      nameEn: 'Follow-up call and satisfaction',
      role: 'agent',
      limit: { unit: 'working_days', amount: 2 },
      forms: ['satisfaction'],
      followUpCall: {
        within: { unit: 'working_days', amount: 2 },
        noteZh: '遗留问题处理完毕，回访客户满意度',
      },
      next: { to: 'archived' },
    },
    {
      key: 'archived',
      nameZh: '归档（随售服信息反馈表）',
      nameEn: 'Archived with the after-sales feedback sheet',
      role: 'agent',
      forms: ['after_sales_feedback'],
      next: null,
    },
  ],
};

/**
 * Who signs a journey stage's approval as usual: a supervisor or manager of the unit (the shipped
 * journey-approval chain rule's roles).
 */
export const USUAL_JOURNEY_APPROVERS: readonly string[] = [
  'installation_supervisor',
  'cs_supervisor',
  'store_manager',
  'department_head',
  'general_manager',
];

/** JRN-2: the permission of the service manager, who grants a discount up to ¥200. */
export const DISCOUNT_APPROVAL_PERMISSION = 'journeys.discounts.approve';

/**
 * JRN-2: a home-decoration project (装修), from the brief to the warranty card. Version 2: a discount
 * is approved by the service manager, up to ¥200; above that nobody may grant it (refused).
 */
export const HOME_DECORATION: JourneyTemplate = {
  code: 'home_decoration',
  version: 2,
  nameZh: '家装项目',
  nameEn: 'Home-decoration project',
  stages: [
    {
      key: 'brief',
      nameZh: '客户需求建议书',
      nameEn: 'Customer brief',
      role: 'designer',
      forms: ['customer_brief'],
      next: { to: 'measuring' },
    },
    {
      key: 'measuring',
      nameZh: '上门量房（按公示收取定金）',
      nameEn: 'Measuring visit (deposit per the published fee)',
      role: 'designer',
      fields: ['measuredAt', 'depositFen'],
      // Credited to the project with the contract; forfeited when the project ends without one.
      deposit: { field: 'depositFen', creditedWhenLeft: 'contract' },
      next: { to: 'proposal' },
    },
    {
      key: 'proposal',
      nameZh: '方案设计（量房后 2 个工作日内）',
      nameEn: 'Proposal (within 2 working days of measuring)',
      role: 'designer',
      limit: { unit: 'working_days', amount: 2 },
      documents: ['proposal'],
      next: { to: 'engineering_review' },
    },
    {
      key: 'engineering_review',
      nameZh: '工程审核',
      nameEn: 'Engineering review',
      role: 'project_supervisor',
      approvals: ['engineering_review'],
      next: { to: 'contract' },
    },
    {
      key: 'contract',
      nameZh: '签订合同（首付 60%）',
      nameEn: 'Contract signed (60 % first payment)',
      role: 'account_manager',
      fields: ['contractFen'],
      documents: ['signed_contract'],
      // Discounts up to ¥200 by the service manager, none above; only the account manager signs.
      rules: ['discount_within_authority'],
      approvals: ['discount'],
      approvalChains: [
        {
          approval: 'discount',
          requiredWhen: [{ field: 'discountFen', op: 'gt', value: 0 }],
          steps: [
            {
              key: 'service_manager',
              nameZh: '服务经理批准折扣（¥200 以内）',
              nameEn: 'Service manager approves the discount (up to ¥200)',
              permission: DISCOUNT_APPROVAL_PERMISSION,
              when: [{ field: 'discountFen', op: 'lte', value: 20_000 }],
            },
          ],
        },
      ],
      payment: { key: 'first', nameZh: '首期款', nameEn: 'First payment', percent: 60 },
      next: { to: 'site_handover' },
    },
    {
      key: 'site_handover',
      nameZh: '现场交底',
      nameEn: 'Site handover',
      role: 'project_supervisor',
      forms: ['site_handover'],
      next: { to: 'works' },
    },
    {
      key: 'works',
      nameZh: '施工与分段验收（变更须先签变更单）',
      nameEn: 'Works and staged inspections (changes only on a signed change form)',
      role: 'project_supervisor',
      forms: ['staged_inspection', 'change_orders_signed'],
      // Weekly visits and evaluations during the works.
      followUpCall: { within: { unit: 'working_days', amount: 5 }, noteZh: '施工期间每周回访与评价' },
      payment: { key: 'mid_term', nameZh: '中期款', nameEn: 'Mid-term payment', percent: 35 },
      next: { to: 'completion' },
    },
    {
      key: 'completion',
      nameZh: '竣工验收（第三方参与）',
      nameEn: 'Completion inspection with a third party',
      role: 'project_supervisor',
      documents: ['acceptance_form'],
      next: { to: 'final_payment' },
    },
    {
      key: 'final_payment',
      nameZh: '尾款（验收签字后 2 个工作小时内）',
      nameEn: 'Final payment (within 2 working hours of signing the acceptance)',
      role: 'account_manager',
      limit: { unit: 'working_hours', amount: 2 },
      payment: {
        key: 'final',
        nameZh: '尾款',
        nameEn: 'Final payment',
        percent: 5,
        dueWithin: { unit: 'working_hours', amount: 2 },
      },
      next: { to: 'warranty' },
    },
    {
      key: 'warranty',
      nameZh: '发放工程保修卡',
      nameEn: 'Warranty card issued',
      role: 'account_manager',
      documents: ['warranty_card'],
      // Monthly customer meetings in the warranty period.
      followUpCall: { within: { unit: 'calendar_days', amount: 30 }, noteZh: '保修期内每月客户回访' },
      next: null,
    },
  ],
};

/** JRN-3: delivery and installation (送货安装). */
export const DELIVERY_INSTALLATION: JourneyTemplate = {
  code: 'delivery_installation',
  version: 1,
  nameZh: '送货安装',
  nameEn: 'Delivery and installation',
  stages: [
    {
      key: 'order_check',
      nameZh: '核对订单（地址、待收余款）',
      nameEn: 'Order checked (address, balance due)',
      role: 'agent',
      fields: ['address', 'balanceDueFen', 'appointmentAt'],
      // The customer's SMS one hour before the visit (never dropped for quiet hours).
      visitReminder: { field: 'appointmentAt' },
      next: { to: 'reconfirmation' },
    },
    {
      key: 'reconfirmation',
      nameZh: '提前 5 个工作日电话确认到具体钟点',
      nameEn: 'Reconfirmation call at least 5 working days ahead, to the hour',
      role: 'agent',
      forms: ['reconfirmation_call'],
      leadTime: { field: 'appointmentAt', unit: 'working_days', amount: 5 },
      next: { to: 'warehouse_check' },
    },
    {
      key: 'warehouse_check',
      nameZh: '仓库验货',
      nameEn: 'Goods checked at the warehouse',
      role: 'technician',
      forms: ['goods_check'],
      next: { to: 'installation' },
    },
    {
      key: 'installation',
      nameZh: '上门安装，客户验收与满意度',
      nameEn: 'Installed; customer acceptance and satisfaction',
      role: 'technician',
      documents: ['acceptance_form'],
      next: { to: 'balance' },
    },
    {
      key: 'balance',
      nameZh: '收取并核对余款',
      nameEn: 'Balance collected and checked',
      role: 'technician',
      payment: { key: 'balance', nameZh: '余款', nameEn: 'Balance', percent: 100 },
      next: { to: 'follow_up' },
    },
    {
      key: 'follow_up',
      nameZh: '回访',
      nameEn: 'Follow-up call',
      role: 'agent',
      limit: { unit: 'working_days', amount: 3 },
      forms: ['satisfaction'],
      followUpCall: { within: { unit: 'working_days', amount: 3 }, noteZh: '送货安装回访' },
      next: null,
    },
  ],
};

const stage = (
  key: string,
  nameZh: string,
  nameEn: string,
  role: string,
  rest: Omit<StageDefinition, 'key' | 'nameZh' | 'nameEn' | 'role'>,
): StageDefinition => ({ key, nameZh, nameEn, role, ...rest });

/**
 * JRN-4: e-commerce after-sales — a return received, refunded, inspected and taken into the
 * warehouse; a platform dispute (维权) answered with purchasing's vouchers; a negative review (中差评)
 * contacted the same day, its cause analysed and, if it stays, explained in public; problems in
 * positive reviews followed up.
 */
export const ECOMMERCE_AFTER_SALES: JourneyTemplate = {
  code: 'ecommerce_after_sales',
  version: 1,
  nameZh: '电商售后',
  nameEn: 'E-commerce after-sales',
  stages: [
    stage(
      'received',
      '受理（退货、维权或评价）',
      'Case received (return, dispute or review)',
      'online_shop_admin',
      {
        limit: { unit: 'working_hours', amount: 4 },
        fields: ['platformOrderNo'],
        next: { question: 'is_return', questionZh: '是否为退货？', yes: 'refund', no: 'dispute_or_review' },
      },
    ),
    stage('refund', '网店管理员退款', 'Refunded by the shop administrator', 'online_shop_admin', {
      limit: { unit: 'working_days', amount: 1 },
      fields: ['refundFen'],
      next: { to: 'inspection' },
    }),
    stage('inspection', '退货检验', 'Returned goods inspected', 'warehouse', {
      limit: { unit: 'working_days', amount: 2 },
      forms: ['return_inspection'],
      next: { to: 'warehouse_in' },
    }),
    stage('warehouse_in', '入库', 'Taken into the warehouse', 'warehouse', {
      limit: { unit: 'working_days', amount: 2 },
      documents: ['warehouse_receipt'],
      next: null,
    }),
    stage('dispute_or_review', '维权或评价？', 'Dispute or review?', 'online_shop_admin', {
      next: { question: 'is_dispute', questionZh: '是否为平台维权？', yes: 'dispute', no: 'review_contact' },
    }),
    stage(
      'dispute',
      '平台维权（采购部提供购货凭证）',
      'Platform dispute, with purchasing’s vouchers',
      'online_shop_admin',
      {
        limit: { unit: 'working_days', amount: 1 },
        documents: ['purchase_voucher'],
        forms: ['dispute_response'],
        next: null,
      },
    ),
    stage('review_contact', '当天联系评价客户', 'Reviewer contacted the same day', 'agent', {
      limit: { unit: 'working_days', amount: 1 },
      forms: ['review_contact'],
      followUpCall: {
        within: { unit: 'working_days', amount: 1 },
        noteZh: '联系中差评（或好评中提到问题的）客户',
      },
      next: { to: 'cause_analysis' },
    }),
    stage('cause_analysis', '分析原因', 'Cause analysed', 'cs_supervisor', {
      limit: { unit: 'working_days', amount: 2 },
      fields: ['cause'],
      next: {
        question: 'review_stays',
        questionZh: '评价是否仍保留？',
        yes: 'public_explanation',
        no: 'closed',
      },
    }),
    stage('public_explanation', '公开解释', 'Public explanation posted', 'online_shop_admin', {
      limit: { unit: 'working_days', amount: 1 },
      fields: ['explanation'],
      next: { to: 'closed' },
    }),
    stage('closed', '结案', 'Closed', 'agent', { next: null }),
  ],
};

/**
 * JRN-5: real-estate customer service by project phase — design review with the case library,
 * marketing events, a construction open day only after plastering (or with a vice-president's
 * signature), pre-handover inspection a month before handover, milestone notices (SMS the next day,
 * letters only for the open day and handover), handover, the 3-month residence follow-up, a customer
 * meeting with minutes and per-department replies checked by customer service, the summary report.
 */
export const REAL_ESTATE_PHASES: JourneyTemplate = {
  code: 'real_estate_phases',
  // Version 2: the open day's sign-off runs its own chain — the usual supervisor, and before
  // plastering the vice-president after them (version 1 only checked a rule).
  version: 2,
  nameZh: '地产项目分阶段客户服务',
  nameEn: 'Real-estate customer service by project phase',
  stages: [
    stage('design_review', '设计评审（参考案例库）', 'Design review with the case library', 'cs_supervisor', {
      forms: ['design_review'],
      documents: ['case_library_references'],
      next: { to: 'marketing' },
    }),
    stage('marketing', '营销活动', 'Marketing events', 'cs_supervisor', {
      forms: ['marketing_event'],
      next: { to: 'open_day' },
    }),
    stage(
      'open_day',
      '工地开放日（抹灰完成后，否则须副总裁签字）',
      'Construction open day (after plastering, or signed by a vice-president)',
      'cs_supervisor',
      {
        fields: ['openDayAt'],
        documents: ['open_day_letter'],
        approvals: ['open_day_sign_off'],
        approvalChains: [
          {
            approval: 'open_day_sign_off',
            steps: [
              {
                key: 'supervisor',
                nameZh: '客服主管或经理签字',
                nameEn: 'A supervisor or manager signs',
                roles: USUAL_JOURNEY_APPROVERS,
              },
              {
                key: 'vice_president',
                nameZh: '副总裁签字（抹灰未完成）',
                nameEn: 'Vice-president signs (plastering not done)',
                roles: ['vice_president'],
                when: [{ field: 'plasteringDone', op: 'ne', value: true }],
              },
            ],
          },
        ],
        next: { to: 'pre_handover' },
      },
    ),
    stage(
      'pre_handover',
      '交房前质量检查（交房前 1 个月）',
      'Pre-handover quality inspection (1 month before)',
      'quality_manager',
      {
        fields: ['handoverAt'],
        forms: ['pre_handover_inspection'],
        leadTime: { field: 'handoverAt', unit: 'calendar_days', amount: 30 },
        next: { to: 'handover' },
      },
    ),
    stage(
      'handover',
      '交房（次日短信，交房信函）',
      'Handover (SMS the next day, handover letter)',
      'cs_supervisor',
      {
        documents: ['handover_letter'],
        forms: ['milestone_sms'],
        next: { to: 'residence_follow_up' },
      },
    ),
    stage('residence_follow_up', '入住 3 个月回访', '3-month residence follow-up', 'agent', {
      limit: { unit: 'calendar_days', amount: 90 },
      forms: ['residence_follow_up'],
      followUpCall: { within: { unit: 'calendar_days', amount: 90 }, noteZh: '入住满 3 个月回访业主' },
      next: { to: 'customer_meeting' },
    }),
    stage(
      'customer_meeting',
      '客户座谈会（纪要，各部门回复经客服核查）',
      'Customer meeting (minutes; department replies checked by customer service)',
      'cs_supervisor',
      {
        documents: ['meeting_minutes'],
        forms: ['department_replies_checked'],
        next: { to: 'summary' },
      },
    ),
    stage(
      'summary',
      '项目总结与满意度提升计划',
      'Project summary and satisfaction improvement plan',
      'cs_supervisor',
      {
        documents: ['project_summary'],
        next: null,
      },
    ),
  ],
};

/**
 * JRN-6: training-school enrolment (manual 000, part 2) — front desk, course consultant, level test,
 * trial class, enrolment (materials, learning plan, success guarantee, first-day recording, personal
 * learning file), the teaching assistant's first lesson, the monthly cycle, promotion by showcase and
 * final exam, alumni service.
 */
export const TRAINING_ENROLMENT: JourneyTemplate = {
  code: 'training_enrolment',
  version: 1,
  nameZh: '培训学校报名入学',
  nameEn: 'Training-school enrolment',
  stages: [
    stage('front_desk', '前台登记', 'Recorded at the front desk', 'agent', {
      forms: ['front_desk_record'],
      next: { to: 'consultant' },
    }),
    stage('consultant', '课程顾问咨询', 'Course consultant', 'course_consultant', {
      limit: { unit: 'working_days', amount: 1 },
      forms: ['consultation'],
      next: { to: 'level_test' },
    }),
    stage('level_test', '水平测试', 'Level test', 'course_consultant', {
      fields: ['level'],
      next: { to: 'trial_class' },
    }),
    stage('trial_class', '试听课', 'Trial class', 'teacher', {
      forms: ['trial_class_feedback'],
      next: { question: 'enrols', questionZh: '是否报名？', yes: 'enrolment', no: 'follow_up' },
    }),
    stage('follow_up', '跟进或放弃', 'Followed up or dropped', 'course_consultant', {
      limit: { unit: 'working_days', amount: 3 },
      fields: ['followUpResult'],
      followUpCall: { within: { unit: 'working_days', amount: 3 }, noteZh: '试听未报名学员跟进' },
      next: null,
    }),
    stage(
      'enrolment',
      '报名（教材、学习计划、成功保障、首日记录、个人学习档案）',
      'Enrolment (materials, learning plan, success guarantee, first-day record, learning file)',
      'course_consultant',
      {
        documents: ['learning_plan', 'success_guarantee', 'learning_file'],
        forms: ['materials_issued', 'first_day_record'],
        fields: ['scoreAtEnrolment'],
        next: { to: 'first_lesson' },
      },
    ),
    stage('first_lesson', '助教第一课', 'The teaching assistant’s first lesson', 'teaching_assistant', {
      limit: { unit: 'working_days', amount: 2 },
      forms: ['first_lesson'],
      next: { to: 'monthly_cycle' },
    }),
    stage(
      'monthly_cycle',
      '月度循环（月初建议、月中谈话、月末评估；考勤）',
      'Monthly cycle (advice, mid-month talk, assessment; attendance)',
      'teaching_assistant',
      {
        limit: { unit: 'calendar_days', amount: 31 },
        forms: ['monthly_advice', 'mid_month_talk', 'month_end_assessment', 'attendance'],
        fields: ['scoreAtMidterm'],
        next: { to: 'promotion' },
      },
    ),
    stage('promotion', '展示课与期末考试决定升级', 'Showcase and final exam decide promotion', 'teacher', {
      forms: ['showcase', 'promotion'],
      fields: ['scoreAtEnd'],
      next: { to: 'alumni' },
    }),
    stage('alumni', '校友服务', 'Alumni service', 'agent', { next: null }),
  ],
};

/**
 * JRN-7: installation & commissioning entry (manual 002) — notice with the task sheet 7 days before
 * entry, the entry review sheet, rectification until it passes, the work plan filed with the
 * department head.
 */
export const COMMISSIONING_ENTRY: JourneyTemplate = {
  code: 'commissioning_entry',
  version: 1,
  nameZh: '安装调试进场',
  nameEn: 'Installation & commissioning entry',
  stages: [
    stage(
      'notice',
      '进场前 7 天发通知及任务单',
      'Notice with the task sheet 7 days before entry',
      'installation_supervisor',
      {
        fields: ['entryAt'],
        documents: ['task_sheet'],
        leadTime: { field: 'entryAt', unit: 'calendar_days', amount: 7 },
        next: { to: 'entry_review' },
      },
    ),
    stage('entry_review', '进场审查', 'Entry review sheet', 'installation_supervisor', {
      forms: ['entry_review'],
      next: {
        question: 'review_passed',
        questionZh: '审查是否通过？',
        yes: 'work_plan',
        no: 'rectification',
      },
    }),
    stage('rectification', '整改（限期）', 'Rectification (with a deadline)', 'installation_supervisor', {
      limit: { unit: 'working_days', amount: 3 },
      forms: ['rectification_notice'],
      next: { to: 'entry_review' },
    }),
    stage(
      'work_plan',
      '施工计划报部门负责人备案',
      'Work plan filed with the department head',
      'installation_supervisor',
      {
        documents: ['work_plan'],
        approvals: ['department_head_filed'],
        next: null,
      },
    ),
  ],
};

/**
 * JRN-8: tile-shop order (manual 002) — deposit, measuring, stock with 5 % loss plus 2 boxes, the
 * processing sheet to the factory, the payment notice, freight paid by the shop, follow-on costs
 * (extra tiles, returned tiles, re-processing), settlement, stock reduced and the customer archived.
 */
export const TILE_SHOP_ORDER: JourneyTemplate = {
  code: 'tile_shop_order',
  version: 1,
  nameZh: '瓷砖店订单',
  nameEn: 'Tile-shop order',
  stages: [
    stage('deposit', '收定金', 'Deposit taken', 'agent', {
      fields: ['contractFen'],
      payment: { key: 'deposit', nameZh: '定金', nameEn: 'Deposit', percent: 30 },
      next: { to: 'measuring' },
    }),
    stage('measuring', '上门测量', 'Measured on site', 'technician', {
      limit: { unit: 'working_days', amount: 2 },
      fields: ['areaM2', 'm2PerBox'],
      next: { to: 'stock' },
    }),
    stage('stock', '备货（损耗 5% 另加 2 箱）', 'Stocked (5 % loss plus 2 boxes)', 'warehouse', {
      limit: { unit: 'working_days', amount: 2 },
      fields: ['boxesStocked'],
      rules: ['tile_stock_with_loss'],
      next: { to: 'processing' },
    }),
    stage('processing', '加工单交工厂', 'Processing sheet to the factory', 'agent', {
      documents: ['processing_sheet'],
      next: { to: 'payment_notice' },
    }),
    stage(
      'payment_notice',
      '付款通知（运费由本店承担）',
      'Payment notice (freight paid by the shop)',
      'agent',
      {
        forms: ['payment_notice'],
        payment: {
          key: 'balance',
          nameZh: '余款',
          nameEn: 'Balance',
          percent: 70,
          dueWithin: { unit: 'working_days', amount: 3 },
        },
        next: { to: 'follow_on_costs' },
      },
    ),
    stage(
      'follow_on_costs',
      '后续费用（补砖、退砖、再加工）',
      'Follow-on costs (extra tiles, returned tiles, re-processing)',
      'agent',
      {
        fields: ['followOnFen'],
        next: { to: 'settlement' },
      },
    ),
    stage('settlement', '结算', 'Settlement', 'finance', {
      documents: ['settlement_statement'],
      next: { to: 'archived' },
    }),
    stage('archived', '减库存，客户归档', 'Stock reduced, customer archived', 'warehouse', {
      forms: ['stock_reduced'],
      next: null,
    }),
  ],
};

export const SHIPPED_JOURNEY_TEMPLATES: readonly JourneyTemplate[] = [
  LEFTOVER_ISSUE,
  HOME_DECORATION,
  DELIVERY_INSTALLATION,
  ECOMMERCE_AFTER_SALES,
  REAL_ESTATE_PHASES,
  TRAINING_ENROLMENT,
  COMMISSIONING_ENTRY,
  TILE_SHOP_ORDER,
];
