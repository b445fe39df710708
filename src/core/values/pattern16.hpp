#pragma once
// Sixteen bytes checked against a fixed pattern (at each position: an ASCII
// digit, or one of at most two given bytes) in one SIMD compare: SSE2 natively
// (part of x86-64), simd128 in the wasm module, a byte loop elsewhere. The ISO
// timestamp reader (datetime.cpp) checks every digit and separator of a
// "YYYY-MM-DDTHH:MM:SS+HH:MM" with two such checks instead of a test per byte.
// Every version gives the scalar reference's answer (tests/fuzz/fuzz_date.cpp,
// tests/core/pattern16_test.cpp).
#include <cstdint>
#include <initializer_list>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace npskit {

struct Pattern16 {
  alignas(16) std::uint8_t digit[16];  // 0xFF: an ASCII digit '0'..'9' here (byte and alt unused)
  alignas(16) std::uint8_t byte[16];   // else this byte,
  alignas(16) std::uint8_t alt[16];    // or this one (the same byte when there is no second choice)
};

struct Pattern16Alt {
  int at;
  char byte;
};

// `text`: 'd' for a digit, any other character for itself; `alts`: a second
// byte accepted at a position ({10, ' '}: a space as well as the 'T' of the text).
constexpr Pattern16 make_pattern16(const char (&text)[17], std::initializer_list<Pattern16Alt> alts = {}) {
  Pattern16 p{};
  for (int i = 0; i < 16; ++i) {
    const bool d = text[i] == 'd';
    p.digit[i] = d ? 0xFF : 0;
    p.byte[i] = d ? 0 : static_cast<std::uint8_t>(text[i]);
    p.alt[i] = p.byte[i];
  }
  for (const Pattern16Alt& a : alts) p.alt[a.at] = static_cast<std::uint8_t>(a.byte);
  return p;
}

// The reference: byte by byte.
inline bool matches_pattern16_scalar(const char* s, const Pattern16& p) {
  for (int i = 0; i < 16; ++i) {
    const auto b = static_cast<std::uint8_t>(s[i]);
    const bool ok = p.digit[i] ? static_cast<std::uint8_t>(b - '0') <= 9 : (b == p.byte[i] || b == p.alt[i]);
    if (!ok) return false;
  }
  return true;
}

// Whether the 16 bytes at `s` (all readable) match `p`.
inline bool matches_pattern16(const char* s, const Pattern16& p) {
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
  // b - '0' <= 9 (unsigned): min(b - '0', 9) == b - '0'.
  const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
  const __m128i is_digit = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
  const __m128i is_byte = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_load_si128(reinterpret_cast<const __m128i*>(p.byte))),
                                       _mm_cmpeq_epi8(v, _mm_load_si128(reinterpret_cast<const __m128i*>(p.alt))));
  const __m128i digit = _mm_load_si128(reinterpret_cast<const __m128i*>(p.digit));
  const __m128i ok = _mm_or_si128(_mm_and_si128(digit, is_digit), _mm_andnot_si128(digit, is_byte));
  return _mm_movemask_epi8(ok) == 0xFFFF;
#elif defined(__wasm_simd128__)
  const v128_t v = wasm_v128_load(s);
  const v128_t d = wasm_i8x16_sub(v, wasm_i8x16_splat('0'));
  const v128_t is_digit = wasm_u8x16_le(d, wasm_i8x16_splat(9));
  const v128_t is_byte = wasm_v128_or(wasm_i8x16_eq(v, wasm_v128_load(p.byte)), wasm_i8x16_eq(v, wasm_v128_load(p.alt)));
  return wasm_i8x16_all_true(wasm_v128_bitselect(is_digit, is_byte, wasm_v128_load(p.digit)));
#else
  return matches_pattern16_scalar(s, p);
#endif
}

}  // namespace npskit
