// Bytes off a connection → requests, read as HttpSession reads them: the same parser and limits
// (applyRequestLimits), the header first and then the body, one request after another on one
// buffer (Beast's synchronous reads, which share the parsing loop of the asynchronous ones).
// Whatever arrives, no request is accepted with a request line or header fields over 16 KiB, or a
// body over 64 KiB.
#include <boost/asio/buffer.hpp>

#include <cstdint>
#include <string_view>

#include "FuzzInput.hpp"
#include "http/RequestLimits.hpp"

namespace {

using namespace caseboard::http;
using caseboard::fuzz::FuzzInput;
using caseboard::fuzz::violated;

// What Beast may take in past a limit while it looks for the end of a line or of the header.
constexpr std::size_t kLineEndSlack = 64;

// A connection whose reads return the fuzz input piece by piece. Then it sends the last piece
// again and again up to 128 KiB in all, so that a short input can still carry a body past the
// 64 KiB limit (as a chunk, or as the bytes a Content-Length promised), and then ends.
class FuzzStream {
  public:
    static constexpr std::size_t kMaxBytes = 2 * kRequestBodyLimit;

    explicit FuzzStream(FuzzInput& input) : input_(input) {}

    // One piece per read while the input lasts (a peer's fragments); then as many repeats of the
    // last piece as fit (a peer that keeps sending).
    template <class Buffers>
    std::size_t read_some(const Buffers& buffers, boost::system::error_code& ec) {
        std::size_t copied = 0;
        for (auto it = asio::buffer_sequence_begin(buffers);
             it != asio::buffer_sequence_end(buffers); ++it) {
            asio::mutable_buffer space = *it;
            while (space.size() > 0 && (copied == 0 || input_.empty())) {
                if (pending_.empty()) pending_ = nextPiece();
                if (pending_.empty()) break;
                auto n = asio::buffer_copy(space, asio::buffer(pending_.data(), pending_.size()));
                pending_.remove_prefix(n);
                space += n;
                copied += n;
            }
        }
        read_ += copied;
        ec = copied == 0 ? asio::error::eof : boost::system::error_code();
        return copied;
    }

    template <class Buffers>
    std::size_t read_some(const Buffers& buffers) {
        boost::system::error_code ec;
        auto n = read_some(buffers, ec);
        if (ec) throw boost::system::system_error(ec);
        return n;
    }

    std::size_t bytesRead() const { return read_; }

  private:
    std::string_view nextPiece() {
        if (!input_.empty()) last_ = input_.nextPiece();
        auto piece = last_.substr(0, kMaxBytes - sent_);
        sent_ += piece.size();
        return piece;
    }

    FuzzInput& input_;
    std::string_view last_;     // the last piece of the input
    std::string_view pending_;  // of the current piece, not yet read
    std::size_t sent_ = 0;
    std::size_t read_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzInput input(data, size);
    FuzzStream stream(input);
    beast::flat_buffer buffer;
    // Keep-alive: one request after another off the same connection and buffer, as HttpSession.
    for (int request = 0; request < 16; ++request) {
        RequestParser parser;
        applyRequestLimits(parser);
        boost::system::error_code ec;
        const std::size_t leftover = buffer.size();  // read with the previous request
        const std::size_t readBefore = stream.bytesRead();
        bhttp::read_header(stream, buffer, parser, ec);
        if (!ec) {
            // What the parser took off the buffer: the request line and the headers.
            const std::size_t headerBytes =
                leftover + (stream.bytesRead() - readBefore) - buffer.size();
            // Beast bounds the request line and then the header fields, each by the limit, as it
            // searches what it has buffered for their end; that search can take in the few bytes
            // of a line end past it. A limit lost or loosened lets in far more than this slack.
            const auto& head = parser.get();
            const std::size_t startLine = head.method_string().size() + head.target().size() + 12;
            if (startLine > kRequestHeaderLimit + kLineEndSlack)
                violated("a request line over 16 KiB was accepted");
            if (headerBytes - startLine > kRequestHeaderLimit + kLineEndSlack)
                violated("header fields over 16 KiB were accepted");
            bhttp::read(stream, buffer, parser, ec);
        }
        if (parser.get().body().size() > kRequestBodyLimit)
            violated("a body over 64 KiB was accepted");
        if (ec) break;
        if (!parser.is_done()) violated("read returned without error before the request ended");
    }
    return 0;
}
