#include "domain/Csv.hpp"

namespace caseboard::domain {

namespace {

bool isControl(char c) {
    return static_cast<unsigned char>(c) < 0x20;
}

// True when a spreadsheet would take text starting here as a formula. Spaces, controls and
// quotes before the operator do not stop every spreadsheet from running it, so they are skipped.
bool startsFormula(std::string_view text) {
    if (!text.empty() && isControl(text.front())) return true;
    for (char c : text) {
        if (c == ' ' || c == '"' || isControl(c)) continue;
        return c == '=' || c == '+' || c == '-' || c == '@';
    }
    return false;
}

// The value with a ' before each place a spreadsheet would start a formula: the start, and the
// start of each ';'-separated part.
std::string disarmed(std::string_view value) {
    std::string out;
    out.reserve(value.size() + 1);
    for (;;) {
        auto separator = value.find(';');
        auto part = value.substr(0, separator);
        if (startsFormula(part)) out += '\'';
        out.append(part);
        if (separator == std::string_view::npos) return out;
        out += ';';
        value.remove_prefix(separator + 1);
    }
}

}  // namespace

std::string csvCell(std::string_view value) {
    std::string cell = disarmed(value);
    // ';' too: a reader that splits on ';' as well as ',' keeps a quoted cell whole.
    if (cell.find_first_of(",;\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string csvLine(const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) line += ',';
        line += csvCell(cells[i]);
    }
    return line + "\r\n";
}

}  // namespace caseboard::domain
