#pragma once
// Sorting by a uniform 64-bit key (an id's hash): the store's duplicate-id check
// (row_store.cpp) and the session preview's (report/session_preview.cpp).
// Two stable counting passes on the key's top bits: the first into ~2,000 buckets
// (few enough write streams for the caches), the second within each bucket while it
// is cache-resident; then runs of a few elements are sorted. One counting pass into
// a bucket per few elements was cache misses past ~1M keys (5M: +0.75 s in wasm).
// An element is a std::uint64_t (the key itself) or has a `key` member.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace npskit {

namespace key_sort_detail {
inline std::uint64_t key_of(std::uint64_t k) { return k; }
template <class T>
std::uint64_t key_of(const T& t) {
  return t.key;
}

// Stable counting sort of in[0, n) by `bits` bits of the key from `shift` up, into out;
// starts gets each bucket's first index (and n at the end).
template <class T>
void scatter_by_key(const T* in, std::size_t n, T* out, int shift, int bits, std::vector<std::uint32_t>& starts,
                    std::vector<std::uint32_t>& next) {
  const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
  starts.assign((std::size_t{1} << bits) + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++starts[((key_of(in[i]) >> shift) & mask) + 1];
  for (std::size_t b = 1; b < starts.size(); ++b) starts[b] += starts[b - 1];
  next.assign(starts.begin(), starts.end() - 1);
  for (std::size_t i = 0; i < n; ++i) out[next[(key_of(in[i]) >> shift) & mask]++] = in[i];
}

// Sorts a run already in order of the bits above the ones it shares: insertion
// sort while short, std::sort when long (keys chosen to share their top bits
// cost n log n, not n^2).
template <class T, class Less>
void sort_run(T* first, T* last, Less less) {
  if (last - first > 16) {
    std::sort(first, last, less);
    return;
  }
  for (T* p = first + 1; p < last; ++p)
    for (T* q = p; q > first && less(*q, *(q - 1)); --q) std::swap(*q, *(q - 1));
}
}  // namespace key_sort_detail

// `in` sorted into `out` by `less`, which orders by the key first (ties as it says).
template <class T, class Less>
void sort_by_key(const std::vector<T>& in, std::vector<T>& out, Less less) {
  using namespace key_sort_detail;
  const std::size_t m = in.size();
  out.resize(m);
  int log2m = 0;
  while ((std::size_t{1} << (log2m + 1)) <= m) ++log2m;
  if (m <= 32) {
    std::copy(in.begin(), in.end(), out.begin());
    sort_run(out.data(), out.data() + m, less);
    return;
  }
  const int bits1 = std::min(11, std::max(1, log2m - 8));
  std::vector<std::uint32_t> starts, next, starts2;
  scatter_by_key(in.data(), m, out.data(), 64 - bits1, bits1, starts, next);
  std::vector<T> scratch;
  for (std::size_t b = 0; b + 1 < starts.size(); ++b) {
    T* first = out.data() + starts[b];
    const std::size_t k = starts[b + 1] - starts[b];
    if (k <= 16) {
      sort_run(first, first + k, less);
      continue;
    }
    int log2k = 0;
    while ((std::size_t{1} << (log2k + 1)) <= k) ++log2k;
    const int bits2 = std::min(16, log2k);
    scratch.resize(k);
    scatter_by_key(first, k, scratch.data(), 64 - bits1 - bits2, bits2, starts2, next);
    std::copy(scratch.begin(), scratch.end(), first);
    for (std::size_t c = 0; c + 1 < starts2.size(); ++c)
      if (starts2[c + 1] - starts2[c] > 1) sort_run(first + starts2[c], first + starts2[c + 1], less);
  }
}

}  // namespace npskit
