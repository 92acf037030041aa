#include "domain/CaseJson.hpp"

namespace caseboard::domain {

boost::json::object toJson(const Case& c, boost::json::storage_ptr storage) {
    boost::json::object o(std::move(storage));
    o.reserve(17);
    o["id"] = c.id;
    o["name"] = c.name;
    o["diagnosis"] = c.diagnosis;
    o["outcome"] = c.outcome;
    o["section"] = c.section;
    o["surgery_date"] =
        c.surgeryDate ? boost::json::value(*c.surgeryDate) : boost::json::value(nullptr);
    o["order_index"] = c.orderIndex;
    o["archived"] = c.archived;
    o["created_at"] = c.createdAt;
    o["updated_at"] = c.updatedAt;
    o["version"] = c.version;
    auto nullable = [](const std::optional<std::string>& value) -> boost::json::value {
        if (value) return boost::json::value(*value);
        return nullptr;
    };
    o["hospital_number"] = nullable(c.hospitalNumber);
    o["ward"] = c.ward;
    o["consultant"] = c.consultant;
    o["date_of_injury"] = nullable(c.dateOfInjury);
    o["theatre_slot"] = nullable(c.theatreSlot);
    o["notes"] = c.notes;
    return o;
}

std::optional<Case> caseFromJson(const boost::json::object& o) {
    try {
        auto text = [&](const char* key) { return std::string(o.at(key).as_string()); };
        auto nullable = [&](const char* key) -> std::optional<std::string> {
            const auto& v = o.at(key);
            if (v.is_null()) return std::nullopt;
            return std::string(v.as_string());
        };
        Case c;
        c.id = text("id");
        c.name = text("name");
        c.diagnosis = text("diagnosis");
        c.outcome = text("outcome");
        c.section = text("section");
        c.surgeryDate = nullable("surgery_date");
        c.orderIndex = o.at("order_index").as_int64();
        c.archived = o.at("archived").as_bool();
        c.createdAt = text("created_at");
        c.updatedAt = text("updated_at");
        c.version = o.at("version").as_int64();
        c.hospitalNumber = nullable("hospital_number");
        c.ward = text("ward");
        c.consultant = text("consultant");
        c.dateOfInjury = nullable("date_of_injury");
        c.theatreSlot = nullable("theatre_slot");
        c.notes = text("notes");
        return c;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

boost::json::object toJson(const User& u) {
    return {{"id", u.id},
            {"email", u.email},
            {"created_at", u.createdAt},
            {"role", roleName(u.role)},
            {"active", u.active},
            {"source", sourceName(u.source)}};
}

}  // namespace caseboard::domain
