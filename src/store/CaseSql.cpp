#include "store/CaseSql.hpp"

namespace caseboard::store {

namespace {

using domain::FilterMatch;
using domain::kStoredCaseFieldCount;
using domain::kStoredCaseFields;

// A case sent for, or in the anaesthetic room, still awaits its theatre time.
std::string notYetInTheatre() {
    std::string statuses;
    for (std::size_t i = 0; i < 2; ++i) {
        if (!statuses.empty()) statuses += ", ";
        statuses += "'" + std::string(domain::kTheatreStatuses[i]) + "'";
    }
    return "(theatre_status IS NULL OR theatre_status IN (" + statuses + "))";
}

std::string criterion(const SqlDialect& dialect, FilterMatch match, std::string_view column,
                      const std::string& value) {
    const std::string field(column);
    const std::string unset = "(" + value + " IS NULL OR ";
    switch (match) {
        case FilterMatch::Exact:
            return unset + field + " = " + value + ")";
        case FilterMatch::Contains:
            return unset + dialect.contains(field, value) + ")";
        case FilterMatch::From:
            return unset + field + " >= " + value + ")";
        case FilterMatch::To:
            return unset + field + " <= " + value + ")";
        case FilterMatch::Flag:
            return field + " = " + value;
        case FilterMatch::Is:
            return unset + field + " = " + value + ")";
        case FilterMatch::Session:
            return unset + "(" + value + " = '" + std::string(domain::kNotBooked) + "' AND " +
                   field + " IS NULL AND archived = FALSE AND " + notYetInTheatre() + ") OR CAST(" +
                   field + " AS TEXT) = " + value + ")";
        case FilterMatch::Limit:
        case FilterMatch::Offset:
            break;
    }
    return {};
}

}  // namespace

std::string caseSelectList(const SqlDialect& dialect) {
    std::string list;
    for (const auto& field : kStoredCaseFields) {
        if (!list.empty()) list += ", ";
        list += dialect.readColumn(field);
    }
    return list;
}

std::string caseInsert(const SqlDialect& dialect, std::string_view extraColumn) {
    std::string columns;
    std::string values;
    for (std::size_t i = 0; i < kStoredCaseFieldCount; ++i) {
        if (i > 0) {
            columns += ", ";
            values += ", ";
        }
        columns += kStoredCaseFields[i].name;
        values += dialect.writtenValue(kStoredCaseFields[i], i + 1);
    }
    if (!extraColumn.empty()) {
        columns += ", " + std::string(extraColumn);
        values += ", " + dialect.parameter(kStoredCaseFieldCount + 1);
    }
    return "INSERT INTO cases (" + columns + ") VALUES (" + values + ")";
}

std::string caseUpdate(const SqlDialect& dialect) {
    const std::size_t key = domain::caseFieldIndex(&domain::Case::id);
    std::string assignments;
    for (std::size_t i = 0; i < kStoredCaseFieldCount; ++i) {
        if (i == key) continue;
        if (!assignments.empty()) assignments += ", ";
        assignments += std::string(kStoredCaseFields[i].name) + " = " +
                       dialect.writtenValue(kStoredCaseFields[i], i + 1);
    }
    return "UPDATE cases SET " + assignments + " WHERE id = " + dialect.parameter(key + 1);
}

std::string caseList(const SqlDialect& dialect, const std::string& selectList) {
    std::string where;
    std::string paging;
    std::size_t number = 0;
    for (const auto& param : domain::kSqlFilterParams) {
        const std::string value = dialect.filterValue(param, ++number);
        if (param.match == FilterMatch::Limit) {
            paging += dialect.limit(value);
        } else if (param.match == FilterMatch::Offset) {
            paging += " OFFSET " + value;
        } else {
            where += (where.empty() ? " WHERE " : " AND ") +
                     criterion(dialect, param.match, param.field, value);
        }
    }
    return "SELECT " + selectList + " FROM cases" + where +
           " ORDER BY section, order_index, created_at, id" + paging;
}

}  // namespace caseboard::store
