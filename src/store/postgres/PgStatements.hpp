#pragma once

#include "store/postgres/PgConnection.hpp"

// Every statement of PostgresStore but those of whole cases (PgCaseStatements.hpp), prepared
// once per connection. Parameters only: no input is ever SQL text.
namespace caseboard::store::postgres {

// Timestamps read back in the text form the API has always had (domain/Clock.hpp),
// whatever the session's time zone and date style.
#define PG_TIMESTAMP(column) \
    "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
#define USER_COLUMNS "id, email, password_hash, created_at, role, active, source"
#define USER_SELECT "id, email, password_hash, " PG_TIMESTAMP("created_at") ", role, active, source"
#define AUDIT_SELECT \
    "id, " PG_TIMESTAMP("at") ", user_id, email, action, case_id, target_user, changes, " \
                              "session_id"

// Locks rows in one order (by id) so that two reorders of the same cases cannot deadlock.
inline constexpr PgStatement kLockCases{
    "lock_cases", "SELECT id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE"};
// Creates in one section queue here so that each sees the others' order_index.
inline constexpr PgStatement kLockSection{
    "lock_section", "SELECT pg_advisory_xact_lock(1128350536, hashtext($1::text))"};
inline constexpr PgStatement kNextOrderIndex{
    "next_order_index", "SELECT COALESCE(MAX(order_index), 0) + 1 FROM cases WHERE section = $1"};
inline constexpr PgStatement kInsertAudit{
    "insert_audit",
    "INSERT INTO audit (at, user_id, email, action, case_id, target_user, changes, session_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"};
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
// Affects no row when the mark is there already: another instance (or an earlier run) announced.
inline constexpr PgStatement kClaimClock{
    "claim_clock",
    "UPDATE cases SET clock_announced = $2 WHERE id = $1 AND clock_announced IS DISTINCT FROM $2"};
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

#undef USER_COLUMNS
#undef USER_SELECT
#undef AUDIT_SELECT
#undef PG_TIMESTAMP

}  // namespace caseboard::store::postgres
