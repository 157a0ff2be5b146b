import { type SQL, sql } from 'drizzle-orm'
import { ENGAGEMENT_STATUSES, RELEASE_STATUSES } from '@ee/shared/engagements'
import { EXTENSION_STATUSES } from '@ee/shared/lifecycles'
import { OFFER_STATUSES } from '@ee/shared/offers'
import { REQUEST_STATUSES } from '@ee/shared/requests'
import type { World } from './world.ts'

/**
 * What must hold of the database after every step (issue 13 item 7, docs/design.md §3): each
 * invariant is one SELECT of the rows that break it, written as a sentence a head could check. They
 * read the sequence's own rows through the CTEs below (r: requests, o: offers, g: engagements,
 * x: requests for more days, l: session logs, ch: each engagement's days per term) and run together
 * as one statement, as the owner of the tables (no row-level security between the test and the rows).
 */
export type Invariant = { name: string; violations: SQL }

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))
const capacityIn = sql.raw(`case t.name when 'autumn' then coalesce(e.autumn_days, e.capacity_days_per_term)
  when 'spring' then coalesce(e.spring_days, e.capacity_days_per_term) else coalesce(e.summer_days, e.capacity_days_per_term) end`)

export const INVARIANTS: Invariant[] = [
  {
    name: 'statuses are members of their lifecycle',
    violations: sql`
      select format('request %s is %s', id, status) from r where status not in (${list(REQUEST_STATUSES)})
      union all select format('offer %s is %s', id, status) from o where status not in (${list(OFFER_STATUSES)})
      union all select format('engagement %s is %s with release %s', id, status, release) from g
        where status not in (${list(ENGAGEMENT_STATUSES)}) or release not in (${list(RELEASE_STATUSES)})
      union all select format('request for more days %s is %s', id, status) from x where status not in (${list(EXTENSION_STATUSES)})`,
  },
  {
    name: 'places filled ≤ places wanted',
    violations: sql`select format('request %s has %s places filled of %s wanted', id, filled, experts_wanted) from rf where filled > experts_wanted`,
  },
  {
    name: 'request status agrees with its places (commissioned iff filled, unless completed or withdrawn)',
    violations: sql`
      select format('request %s is open with all %s places filled', id, experts_wanted) from rf where status = 'open' and filled >= experts_wanted
      union all select format('request %s is commissioned with %s of %s places filled', id, filled, experts_wanted) from rf where status = 'commissioned' and filled <> experts_wanted
      union all select format('draft request %s has offers or engagements', r.id) from r where r.status = 'draft'
        and (exists (select 1 from o where o.request_id = r.id) or exists (select 1 from g where g.request_id = r.id))
      union all select format('withdrawn request %s has work under way', r.id) from r where r.status = 'withdrawn' and exists (select 1 from g where g.request_id = r.id and g.status = 'active')`,
  },
  {
    name: 'a commissioned or closed request takes no offer',
    violations: sql`select format('request %s is %s and offer %s is still %s', r.id, r.status, o.id, o.status)
      from r join o on o.request_id = r.id where r.status <> 'open' and o.status in ('invited', 'proposed')`,
  },
  {
    name: 'committed days ≤ capacity per term',
    violations: sql`select format('expertise %s has %s days committed in %s %s, over its %s', e.id, sum(ch.days), t.name, t.start, min(${capacityIn}))
      from ch join terms t on t.start = ch.term_start join expertise e on e.id = ch.expertise_id
      where ch.status in ('active', 'completed') and ch.release <> 'refused'
      group by e.id, t.start, t.name having sum(ch.days) > min(${capacityIn})`,
  },
  {
    name: 'released days ≤ school budget per term, unless its head approved them over',
    violations: sql`select format('school %s released %s days without its head in the term from %s, over its budget of %s', s.id, a.days, a.term_start, s.release_days_per_term)
      from (
        select ch.provider_school_id, ch.term_start,
          sum(case when ch.release_decided_by_id is null then ch.days - coalesce(xt.explicit, 0) else coalesce(xt.automatic, 0) end) as days
        from ch left join xt on xt.engagement_id = ch.id and xt.term_start = ch.term_start
        where ch.status in ('active', 'completed') and ch.release = 'approved' and ch.provider_school_id is not null
        group by ch.provider_school_id, ch.term_start
      ) a join schools s on s.id = a.provider_school_id where a.days > s.release_days_per_term`,
  },
  {
    name: 'logged ≤ agreed, and the logs add up',
    violations: sql`
      select format('engagement %s has %s days logged of %s agreed', id, delivered_days, days) from g where delivered_days > days
      union all select format('engagement %s says %s days logged but its logs add up to %s', g.id, g.delivered_days, coalesce(sum(l.days), 0))
        from g left join l on l.engagement_id = g.id group by g.id, g.delivered_days having g.delivered_days <> coalesce(sum(l.days), 0)`,
  },
  {
    name: 'a session lies inside its engagement: after acceptance, inside the window, not in the future',
    violations: sql`select format('log %s on %s: accepted %s, window ends %s, logged on %s', l.id, l.date, g.created_at::date, r.window_end, l.created_at::date)
      from l join g on g.id = l.engagement_id join r on r.id = g.request_id
      where l.date < (g.created_at at time zone 'UTC')::date or l.date > r.window_end or l.date > (l.created_at at time zone 'UTC')::date`,
  },
  {
    name: 'every accepted offer has exactly one engagement, and every engagement one accepted offer',
    violations: sql`
      select format('accepted offer %s has %s engagements', o.id, count(g.id)) from o left join g on g.offer_id = o.id
        where o.status = 'accepted' group by o.id having count(g.id) <> 1
      union all select format('engagement %s stands on offer %s, which is %s', g.id, o.id, coalesce(o.status, 'missing')) from g left join o on o.id = g.offer_id
        where o.status is distinct from 'accepted' or o.request_id <> g.request_id or o.person_id <> g.expert_id or o.expertise_id <> g.expertise_id`,
  },
  {
    name: 'every engagement has one release, and its days are the offer and the approved requests for more',
    violations: sql`
      select format('engagement %s is %s with release %s', id, status, release) from g
        where (release = 'refused' and status <> 'cancelled') or (status = 'completed' and release <> 'approved')
      union all select format('engagement %s has logs but release %s', g.id, g.release) from g where g.release <> 'approved' and exists (select 1 from l where l.engagement_id = g.id)
      union all select format('engagement %s has %s days: offer %s plus %s approved more', g.id, g.days, o.days, coalesce(sum(x.days), 0))
        from g join o on o.id = g.offer_id left join x on x.engagement_id = g.id and x.status = 'approved'
        group by g.id, g.days, o.days having g.days <> o.days + coalesce(sum(x.days), 0)
      union all select format('engagement %s has %s days but charges %s to its terms', g.id, g.days, sum(t.days)) from g join engagement_terms t on t.engagement_id = g.id
        group by g.id, g.days having g.days <> sum(t.days)
      union all select format('request for more days %s is %s without a term', id, status) from x where status in ('pending', 'approved') and term_start is null`,
  },
  {
    name: 'a case needs a completed engagement, and a completed engagement with both reflections is a case',
    violations: sql`
      select format('case %s stands on engagement %s, which is %s', c.id, g.id, g.status) from cases c join g on g.id = c.engagement_id
        where g.status <> 'completed' or g.head_reflection is null or g.expert_reflection is null or g.impact is null
      union all select format('completed engagement %s has both reflections and %s cases', g.id, count(c.id)) from g left join cases c on c.engagement_id = g.id
        where g.status = 'completed' and g.head_reflection is not null and g.expert_reflection is not null group by g.id having count(c.id) <> 1`,
  },
  {
    name: 'notifications and e-mails are the same events',
    violations: sql`select format('%s notifications but %s e-mails to %s: %s', coalesce(nn.c, 0), coalesce(mm.c, 0), coalesce(nn.addr, mm.addr), coalesce(nn.title, mm.title))
      from nn full join mm on nn.addr = mm.addr and nn.title = mm.title and nn.link = mm.link where coalesce(nn.c, 0) <> coalesce(mm.c, 0)`,
  },
]

