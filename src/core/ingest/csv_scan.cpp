// The block classifiers of the CSV scan: one 64-byte block in, three bit masks
// out (quotes, delimiters, line breaks). One scalar reference and one kernel per
// instruction set; they must agree bit for bit (tests/core/csv_scan_test.cpp and
// tests/fuzz/fuzz_csv_scan.cpp check it).
#include "core/ingest/csv_scan.hpp"

#if defined(__x86_64__) || defined(_M_X64)
#define NPSKIT_SCAN_X86 1
#include <immintrin.h>
#endif
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace npskit {

namespace {

// Portable: 8 bytes per step in a 64-bit word (SWAR). For a word v and a byte
// c broadcast in cx, the high bit of each byte of `equal_bytes(v, cx)` is set
// exactly where v's byte equals c (no false hits: the +0x7F cannot carry across
// bytes); the 8 high bits are then gathered into the low 8 bits by a multiply.
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
constexpr std::uint64_t kOnes = 0x0101010101010101ull;

constexpr std::uint64_t equal_bytes(std::uint64_t v, std::uint64_t cx) {
  const std::uint64_t x = v ^ cx;  // zero bytes where equal
  return ~(((x & kLow7) + kLow7) | x) & ~kLow7;
}
constexpr std::uint64_t gather_high_bits(std::uint64_t h) { return ((h >> 7) * 0x0102040810204080ull) >> 56; }

CsvBlockBits classify_scalar(const char* block, char delimiter) {
  const std::uint64_t quote = kOnes * '"';
  const std::uint64_t delim = kOnes * static_cast<unsigned char>(delimiter);
  const std::uint64_t cr = kOnes * '\r';
  const std::uint64_t lf = kOnes * '\n';
  CsvBlockBits b;
  for (unsigned k = 0; k < 8; ++k) {
    // Byte i of the block must be bits 8i..8i+7 of v, whatever the byte order.
    std::uint64_t v = 0;
    if constexpr (std::endian::native == std::endian::little) {
      std::memcpy(&v, block + 8 * k, 8);
    } else {
      for (unsigned i = 0; i < 8; ++i) v |= std::uint64_t{static_cast<unsigned char>(block[8 * k + i])} << (8 * i);
    }
    b.quote |= gather_high_bits(equal_bytes(v, quote)) << (8 * k);
    b.delimiter |= gather_high_bits(equal_bytes(v, delim)) << (8 * k);
    b.line_break |= gather_high_bits(equal_bytes(v, cr) | equal_bytes(v, lf)) << (8 * k);
  }
  return b;
}

#if NPSKIT_SCAN_X86
// SSE2 is part of x86-64: always there.
CsvBlockBits classify_sse2(const char* block, char delimiter) {
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i delim = _mm_set1_epi8(delimiter);
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  CsvBlockBits b;
  for (unsigned k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * k));
    const auto mask = [](__m128i m) {
      return static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(m)));
    };
    b.quote |= mask(_mm_cmpeq_epi8(v, quote)) << (16 * k);
    b.delimiter |= mask(_mm_cmpeq_epi8(v, delim)) << (16 * k);
    b.line_break |= mask(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf))) << (16 * k);
  }
  return b;
}

__attribute__((target("avx2"))) inline std::uint64_t movemask32(__m256i m) {
  return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(m)));
}

// Compiled for AVX2 whatever the build flags; only called after the CPU check.
__attribute__((target("avx2"))) CsvBlockBits classify_avx2(const char* block, char delimiter) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i delim = _mm256_set1_epi8(delimiter);
  const __m256i cr = _mm256_set1_epi8('\r');
  const __m256i lf = _mm256_set1_epi8('\n');
  CsvBlockBits b;
  for (unsigned k = 0; k < 2; ++k) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32 * k));
    b.quote |= movemask32(_mm256_cmpeq_epi8(v, quote)) << (32 * k);
    b.delimiter |= movemask32(_mm256_cmpeq_epi8(v, delim)) << (32 * k);
    b.line_break |= movemask32(_mm256_or_si256(_mm256_cmpeq_epi8(v, cr), _mm256_cmpeq_epi8(v, lf))) << (32 * k);
  }
  return b;
}

bool cpu_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

#if defined(__wasm_simd128__)
CsvBlockBits classify_wasm(const char* block, char delimiter) {
  const v128_t quote = wasm_i8x16_splat('"');
  const v128_t delim = wasm_i8x16_splat(delimiter);
  const v128_t cr = wasm_i8x16_splat('\r');
  const v128_t lf = wasm_i8x16_splat('\n');
  CsvBlockBits b;
  for (unsigned k = 0; k < 4; ++k) {
    const v128_t v = wasm_v128_load(block + 16 * k);
    const auto mask = [](v128_t m) { return static_cast<std::uint64_t>(wasm_i8x16_bitmask(m)); };
    b.quote |= mask(wasm_i8x16_eq(v, quote)) << (16 * k);
    b.delimiter |= mask(wasm_i8x16_eq(v, delim)) << (16 * k);
    b.line_break |= mask(wasm_v128_or(wasm_i8x16_eq(v, cr), wasm_i8x16_eq(v, lf))) << (16 * k);
  }
  return b;
}
#endif

}  // namespace

CsvScanKernel best_csv_scan_kernel() {
#if NPSKIT_SCAN_X86
  return cpu_has_avx2() ? CsvScanKernel::avx2 : CsvScanKernel::sse2;
#elif defined(__wasm_simd128__)
  return CsvScanKernel::wasm_simd128;
#else
  return CsvScanKernel::scalar;
#endif
}

const char* csv_scan_kernel_name(CsvScanKernel kernel) {
  switch (kernel) {
    case CsvScanKernel::scalar: return "scalar";
    case CsvScanKernel::sse2: return "sse2";
    case CsvScanKernel::avx2: return "avx2";
    case CsvScanKernel::wasm_simd128: return "wasm-simd128";
  }
  return "scalar";
}

CsvClassifyFn csv_classifier(CsvScanKernel kernel) {
  switch (kernel) {
#if NPSKIT_SCAN_X86
    case CsvScanKernel::sse2: return classify_sse2;
    case CsvScanKernel::avx2: return cpu_has_avx2() ? classify_avx2 : classify_sse2;
#endif
#if defined(__wasm_simd128__)
    case CsvScanKernel::wasm_simd128: return classify_wasm;
#endif
    default: return classify_scalar;
  }
}

}  // namespace npskit
