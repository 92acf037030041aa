#include "store/sqlite/SqliteCaseSql.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>

#include "domain/CaseFields.hpp"
#include "domain/CaseFilterParams.hpp"

namespace caseboard::store::sqlite {

namespace {

using domain::FilterMatch;
using domain::kCaseFieldCount;
using domain::kCaseFields;

std::string parameter(std::size_t number) {
    return "?" + std::to_string(number);
}

std::string columnList() {
    std::string columns;
    for (const auto& field : kCaseFields) {
        if (!columns.empty()) columns += ", ";
        columns += field.name;
    }
    return columns;
}

std::string insertStatement(const std::string& columns) {
    std::string values;
    for (std::size_t i = 1; i <= kCaseFieldCount + 1; ++i) {
        if (i > 1) values += ", ";
        values += parameter(i);
    }
    return "INSERT INTO cases (" + columns + ", audit_key) VALUES (" + values + ")";
}

std::string updateStatement() {
    const std::size_t key = domain::caseFieldIndex(&domain::Case::id);
    std::string assignments;
    for (std::size_t i = 0; i < kCaseFieldCount; ++i) {
        if (i == key) continue;
        if (!assignments.empty()) assignments += ", ";
        assignments += std::string(kCaseFields[i].name) + " = " + parameter(i + 1);
    }
    return "UPDATE cases SET " + assignments + " WHERE id = " + parameter(key + 1);
}

// A criterion left NULL matches everything. A case with no value compares as NULL against a
// bound, so it never matches one. Contains is instr + lower: ASCII case folding, no LIKE
// wildcards.
std::string criterion(FilterMatch match, std::string_view column, const std::string& value) {
    const std::string field(column);
    switch (match) {
        case FilterMatch::Exact:
            return "(" + value + " IS NULL OR " + field + " = " + value + ")";
        case FilterMatch::Contains:
            return "(" + value + " IS NULL OR instr(lower(" + field + "), lower(" + value +
                   ")) > 0)";
        case FilterMatch::From:
            return "(" + value + " IS NULL OR " + field + " >= " + value + ")";
        case FilterMatch::To:
            return "(" + value + " IS NULL OR " + field + " <= " + value + ")";
        case FilterMatch::Flag:
            return field + " = " + value;
        case FilterMatch::Limit:
        case FilterMatch::Offset:
            break;
    }
    return {};
}

std::string listStatement(const std::string& columns) {
    std::string where;
    std::string paging;
    std::size_t number = 0;
    for (const auto& param : domain::kCaseFilterParams) {
        const std::string value = parameter(++number);
        if (param.match == FilterMatch::Limit) {
            paging += " LIMIT coalesce(" + value + ", -1)";  // a negative limit is none
        } else if (param.match == FilterMatch::Offset) {
            paging += " OFFSET " + value;
        } else {
            where +=
                (where.empty() ? " WHERE " : " AND ") + criterion(param.match, param.field, value);
        }
    }
    return "SELECT " + columns + " FROM cases" + where +
           " ORDER BY section, order_index, created_at, id" + paging;
}

SqliteCaseSql build() {
    const std::string columns = columnList();
    SqliteCaseSql sql;
    sql.selectById = "SELECT " + columns + " FROM cases WHERE id = ?1";
    sql.insert = insertStatement(columns);
    sql.update = updateStatement();
    sql.list = listStatement(columns);
    return sql;
}

}  // namespace

const SqliteCaseSql& caseSql() {
    static const SqliteCaseSql sql = build();
    return sql;
}

void bindFilter(Statement& list, const domain::CaseFilter& filter) {
    int number = 0;
    for (const auto& param : domain::kCaseFilterParams) {
        ++number;
        std::visit(
            [&](auto member) {
                const auto& value = filter.*member;
                using Value = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<Value, bool> || std::is_same_v<Value, int>) {
                    list.bind(number, std::int64_t{value});
                } else if (!value) {
                    list.bindNull(number);
                } else if constexpr (std::is_same_v<Value, std::optional<domain::Date>>) {
                    list.bind(number, value->str());
                } else if constexpr (std::is_same_v<Value, std::optional<int>>) {
                    list.bind(number, std::int64_t{*value});
                } else {
                    list.bind(number, *value);
                }
            },
            param.member);
    }
}

}  // namespace caseboard::store::sqlite