/**
 * Every invariant over the sequence's rows as one statement. `mark` is the database's clock before the
 * step: notifications and e-mails written since are the step's own.
 */
export function invariantQuery(w: World, mark: string): SQL {
  const terms = sql.join(w.seq.terms.map((t) => sql`(${t.start}::date, ${t.name}::text)`), sql`, `)
  const checks = sql.join(INVARIANTS.map((inv, i) => sql`select ${i}::int as invariant, detail::text from (${inv.violations}) as v${sql.raw(String(i))}(detail)`), sql` union all `)
  return sql`
    with r as (select * from requests where id in ${w.seqRequests()}),
    o as (select * from offers where request_id in (select id from r)),
    g as (select * from engagements where request_id in (select id from r)),
    x as (select * from engagement_extensions where engagement_id in (select id from g)),
    l as (select * from engagement_logs where engagement_id in (select id from g)),
    rf as (select r.*, (select count(*) from g where g.request_id = r.id and g.status in ('active', 'completed'))::int as filled from r),
    ch as (select g.id, g.expertise_id, g.provider_school_id, g.status, g.release, g.release_decided_by_id,
        coalesce(gt.term_start, g.term_start) as term_start, coalesce(gt.days, g.days) as days
      from g left join engagement_terms gt on gt.engagement_id = g.id),
    xt as (select engagement_id, term_start, sum(days) filter (where release_decided_by_id is null) as automatic,
        sum(days) filter (where release_decided_by_id is not null) as explicit
      from x where status = 'approved' group by engagement_id, term_start),
    terms(start, name) as (values ${terms}),
    nn as (select p.email as addr, n.title, coalesce(n.link, '') as link, count(*) as c from notifications n join people p on p.id = n.person_id
      where n.trust_id = ${w.trustId} and n.created_at >= ${mark} and n.delivery = 'immediate' and p.active group by 1, 2, 3),
    mm as (select "to" as addr, subject as title, coalesce(link, '') as link, count(*) as c from email_outbox
      where trust_id = ${w.trustId} and created_at >= ${mark} group by 1, 2, 3)
    ${checks}`
}
