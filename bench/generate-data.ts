/**
 * Realistic ticket data for the tickets bench (issue #4): 100,000 customers (Chinese names, mainland
 * mobiles) and 1,000,000 tickets over two years in the demo company's stores, each with 1–3 replies,
 * Chinese subjects and descriptions composed from phrase lists. Inserted with set-based SQL in
 * batches (generate_series), never through HTTP. search_text is built with the real jieba
 * tokenizer: every phrase combination is tokenized once in Node and the SQL composes the tokens.
 */
import type pg from 'pg';
import { searchDocument } from '../src/server/app/chinese-text';

const SURNAMES = [
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
  '欧阳',
  '司马',
  '诸葛',
  '上官',
];
const GIVEN = [
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
  '建国',
  '志强',
  '海燕',
  '晓东',
  '婷婷',
  '子涵',
  '浩然',
  '欣怡',
  '雨轩',
  '宇航',
  '佳怡',
  '梓萱',
  '俊杰',
  '文博',
  '思远',
  '一鸣',
];
const PRODUCTS = [
  '沙发',
  '餐桌',
  '衣柜',
  '床垫',
  '橱柜',
  '书桌',
  '茶几',
  '电视柜',
  '鞋柜',
  '床头柜',
  '餐椅',
  '实木床',
  '浴室柜',
  '榻榻米',
  '地板',
];
const PROBLEMS = [
  '开裂',
  '异响',
  '掉漆',
  '漏水',
  '延迟送货',
  '变形',
  '色差',
  '异味',
  '松动',
  '划痕',
  '安装不到位',
  '少配件',
  '起泡',
  '发霉',
  '尺寸不符',
];
const DETAILS = [
  '使用不到半年',
  '刚送货上门',
  '保修期内',
  '已经第二次出现',
  '安装师傅走后',
  '孩子发现',
  '换季以后',
  '搬家后',
];
const ASKS = [
  '要求上门维修',
  '要求退货',
  '要求换新',
  '要求赔偿',
  '希望尽快处理',
  '要求店长回电',
  '要求延长保修',
];
const REPLIES = [
  '您好，已为您登记，师傅将在两个工作日内上门检测。',
  '已联系仓库补发配件，预计三天内送达，请保持电话畅通。',
  '经检测属于质量问题，我们将为您免费更换。',
  '已安排售后专员明天上午回电，给您带来不便非常抱歉。',
  '维修已完成，请您检查使用情况，如有问题随时联系我们。',
  '关于赔偿方案，店长已审批，稍后短信通知您。',
  '送货延迟是物流原因，已催促，今天下午送达。',
  '已为您申请延长保修一年，感谢您的耐心。',
];

const subjectOf = (p: number, q: number) => `${PRODUCTS[p]}${PROBLEMS[q]}`;

export interface GeneratedData {
  customers: number;
  tickets: number;
  replies: number;
  seconds: { tokenize: number; customers: number; tickets: number; replies: number; indexes: number };
}

/**
 * Fills the database at `client` (already migrated, demo company loaded). `stores` are the units
 * tickets belong to with the agent who takes each store's intake; `now` is the end of the two years.
 */
