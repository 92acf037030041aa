#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <variant>

#include "domain/CancellationsJson.hpp"
#include "domain/Case.hpp"
#include "domain/CaseFields.hpp"
#include "domain/FieldMapText.hpp"

namespace caseboard::store {

// The case of one result row whose columns are the field table's, in its order (store/CaseSql).
// Row is a store's view of that row: text(i), optionalText(i), boolean(i) and integer(i) of
// column i (optionalInteger(i) when it may be NULL). An object's or a list's column holds its
// JSON text (domain/FieldMapText.hpp, domain/CancellationsJson.hpp).
template <typename Row>
domain::Case caseFromRow(const Row& row) {
    domain::Case c;
    int column = 0;
    for (const auto& field : domain::kStoredCaseFields) {
        std::visit(
            [&](auto member) {
                auto& value = c.*member;
                using Value = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<Value, std::string>) {
                    value = row.text(column);
                } else if constexpr (std::is_same_v<Value, std::optional<std::string>>) {
                    value = row.optionalText(column);
                } else if constexpr (std::is_same_v<Value, std::optional<std::int64_t>>) {
                    value = row.optionalInteger(column);
                } else if constexpr (std::is_same_v<Value, bool>) {
                    value = row.boolean(column);
                } else if constexpr (std::is_same_v<Value, domain::FieldMap>) {
                    value = domain::fieldMapFromText(row.text(column));
                } else if constexpr (std::is_same_v<Value, domain::Cancellations>) {
                    value = domain::cancellationsFromText(row.text(column));
                } else {
                    value = row.integer(column);
                }
            },
            field.member);
        ++column;
    }
    return c;
}

}  // namespace caseboard::store
