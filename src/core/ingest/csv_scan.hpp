#pragma once
// Stage 1 of CSV reading: finds the structural bytes of a chunk 64 at a time
// (quotes, line breaks, and delimiters outside quotes) so that stage 2
// (CsvReader's fast path) jumps from one structural byte to the next instead of
// looking at every byte. See csv_scan.md for how it works and why it is exact.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace npskit {

// How one 64-byte block is classified. Every kernel gives bit-identical masks;
// `scalar` is the reference the fuzz target and the tests compare the others to.
enum class CsvScanKernel : std::uint8_t { scalar, sse2, avx2, wasm_simd128 };

// The fastest kernel this build runs on this CPU (AVX2 is checked at run time).
CsvScanKernel best_csv_scan_kernel();
const char* csv_scan_kernel_name(CsvScanKernel kernel);

// Bit i describes byte i of the block.
struct CsvBlockBits {
  std::uint64_t quote = 0;       // '"'
  std::uint64_t delimiter = 0;   // the delimiter
  std::uint64_t line_break = 0;  // '\r' or '\n'
  bool operator==(const CsvBlockBits&) const = default;
};
using CsvClassifyFn = CsvBlockBits (*)(const char* block64, char delimiter);
// The classifier of `kernel`; a kernel this build or CPU lacks falls back to scalar.
CsvClassifyFn csv_classifier(CsvScanKernel kernel);

// Bit i of the result is the XOR of bits 0..i of x: with x the quote bits, it is
// set from an opening quote up to (not including) its closing quote. Wasm has no
// carry-less multiply, so six shifts do it everywhere.
constexpr std::uint64_t prefix_xor(std::uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

// Walks the structural bytes of [begin, end) in order. `start` must be called at a
// byte outside quotes (a record start). A delimiter inside quotes is never
// returned; quotes and line breaks always are (stage 2 needs quotes to tell ""
// from a closing quote, and counts line breaks inside quotes as physical lines).
// The quote parity only holds while quotes open fields: stage 2 stops trusting
// it (and calls `start` again later) at a quote inside an unquoted field or text
// after a closing quote.
class CsvStructuralScanner {
 public:
  CsvStructuralScanner(char delimiter, CsvScanKernel kernel)
      : delimiter_(delimiter), classify_(csv_classifier(kernel)) {}

  void start(const char* begin, const char* end) {
    begin_ = begin;
    size_ = static_cast<std::size_t>(end - begin);
    block_ = 0;
    in_quotes_ = 0;
    load_block();
  }

  // For a walker that keeps the current block's bits in a register (CsvReader's
  // fast path: stored through a member, they would be reloaded after every field
  // view it writes): the block's first byte, its bits not yet returned, and
  // set_bits to store them back before anything else uses the scanner.
  const char* block_start() const { return begin_ + block_; }
  std::uint64_t bits() const { return bits_; }
  void set_bits(std::uint64_t bits) { bits_ = bits; }
  // Moves to the next block holding a structural byte: false at the end of the
  // range (next() then returns the end).
  bool next_block() {
    for (;;) {
      block_ += 64;
      if (block_ >= size_) {
        block_ = size_;
        bits_ = 0;
        return false;
      }
      load_block();
      if (bits_ != 0) return true;
    }
  }

  // The next structural byte, or the end of the range.
  const char* next() {
    while (bits_ == 0) {
      block_ += 64;
      if (block_ >= size_) {
        block_ = size_;  // stays at the end: further calls return it again
        return begin_ + size_;
      }
      load_block();
    }
    const int i = std::countr_zero(bits_);
    bits_ &= bits_ - 1;
    return begin_ + block_ + static_cast<std::size_t>(i);
  }

 private:
  void load_block() {
    const std::size_t left = size_ - block_;
    CsvBlockBits b;
    if (left >= 64) {
      b = classify_(begin_ + block_, delimiter_);
    } else {
      // The tail: padded with zero bytes, which are never structural, and masked
      // anyway in case the delimiter is a zero byte.
      char pad[64] = {};
      std::memcpy(pad, begin_ + block_, left);
      b = classify_(pad, delimiter_);
      const std::uint64_t keep = left == 0 ? 0 : ~std::uint64_t{0} >> (64 - left);
      b.quote &= keep;
      b.delimiter &= keep;
      b.line_break &= keep;
    }
    const std::uint64_t inside = prefix_xor(b.quote) ^ in_quotes_;
    // All ones when the block ends inside quotes: the next block starts there.
    in_quotes_ = std::uint64_t{0} - (inside >> 63);
    bits_ = b.quote | b.line_break | (b.delimiter & ~inside);
  }

  char delimiter_;
  CsvClassifyFn classify_;
  const char* begin_ = nullptr;
  std::size_t size_ = 0;
  std::size_t block_ = 0;         // offset of the current block
  std::uint64_t bits_ = 0;        // its structural bytes not yet returned
  std::uint64_t in_quotes_ = 0;   // all ones when the current block began inside quotes
};

}  // namespace npskit