export async function generateTicketData(
  client: pg.Client,
  opts: {
    customers: number;
    tickets: number;
    stores: { unitId: string; agentId: string }[];
    now: Date;
    batch?: number;
  },
): Promise<GeneratedData> {
  const seconds = { tokenize: 0, customers: 0, tickets: 0, replies: 0, indexes: 0 };
  let t = performance.now();
  const lap = () => {
    const s = (performance.now() - t) / 1000;
    t = performance.now();
    return s;
  };
  // Every text variant is cut by jieba once: names, product × problem × detail × ask, replies.
  const names: [string, string][] = [];
  for (const s of SURNAMES) for (const g of GIVEN) names.push([s + g, searchDocument(s + g)]);
  const variants: [string, string, string][] = [];
  for (let p = 0; p < PRODUCTS.length; p++)
    for (let q = 0; q < PROBLEMS.length; q++)
      for (let d = 0; d < DETAILS.length; d++) {
        const subject = `客户反映${subjectOf(p, q)}`;
        const description = `${DETAILS[d]}，${PRODUCTS[p]}出现${PROBLEMS[q]}，${ASKS[(p + q + d) % ASKS.length]}。`;
        variants.push([subject, description, searchDocument(subject, description)]);
      }
  const replies = REPLIES.map((r) => [r, searchDocument(r)] as const);
  seconds.tokenize = lap();

  await client.query(`create temporary table g_names (i int primary key, name text, tokens text)`);
  await client.query(
    `insert into g_names select (ord - 1)::int, n->>0, n->>1 from jsonb_array_elements($1::jsonb) with ordinality as x(n, ord)`,
    [JSON.stringify(names)],
  );
  await client.query(
    `create temporary table g_variants (i int primary key, subject text, description text, tokens text)`,
  );
  await client.query(
    `insert into g_variants select (ord - 1)::int, v->>0, v->>1, v->>2 from jsonb_array_elements($1::jsonb) with ordinality as x(v, ord)`,
    [JSON.stringify(variants)],
  );
  await client.query(`create temporary table g_replies (i int primary key, body text, tokens text)`);
  await client.query(
    `insert into g_replies select (ord - 1)::int, r->>0, r->>1 from jsonb_array_elements($1::jsonb) with ordinality as x(r, ord)`,
    [JSON.stringify(replies)],
  );
  await client.query(`create temporary table g_stores (i int primary key, unit_id uuid, agent_id uuid)`);
  await client.query(
    `insert into g_stores select (ord - 1)::int, (s->>'unitId')::uuid, (s->>'agentId')::uuid from jsonb_array_elements($1::jsonb) with ordinality as x(s, ord)`,
    [JSON.stringify(opts.stores)],
  );
  const nNames = names.length;
  const nVariants = variants.length;
  const nStores = opts.stores.length;
  const batch = opts.batch ?? 100_000;

  // Customers: owned by a store; name from the lists; one mainland mobile each (13x–19x).
  await client.query(`create temporary table g_customers (i int primary key, id uuid, name_i int)`);
  for (let from = 0; from < opts.customers; from += batch) {
    const to = Math.min(opts.customers, from + batch) - 1;
    await client.query(
      `with c as (
         insert into g_customers select g, gen_random_uuid(), (g * 7919) % $3 from generate_series($1::int, $2::int) g
         returning i, id, name_i)
       insert into customers (id, unit_id, name, created_at, updated_at)
       select c.id, s.unit_id, n.name, $4, $4 from c join g_names n on n.i = c.name_i join g_stores s on s.i = c.i % $5`,
      [from, to, nNames, opts.now, nStores],
    );
    await client.query(
      `insert into customer_phones (customer_id, normalized, kind, display, is_primary)
       select c.id, m, 'mobile', substr(m, 1, 3) || ' ' || substr(m, 4, 4) || ' ' || substr(m, 8), true
       from (select id, '1' || (3 + i % 7)::text || lpad(((i::bigint * 104729 + 12345) % 1000000000)::text, 9, '0') m
             from g_customers where i between $1 and $2) c`,
      [from, to],
    );
  }
  await client.query(`analyze customers; analyze customer_phones`);
  seconds.customers = lap();

  // The GIN indexes are built once after the load: maintaining them row by row is the slow part.
  await client.query(`drop index if exists tickets_unit_search_idx`);
  await client.query(`drop index if exists tickets_contact_phone_digits_trgm_idx`);
  const days = 730;
  for (let from = 0; from < opts.tickets; from += batch) {
    const to = Math.min(opts.tickets, from + batch) - 1;
    // Ticket g: received evenly over two years (oldest first); every 3rd has a customer; recent
    // ones (last 20 days) still open in the usual mix of stages, older ones closed.
    await client.query(
      `insert into tickets (id, number, unit_id, customer_id, type, channel, subject, description, state,
         received_at, created_at, created_by, intake_agent_id, assignee_user_id, contact_phone,
         resolved_at, closed_at, updated_at, search_text)
       select gen_random_uuid(),
         'T' || to_char(r.at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad((r.g % 100000)::text, 5, '0'),
         s.unit_id, c.id,
         (array['consultation_direct','soft_complaint','hard_complaint','repair','installation','return_exchange'])[1 + r.g % 6],
         (array['phone','hotline_400','walk_in','im_wechat','ecommerce_dispute','letter'])[1 + (r.g / 7) % 6],
         v.subject, v.description, r.state, r.at, r.at, s.agent_id, s.agent_id,
         case when r.state in ('new') then null else s.agent_id end,
         case when c.id is null then '1' || (3 + r.g % 7)::text || lpad(((r.g::bigint * 15485863) % 1000000000)::text, 9, '0') end,
         case when r.state in ('resolved', 'closed') then r.at + interval '2 days' end,
         case when r.state = 'closed' then r.at + interval '3 days' end,
         r.at,
         v.tokens || ' ' || coalesce(n.tokens, '') || ' ' || rp.tokens
       from (
         select g, at, case when at > $4::timestamptz - interval '20 days'
           then (array['new','assigned','in_progress','waiting_department','pending_customer','resolved'])[1 + g % 6]
           else 'closed' end as state
         from (select g, $4::timestamptz - (($3::bigint - g) * ${days} * 86400 / $3::bigint) * interval '1 second' as at
               from generate_series($1::int, $2::int) g) x
       ) r
       join g_stores s on s.i = r.g % $5
       join g_variants v on v.i = (r.g * 31) % $6
       left join g_customers c on r.g % 3 = 0 and c.i = (r.g / 3) % $7
       left join g_names n on n.i = c.name_i
       cross join lateral (
         select string_agg(tokens, ' ') tokens from g_replies
         where i in (r.g % 8, case when r.g % 3 >= 1 then (r.g + 3) % 8 end, case when r.g % 3 = 2 then (r.g + 5) % 8 end)
       ) rp`,
      [from, to, opts.tickets, opts.now, nStores, nVariants, opts.customers],
    );
  }
  // Generated numbers come from the row, not the counter: move each store's day counter past them,
  // or the bench's own intakes would draw numbers that are already taken.
  await client.query(
    `insert into ticket_number_counters (unit_id, local_date, last_value)
     select unit_id, to_date(substr(number, 2, 8), 'YYYYMMDD'), max(substr(number, 10)::int)
     from tickets group by 1, 2
     on conflict (unit_id, local_date)
     do update set last_value = greatest(ticket_number_counters.last_value, excluded.last_value)`,
  );
  seconds.tickets = lap();
  // 1–3 replies per ticket (the same ones its search_text was composed from), a day apart.
  await client.query(`create temporary table g_ticket_ids as select id, received_at, intake_agent_id,
      row_number() over (order by received_at) - 1 as g from tickets`);
  const { rows: replyCount } = await client.query<{ n: string }>(
    `with ins as (
       insert into ticket_events (ticket_id, type, actor_id, at, visibility, body)
       select t.id, 'reply', t.intake_agent_id, t.received_at + (k || ' hours')::interval, 'customer',
              jsonb_build_object('text', rp.body)
       from g_ticket_ids t
       cross join generate_series(0, 2) k
       join g_replies rp on rp.i = (t.g + (array[0, 3, 5])[k + 1]) % 8
       where k <= t.g % 3
       returning 1)
     select count(*) n from ins`,
  );
  seconds.replies = lap();
  // Open tickets carry running SLA targets, so the queue's next-due order has something to sort.
  await client.query(
    `insert into sla_targets (subject_type, subject_id, key, position, unit_id, ticket_type, definition,
       intake_at, started_at, at_risk_at, due_at, state, owner_id, created_at)
     select 'ticket', t.id::text, 'resolution', 0, t.unit_id, t.type, '{}'::jsonb, t.received_at, t.received_at,
       t.received_at + interval '2 days', t.received_at + interval '3 days',
       case when t.state = 'pending_customer' then 'paused'
            when t.received_at + interval '3 days' < $1 then 'breached' else 'on_track' end,
       t.intake_agent_id, t.received_at
     from tickets t where t.state not in ('closed', 'resolved', 'cancelled', 'merged')`,
    [opts.now],
  );
  await client.query(`create index tickets_unit_search_idx on tickets using gin (unit_id, search_vector)`);
  await client.query(
    `create index tickets_contact_phone_digits_trgm_idx on tickets using gin (regexp_replace(coalesce(contact_phone, ''), '[^0-9]', '', 'g') gin_trgm_ops)`,
  );
  await client.query(`vacuum analyze tickets`);
  await client.query(`analyze ticket_events; analyze sla_targets`);
  seconds.indexes = lap();
  return {
    customers: opts.customers,
    tickets: opts.tickets,
    replies: Number(replyCount[0]?.n ?? 0),
    seconds,
  };
}

