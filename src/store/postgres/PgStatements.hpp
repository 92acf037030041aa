#pragma once

#include "store/postgres/PgConnection.hpp"

// Every statement of PostgresStore, prepared once per connection. Parameters only: no input is
// ever SQL text.
namespace caseboard::store::postgres {

#define CASE_COLUMNS                                                                           \
    "id, name, diagnosis, outcome, section, surgery_date, order_index, archived, created_at, " \
    "updated_at, version, hospital_number, ward, consultant, date_of_injury, theatre_slot, notes"
// Timestamps and dates read back in the text form the API has always had (domain/Clock.hpp),
// whatever the session's time zone and date style.
#define PG_TIMESTAMP(column) \
    "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
#define PG_DATE(column) "to_char(" column ", 'YYYY-MM-DD')"
#define CASE_SELECT \
    "id, name, diagnosis, outcome, section, " PG_DATE("surgery_date") ", order_index, archived, " \
    PG_TIMESTAMP("created_at") ", " PG_TIMESTAMP("updated_at") ", version, hospital_number, ward, "  \
    "consultant, " PG_DATE("date_of_injury") ", theatre_slot, notes"
#define CASE_VALUES                                                                               \
    "$1, $2, $3, $4, $5, $6, $7::bigint, $8::boolean, $9, $10, $11::bigint, $12, $13, $14, $15, " \
    "$16, $17"
#define USER_COLUMNS "id, email, password_hash, created_at, role, active, source"
#define USER_SELECT "id, email, password_hash, " PG_TIMESTAMP("created_at") ", role, active, source"
#define AUDIT_SELECT \
    "id, " PG_TIMESTAMP("at") ", user_id, email, action, case_id, target_user, changes"

inline constexpr PgStatement kSelectCase{"case_by_id",
                                         "SELECT " CASE_SELECT " FROM cases WHERE id = $1"};
inline constexpr PgStatement kSelectCaseForUpdate{
    "case_by_id_for_update", "SELECT " CASE_SELECT " FROM cases WHERE id = $1 FOR UPDATE"};
inline constexpr PgStatement kSelectCases{
    "cases_by_ids", "SELECT " CASE_SELECT " FROM cases WHERE id = ANY($1::uuid[])"};
// Locks rows in one order (by id) so that two reorders of the same cases cannot deadlock.
inline constexpr PgStatement kLockCases{
    "lock_cases", "SELECT id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE"};
// One statement for every combination: a criterion left NULL matches everything, a case with no
// surgery date never matches a bound. strpos + lower on "C"-collated text, as SQLite's instr +
// lower (ASCII case folding, no LIKE wildcards).
inline constexpr PgStatement kListCases{
    "list_cases",
    "SELECT " CASE_SELECT
    " FROM cases WHERE archived = $1::boolean"
    " AND ($2::text IS NULL OR strpos(lower(name), lower($2::text COLLATE \"C\")) > 0)"
    " AND ($3::text IS NULL OR strpos(lower(diagnosis), lower($3::text COLLATE \"C\")) > 0)"
    " AND ($4::text IS NULL OR outcome = $4::text)"
    " AND ($5::text IS NULL OR section = $5::text)"
    " AND ($6::date IS NULL OR surgery_date >= $6::date)"
    " AND ($7::date IS NULL OR surgery_date <= $7::date)"
    " AND ($10::text IS NULL OR hospital_number = $10::text)"
    " AND ($11::text IS NULL OR ward = $11::text)"
    " AND ($12::text IS NULL OR strpos(lower(consultant), lower($12::text COLLATE \"C\")) > 0)"
    " AND ($13::date IS NULL OR date_of_injury >= $13::date)"
    " AND ($14::date IS NULL OR date_of_injury <= $14::date)"
    " AND ($15::text IS NULL OR theatre_slot = $15::text)"
    " ORDER BY section, order_index, created_at, id LIMIT $8::bigint OFFSET $9::bigint"};
// Creates in one section queue here so that each sees the others' order_index.
inline constexpr PgStatement kLockSection{
    "lock_section", "SELECT pg_advisory_xact_lock(1128350536, hashtext($1::text))"};
inline constexpr PgStatement kNextOrderIndex{
    "next_order_index", "SELECT COALESCE(MAX(order_index), 0) + 1 FROM cases WHERE section = $1"};
inline constexpr PgStatement kInsertCase{
    "insert_case", "INSERT INTO cases (" CASE_COLUMNS ") VALUES (" CASE_VALUES ")"};
inline constexpr PgStatement kImportCase{"import_case",
                                         "INSERT INTO cases (" CASE_COLUMNS ") VALUES (" CASE_VALUES
                                         ") ON CONFLICT DO NOTHING"};
inline constexpr PgStatement kStoreCase{
    "store_case",
    "UPDATE cases SET name = $2, diagnosis = $3, outcome = $4, section = $5, surgery_date = $6,"
    " order_index = $7::bigint, archived = $8::boolean, created_at = $9, updated_at = $10,"
    " version = $11::bigint, hospital_number = $12, ward = $13, consultant = $14,"
    " date_of_injury = $15, theatre_slot = $16, notes = $17 WHERE id = $1"};
inline constexpr PgStatement kInsertAudit{
    "insert_audit",
    "INSERT INTO audit (at, user_id, email, action, case_id, target_user, changes)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)"};
inline constexpr PgStatement kCaseHistory{
    "case_history",
    "SELECT " AUDIT_SELECT
    " FROM audit WHERE case_id = $1 ORDER BY id LIMIT $2::bigint OFFSET $3::bigint"};
inline constexpr PgStatement kAuditTrail{
    "audit_trail",
    "SELECT " AUDIT_SELECT
    " FROM audit"
    " WHERE ($1::text IS NULL OR user_id = $1::text OR email = $1::text)"
    " AND ($2::uuid IS NULL OR case_id = $2::uuid) AND ($3::text IS NULL OR action = $3::text)"
    " AND ($4::date IS NULL OR at >= ($4::date::timestamp AT TIME ZONE 'UTC'))"
    " AND ($5::date IS NULL OR at < ($5::date::timestamp AT TIME ZONE 'UTC'))"
    " ORDER BY id DESC LIMIT $6::bigint OFFSET $7::bigint"};
// The first user of an empty database becomes its admin: registrations queue on this lock.
inline constexpr PgStatement kLockUsers{"lock_users", "SELECT pg_advisory_xact_lock(1128350537)"};
inline constexpr PgStatement kCountAllUsers{"count_all_users", "SELECT count(*) FROM users"};
inline constexpr PgStatement kCountActiveAdmins{
    "count_active_admins", "SELECT count(*) FROM users WHERE role = 'admin' AND active"};
inline constexpr PgStatement kSetRole{"set_role", "UPDATE users SET role = $2 WHERE id = $1"};
inline constexpr PgStatement kSetActive{"set_active",
                                        "UPDATE users SET active = $2::boolean WHERE id = $1"};
inline constexpr PgStatement kSetPassword{"set_password",
                                          "UPDATE users SET password_hash = $2 WHERE id = $1"};
inline constexpr PgStatement kPruneSessions{"prune_sessions",
                                            "DELETE FROM sessions WHERE expires_at < $1::bigint"};
inline constexpr PgStatement kInsertSession{
    "insert_session",
    "INSERT INTO sessions (id, user_id, method, created_at, expires_at)"
    " VALUES ($1, $2, $3, $4, $5::bigint)"};
inline constexpr PgStatement kSessionUser{
    "session_user",
    "SELECT u.id, u.email, u.password_hash, " PG_TIMESTAMP("u.created_at") ", u.role, u.active,"
    " u.source"
    " FROM sessions s JOIN users u ON u.id = s.user_id"
    " WHERE s.id = $1 AND s.ended_at IS NULL AND u.active"};
inline constexpr PgStatement kEndSession{
    "end_session",
    "UPDATE sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL RETURNING user_id"};
inline constexpr PgStatement kEndSessionsOf{
    "end_sessions_of",
    "UPDATE sessions SET ended_at = $3 WHERE user_id = $1 AND ended_at IS NULL"
    " AND ($2::uuid IS NULL OR id <> $2::uuid)"};
inline constexpr PgStatement kDeleteCase{"delete_case", "DELETE FROM cases WHERE id = $1"};
inline constexpr PgStatement kCountCases{"count_cases",
                                         "SELECT count(*) FROM cases WHERE id = ANY($1::uuid[])"};
inline constexpr PgStatement kNotify{"notify", "SELECT pg_notify($1, $2)"};

inline constexpr PgStatement kInsertUser{"insert_user",
                                         "INSERT INTO users (" USER_COLUMNS
                                         ") VALUES ($1, $2, $3, $4, $5, $6::boolean, $7)"};
inline constexpr PgStatement kImportUser{
    "import_user", "INSERT INTO users (" USER_COLUMNS
                   ") VALUES ($1, $2, $3, $4, $5, $6::boolean, $7) ON CONFLICT DO NOTHING"};
inline constexpr PgStatement kUserByEmail{"user_by_email",
                                          "SELECT " USER_SELECT " FROM users WHERE email = $1"};
inline constexpr PgStatement kUserById{"user_by_id",
                                       "SELECT " USER_SELECT " FROM users WHERE id = $1"};
inline constexpr PgStatement kAllUsers{"all_users",
                                       "SELECT " USER_SELECT " FROM users ORDER BY created_at, id"};
inline constexpr PgStatement kCountUsers{"count_users",
                                         "SELECT count(*) FROM users WHERE id = ANY($1::uuid[])"};
inline constexpr PgStatement kPing{"ping", "SELECT 1"};

#undef CASE_COLUMNS
#undef CASE_VALUES
#undef USER_COLUMNS
#undef USER_SELECT
#undef AUDIT_SELECT
#undef CASE_SELECT
#undef PG_TIMESTAMP
#undef PG_DATE

}  // namespace caseboard::store::postgres
