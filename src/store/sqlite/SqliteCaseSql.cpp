#include "store/sqlite/SqliteCaseSql.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>

#include "domain/CaseFields.hpp"
#include "domain/CaseFilterParams.hpp"
#include "store/CaseSql.hpp"

namespace caseboard::store::sqlite {

namespace {

std::string parameter(std::size_t number) {
    return "?" + std::to_string(number);
}

// SQLite keeps every field as written: dates and times as their text, booleans as 0 or 1.
const SqlDialect kSqlite{
    .parameter = parameter,
    .readColumn = [](const domain::CaseField& field) { return std::string(field.name); },
    .writtenValue = [](const domain::CaseField&, std::size_t number) { return parameter(number); },
    .filterValue = [](const domain::CaseFilterParam&,
                      std::size_t number) { return parameter(number); },
    // instr + lower: ASCII case folding, no LIKE wildcards.
    .contains =
        [](const std::string& column, const std::string& value) {
            return "instr(lower(" + column + "), lower(" + value + ")) > 0";
        },
    // A negative limit is none.
    .limit = [](const std::string& value) { return " LIMIT coalesce(" + value + ", -1)"; },
};

SqliteCaseSql build() {
    const std::string columns = caseSelectList(kSqlite);
    SqliteCaseSql sql;
    sql.selectById = "SELECT " + columns + " FROM cases WHERE id = ?1";
    sql.insert = caseInsert(kSqlite, "audit_key");
    sql.update = caseUpdate(kSqlite);
    sql.list = caseList(kSqlite, columns);
    return sql;
}

}  // namespace

const SqliteCaseSql& caseSql() {
    static const SqliteCaseSql sql = build();
    return sql;
}

void bindFilter(Statement& list, const domain::CaseFilter& filter) {
    int number = 0;
    for (const auto& param : domain::kSqlFilterParams) {
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
                } else if constexpr (std::is_same_v<Value, std::optional<int>> ||
                                     std::is_same_v<Value, std::optional<bool>>) {
                    list.bind(number, std::int64_t{*value});
                } else {
                    list.bind(number, *value);
                }
            },
            param.member);
    }
}

}  // namespace caseboard::store::sqlite