/** Two-word queries an agent types: a product and a problem, or a product and a customer's ask. */
export function benchQueries(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 60; i++) {
    const p = PRODUCTS[(i * 7) % PRODUCTS.length]!;
    out.push(
      i % 3 === 2
        ? `${p} ${ASKS[i % ASKS.length]!.slice(2)}`
        : `${p} ${PROBLEMS[(i * 11) % PROBLEMS.length]}`,
    );
  }
  return out;
}

const KB_OPENERS = ['客户问', '顾客咨询', '来电询问', '门店反馈'];
const KB_ANSWERS = [
  '请先安抚客户情绪，登记购买日期和订单号，拍照留存后提交售后单，师傅两个工作日内上门检测。',
  '保修期内属于质量问题的免费维修或更换；人为损坏按维修价目表收费，先报价经客户同意再处理。',
  '先核对送货单和安装单，确认缺少的配件型号，由仓库补发，三天内送达并电话告知客户。',
  '如客户坚持退货，按七天无理由和质量问题两种情况分别处理，退款在验收后五个工作日内原路退回。',
  '可以为客户申请延长保修一年，需店长审批，审批通过后短信通知客户并在档案里备注。',
  '异味多为新家具板材挥发，建议通风七到十五天；超过一个月仍有明显异味的，安排甲醛检测。',
];

