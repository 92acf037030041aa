#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace caseboard::fuzz {

// A fuzz input read as a sequence of pieces: the first byte says how long each piece is (1 to
// 256 bytes), so that the fuzzer also explores input arriving in fragments, as off a socket.
class FuzzInput {
  public:
    FuzzInput(const std::uint8_t* data, std::size_t size)
        : bytes_(reinterpret_cast<const char*>(data), size) {
        if (!bytes_.empty()) {
            pieceSize_ = static_cast<std::size_t>(static_cast<std::uint8_t>(bytes_.front())) + 1;
            bytes_.remove_prefix(1);
        }
    }

    bool empty() const { return bytes_.empty(); }

    std::string_view nextPiece() {
        auto piece = bytes_.substr(0, pieceSize_);
        bytes_.remove_prefix(piece.size());
        return piece;
    }

  private:
    std::string_view bytes_;
    std::size_t pieceSize_ = 1;
};

// A broken promise of the code under test: libFuzzer records the input that led here.
[[noreturn]] inline void violated(const char* what) {
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
}

}  // namespace caseboard::fuzz
