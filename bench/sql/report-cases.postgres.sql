-- The same cases as report-cases.sqlite.sql, into a Caseboard PostgreSQL database.
WITH timed AS (
    SELECT i,
           now() - make_interval(mins => (i * 7919) % 525600) AS in_theatre,
           now() - make_interval(mins => (i * 7919) % 525600 + 120 + i % 3000) AS admitted
      FROM generate_series(1, :cases) AS i),
texts AS (
    SELECT *, to_char(in_theatre AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS went_in
      FROM timed)
INSERT INTO cases (id, name, section, order_index, archived, created_at, updated_at, version,
                   priority, pathway, admitted_at, decision_at, theatre_status, theatre_times,
                   cancellations)
SELECT md5(i::text)::uuid,
       'Bench patient ' || i,
       'bench_' || (i % 4),
       i,
       i % 10 = 0,
       admitted,
       admitted,
       1,
       CASE i % 4 WHEN 0 THEN 'urgent' WHEN 1 THEN 'expedited' WHEN 2 THEN 'elective' END,
       CASE i % 3 WHEN 0 THEN 'hip_fracture' WHEN 1 THEN 'ankle' END,
       admitted,
       CASE WHEN i % 4 < 3 THEN admitted END,
       CASE WHEN i % 20 < 17 THEN 'returned' END,
       CASE WHEN i % 20 < 17 THEN jsonb_build_object('in_theatre', went_in, 'returned', went_in)
            ELSE '{}'::jsonb END,
       CASE WHEN i % 20 = 0 THEN jsonb_build_array(jsonb_build_object(
                'at', to_char(admitted AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'reason', (ARRAY['patient_unfit', 'no_theatre_time', 'no_bed', 'no_staff',
                                 'equipment', 'patient_declined', 'more_urgent_case',
                                 'admin_error', 'other'])[i % 9 + 1],
                'note', '', 'by', 'bench@example.org'))
            ELSE '[]'::jsonb END
  FROM texts;
ANALYZE cases;
