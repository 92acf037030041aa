#include "http/RequestLimits.hpp"

namespace caseboard::http {

void applyRequestLimits(RequestParser& parser) {
    parser.header_limit(kRequestHeaderLimit);
    parser.body_limit(kRequestBodyLimit);
}

}  // namespace caseboard::http
