#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <bitset>
#include <string>
#include <type_traits>
#include <variant>

#include "domain/Audit.hpp"
#include "domain/CaseFieldValues.hpp"
#include "domain/CaseFields.hpp"
#include "store/Store.hpp"

// A case with every field a client writes set, driven by the field table, so that a field added
// to the table is covered by each store's round trip without a line here.
namespace caseboard::storetest {

// Every writable field away from Case{}'s value, each from its own entry; another `seed` gives
// other values for every field (1 and 2 differ everywhere). Values fit each field's rules.
inline domain::Case everyFieldSet(int seed) {
    domain::Case c;
    for (std::size_t i = 0; i < domain::kStoredCaseFieldCount; ++i) {
        const domain::CaseField& field = domain::kCaseFields[i];
        // A session id must name a session that exists: left unbooked here.
        if (!field.writable() || field.member == domain::CaseMember(&domain::Case::sessionId)) {
            continue;
        }
        std::string text = "v" + std::to_string(seed) + "f" + std::to_string(i);
        if (!field.values.empty()) text = field.values[seed % field.values.size()];
        if (field.type == domain::FieldType::Date) text = "2024-03-1" + std::to_string(seed);
        if (field.type == domain::FieldType::Timestamp) {
            text =
                "2024-03-1" + std::to_string(seed) + "T0" + std::to_string(seed) + ":00:00.000000Z";
        }
        std::visit(
            [&](auto member) {
                auto& value = c.*member;
                using Value = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<Value, bool>) {
                    value = seed % 2 == 1;
                } else if constexpr (std::is_same_v<Value, std::int64_t> ||
                                     std::is_same_v<Value, std::optional<std::int64_t>>) {
                    value = 100 * seed + static_cast<std::int64_t>(i);
                } else if constexpr (std::is_same_v<Value, domain::FieldMap>) {
                    // Every key at a value other than its default, which a map does not hold.
                    std::size_t k = 0;
                    for (std::string_view key : field.keys) {
                        std::size_t pick =
                            1 + (static_cast<std::size_t>(seed) + k++) % (field.values.size() - 1);
                        value.emplace(std::string(key), std::string(field.values[pick]));
                    }
                } else if constexpr (!std::is_same_v<Value, domain::Cancellations>) {
                    value = text;  // (no client writes a list)
                }
            },
            field.member);
    }
    return c;
}

inline domain::CaseDraft draftOf(const domain::Case& values) {
    domain::CaseDraft draft;
    static_cast<domain::Case&>(draft) = values;
    draft.orderIndex = values.orderIndex;
    return draft;
}

// Sets every writable field.
inline domain::CasePatch patchOf(const domain::Case& values) {
    std::bitset<domain::kMaxCaseFields> sent;
    for (std::size_t i = 0; i < domain::kStoredCaseFieldCount; ++i) {
        sent.set(i, domain::kCaseFields[i].writable());
    }
    return domain::CasePatch(values, sent);
}

// Field by field, named in the failure; only the writable ones when `writableOnly`.
inline void expectSameFields(const domain::Case& expected, const domain::Case& actual,
                             bool writableOnly, const std::string& what) {
    for (const domain::CaseField& field : domain::kStoredCaseFields) {
        if (writableOnly && !field.writable()) continue;
        EXPECT_TRUE(domain::sameValue(field, expected, actual))
            << what << ": " << field.name << " is "
            << boost::json::serialize(domain::fieldJson(field, actual)) << ", not "
            << boost::json::serialize(domain::fieldJson(field, expected));
    }
}

// Created with every field set, then updated with every field changed: each time the store gives
// back exactly what it was given, by id and in a list.
inline void expectEveryFieldRoundTrips(store::Store& store, const domain::Actor& actor) {
    const domain::Case first = everyFieldSet(1);
    const domain::Case created = store.createCase(draftOf(first), actor);
    expectSameFields(first, created, true, "created");
    auto found = store.findCase(created.id);
    ASSERT_TRUE(found.has_value());
    expectSameFields(created, *found, false, "read after create");

    const domain::Case second = everyFieldSet(2);
    const domain::Case updated = store.updateCase(created.id, patchOf(second), 1, actor);
    expectSameFields(second, updated, true, "updated");
    found = store.findCase(created.id);
    ASSERT_TRUE(found.has_value());
    expectSameFields(updated, *found, false, "read after update");

    domain::CaseFilter all;
    all.archived = second.archived;
    auto listed = store.listCases(all);
    ASSERT_EQ(listed.size(), 1u);
    expectSameFields(updated, listed.front(), false, "listed");
}

}  // namespace caseboard::storetest
