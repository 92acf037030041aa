#include "domain/CaseJson.hpp"

namespace caseboard::domain {

boost::json::object toJson(const Case& c) {
    boost::json::object o;
    o.reserve(11);
    o["id"] = c.id;
    o["name"] = c.name;
    o["diagnosis"] = c.diagnosis;
    o["outcome"] = c.outcome;
    o["section"] = c.section;
    if (c.surgeryDate) {
        o["surgery_date"] = *c.surgeryDate;
    } else {
        o["surgery_date"] = nullptr;
    }
    o["order_index"] = c.orderIndex;
    o["archived"] = c.archived;
    o["created_at"] = c.createdAt;
    o["updated_at"] = c.updatedAt;
    o["version"] = c.version;
    return o;
}

boost::json::object toJson(const User& u) {
    return {{"id", u.id}, {"email", u.email}, {"created_at", u.createdAt}};
}

}  // namespace caseboard::domain