export interface GeneratedKnowledge {
  articles: number;
  seconds: number;
}

/**
 * Approved answers for the suggestions bench (issue 19): `articles` articles, each with one
 * approved version whose question is a product × problem × detail × ask from the ticket lists and
 * whose answer is one of a few real-sounding procedures. Most belong to the company (offered to
 * every store), the rest to the stores. `searchText` is cut by the knowledge module's own tokenizer.
 */
export async function generateKnowledgeData(
  client: pg.Client,
  opts: {
    articles: number;
    rootUnitId: string;
    storeUnitIds: string[];
    ownerId: string;
    now: Date;
    tokens: (text: string) => string;
  },
): Promise<GeneratedKnowledge> {
  const t = performance.now();
  const rows: [string, string, string, string][] = [];
  for (let i = 0; i < opts.articles; i++) {
    const p = PRODUCTS[i % PRODUCTS.length]!;
    const q = PROBLEMS[Math.floor(i / PRODUCTS.length) % PROBLEMS.length]!;
    const d = DETAILS[Math.floor(i / (PRODUCTS.length * PROBLEMS.length)) % DETAILS.length]!;
    const a = ASKS[Math.floor(i / (PRODUCTS.length * PROBLEMS.length * DETAILS.length)) % ASKS.length]!;
    const question = `${KB_OPENERS[i % KB_OPENERS.length]}：${d}${p}${q}，${a}，怎么处理？`;
    const answer = `${KB_ANSWERS[i % KB_ANSWERS.length]}（${p}${q}，第 ${i + 1} 条）`;
    // One in five belongs to a store, the rest to the company.
    const unit = i % 5 === 4 ? opts.storeUnitIds[i % opts.storeUnitIds.length]! : opts.rootUnitId;
    rows.push([unit, question, answer, opts.tokens(`${question}\n${question}\n${answer}`)]);
  }
  await client.query('begin');
  await client.query(
    `create temporary table g_kb on commit drop as
     select (ord - 1)::int i, gen_random_uuid() article_id, gen_random_uuid() version_id,
            (r->>0)::uuid unit_id, r->>1 question, r->>2 answer, r->>3 search_text
     from jsonb_array_elements($1::jsonb) with ordinality as x(r, ord)`,
    [JSON.stringify(rows)],
  );
  await client.query(
    `insert into kb_articles (id, unit_id, owner_id, published_version_id, latest_version, usage_count,
       created_at, updated_at)
     select article_id, unit_id, $1, version_id, 1, i % 37, $2::timestamptz - (i % 700) * interval '1 day', $2
     from g_kb`,
    [opts.ownerId, opts.now],
  );
  await client.query(
    `insert into kb_article_versions (id, article_id, unit_id, version, question, answer, source_kind, valid_from,
       valid_until, state, author_id, approver_id, approved_at, search_text, created_at)
     select version_id, article_id, unit_id, 1, question, answer,
       (array['sales_qa','media_facts','promotion'])[1 + i % 3],
       $2::timestamptz - (i % 700) * interval '1 day',
       case when i % 10 = 0 then $2::timestamptz + interval '180 days' end,
       'approved', $1, $1, $2::timestamptz - (i % 700) * interval '1 day', search_text,
       $2::timestamptz - (i % 700) * interval '1 day'
     from g_kb`,
    [opts.ownerId, opts.now],
  );
  await client.query('commit');
  await client.query('analyze kb_articles; analyze kb_article_versions');
  return { articles: opts.articles, seconds: (performance.now() - t) / 1000 };
}

/** What an agent types into a new ticket, keystroke by keystroke: every prefix of a few drafts. */
export function typingDrafts(): { subject: string; description: string }[] {
  const drafts = [
    ['沙发扶手开裂', '客户说沙发用了不到半年扶手就开裂了，要求上门维修'],
    ['衣柜门变形', '刚送货上门的衣柜柜门变形关不上，客户要求换新'],
    ['餐桌有异味', '新买的餐桌异味很大，孩子发现后客户希望尽快处理'],
    ['床垫少配件', '安装师傅走后发现床垫少配件，要求补发'],
  ];
  const out: { subject: string; description: string }[] = [];
  for (const [subject, description] of drafts) {
    for (let i = 2; i <= subject!.length; i++) out.push({ subject: subject!.slice(0, i), description: '' });
    for (let i = 4; i <= description!.length; i += 3)
      out.push({ subject: subject!, description: description!.slice(0, i) });
  }
  return out;
}
