-- Analytics: the all-time grain ('a', bucket 1900-01-01) of the rollup, the sum of every academic year's rows, so a
-- dashboard over a range holding every record reads one row per key. Existing rollups get their all-time rows here;
-- the refresh keeps them current from then on (modules/analytics/analytics.refresh.ts).
insert into analytics_rollup (dim, grain, site_id, bucket, measure, key, trust_id, n)
select dim, 'a', site_id, '1900-01-01'::date, measure, key, trust_id, sum(n)::int
  from analytics_rollup where grain = 'y'
 group by dim, site_id, measure, key, trust_id
having sum(n) <> 0
on conflict (dim, grain, site_id, bucket, measure, key) do nothing;
