-- :cases cases straight into a Caseboard SQLite database (bench/reports.sh): one a little under
-- every 5 minutes over the last year, most of them through theatre, one in 20 cancelled once.
-- A case i went in at now − (i·7919 mod 525600) minutes, scattering them over the year.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :cases),
timed AS (
    SELECT i,
           strftime('%Y-%m-%dT%H:%M:%S', 'now', printf('-%d minutes', (i * 7919) % 525600))
               || '.000000Z' AS in_theatre,
           strftime('%Y-%m-%dT%H:%M:%S', 'now',
                    printf('-%d minutes', (i * 7919) % 525600 + 120 + i % 3000))
               || '.000000Z' AS admitted
      FROM n)
INSERT INTO cases (id, name, section, order_index, archived, created_at, updated_at, version,
                   priority, pathway, admitted_at, decision_at, theatre_status, theatre_times,
                   cancellations)
SELECT printf('%08x-0000-4000-8000-%012d', i, i),
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
       CASE WHEN i % 20 < 17 THEN json_object('in_theatre', in_theatre, 'returned', in_theatre)
            ELSE '{}' END,
       CASE WHEN i % 20 = 0 THEN json_array(json_object(
                'at', admitted,
                'reason', CASE i % 9 WHEN 0 THEN 'patient_unfit' WHEN 1 THEN 'no_theatre_time'
                          WHEN 2 THEN 'no_bed' WHEN 3 THEN 'no_staff' WHEN 4 THEN 'equipment'
                          WHEN 5 THEN 'patient_declined' WHEN 6 THEN 'more_urgent_case'
                          WHEN 7 THEN 'admin_error' ELSE 'other' END,
                'note', '', 'by', 'bench@example.org'))
            ELSE '[]' END
  FROM timed;
