#include "store/postgres/PgCaseStatements.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "domain/CaseFields.hpp"
#include "domain/CaseFilterParams.hpp"
#include "store/CaseSql.hpp"
#include "store/postgres/PgRows.hpp"

namespace caseboard::store::postgres {

namespace {

using domain::CaseField;
using domain::FieldType;

std::string parameter(std::size_t number) {
    return "$" + std::to_string(number);
}

// Timestamps and dates read back in the text form the API has always had (domain/Clock.hpp),
// whatever the session's time zone and date style.
std::string readColumn(const CaseField& field) {
    const std::string column(field.name);
    switch (field.type) {
        case FieldType::Date:
            return "to_char(" + column + ", 'YYYY-MM-DD')";
        case FieldType::Timestamp:
            return "to_char(" + column +
                   " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
        case FieldType::Object:
        case FieldType::Array:
            return column + "::text";
        case FieldType::String:
        case FieldType::Integer:
        case FieldType::Boolean:
            break;
    }
    return column;
}

// Dates, times and ids are left for the column to type; numbers and flags are sent as text.
std::string writtenValue(const CaseField& field, std::size_t number) {
    switch (field.type) {
        case FieldType::Integer:
            return parameter(number) + "::bigint";
        case FieldType::Boolean:
            return parameter(number) + "::boolean";
        case FieldType::Object:
        case FieldType::Array:
            return parameter(number) + "::jsonb";
        case FieldType::String:
        case FieldType::Date:
        case FieldType::Timestamp:
            break;
    }
    return parameter(number);
}

// The type a filter's parameter is sent as, from where CaseFilter keeps it.
std::string_view parameterType(const domain::CaseFilterMember& member) {
    return std::visit(
        [](auto pointer) -> std::string_view {
            using Value = std::decay_t<decltype(std::declval<domain::CaseFilter>().*pointer)>;
            if constexpr (std::is_same_v<Value, std::optional<std::string>>) return "::text";
            if constexpr (std::is_same_v<Value, std::optional<domain::Date>>) return "::date";
            if constexpr (std::is_same_v<Value, bool> ||
                          std::is_same_v<Value, std::optional<bool>>) {
                return "::boolean";
            }
            return "::bigint";
        },
        member);
}

const SqlDialect kPostgres{
    .parameter = parameter,
    .readColumn = readColumn,
    .writtenValue = writtenValue,
    .filterValue =
        [](const domain::CaseFilterParam& param, std::size_t number) {
            return parameter(number) + std::string(parameterType(param.member));
        },
    // strpos + lower on "C"-collated text, as SQLite's instr + lower: ASCII case folding, no LIKE
    // wildcards.
    .contains =
        [](const std::string& column, const std::string& value) {
            return "strpos(lower(" + column + "), lower(" + value + " COLLATE \"C\")) > 0";
        },
    .limit = [](const std::string& value) { return " LIMIT " + value; },  // NULL is no limit
};

struct Texts {
    std::string selectById;
    std::string selectByIdForUpdate;
    std::string selectByIds;
    std::string list;
    std::string insert;
    std::string import;
    std::string update;
};

Texts build() {
    const std::string columns = caseSelectList(kPostgres);
    Texts texts;
    texts.selectById = "SELECT " + columns + " FROM cases WHERE id = $1";
    texts.selectByIdForUpdate = texts.selectById + " FOR UPDATE";
    texts.selectByIds = "SELECT " + columns + " FROM cases WHERE id = ANY($1::uuid[])";
    texts.list = caseList(kPostgres, columns);
    texts.insert = caseInsert(kPostgres);
    texts.import = texts.insert + " ON CONFLICT DO NOTHING";
    texts.update = caseUpdate(kPostgres);
    return texts;
}

}  // namespace

const PgCaseStatements& caseStatements() {
    static const Texts texts = build();
    static const PgCaseStatements statements{
        {"case_by_id", texts.selectById.c_str()},
        {"case_by_id_for_update", texts.selectByIdForUpdate.c_str()},
        {"cases_by_ids", texts.selectByIds.c_str()},
        {"list_cases", texts.list.c_str()},
        {"insert_case", texts.insert.c_str()},
        {"import_case", texts.import.c_str()},
        {"store_case", texts.update.c_str()},
    };
    return statements;
}

PgParams filterParams(const domain::CaseFilter& filter) {
    PgParams params;
    params.reserve(domain::kSqlFilterParams.size());
    for (const auto& param : domain::kSqlFilterParams) {
        std::visit(
            [&](auto member) {
                const auto& value = filter.*member;
                using Value = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<Value, bool>) {
                    params.emplace_back(boolean(value));
                } else if constexpr (std::is_same_v<Value, int>) {
                    params.emplace_back(std::to_string(value));
                } else if (!value) {
                    params.emplace_back(std::nullopt);
                } else if constexpr (std::is_same_v<Value, std::optional<domain::Date>>) {
                    params.emplace_back(value->str());
                } else if constexpr (std::is_same_v<Value, std::optional<int>>) {
                    params.emplace_back(std::to_string(*value));
                } else if constexpr (std::is_same_v<Value, std::optional<bool>>) {
                    params.emplace_back(boolean(*value));
                } else {
                    params.emplace_back(*value);
                }
            },
            param.member);
    }
    return params;
}

}  // namespace caseboard::store::postgres
