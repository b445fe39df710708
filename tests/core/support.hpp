#pragma once
// Test helpers shared by tests/core: feeding a text to a streaming reader in
// pieces. Every streaming stage (encoding, CSV, NDJSON, XML, the pipeline) must
// give the same answer however its input is cut, so the tests cut it many ways.
// A `feed` callback gets each piece as a string_view; when it returns bool,
// feeding stops at the first false (the reader refused its input), and the
// helpers return false too.
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace npskit::test {

// A file's bytes (a fixture); throws, failing the test, when it cannot be read.
inline std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in.good()) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace detail {
template <class Feed>
bool feed_one(Feed& feed, std::string_view piece) {
  if constexpr (std::is_void_v<std::invoke_result_t<Feed&, std::string_view>>) {
    feed(piece);
    return true;
  } else {
    return static_cast<bool>(feed(piece));
  }
}
}  // namespace detail

// Feeds `text` in consecutive pieces of `chunk` bytes (the last may be shorter);
// chunk 0 feeds it in one piece. An empty text is fed as one empty piece only
// when chunk is 0.
template <class Feed>
bool feed_in_chunks(std::string_view text, std::size_t chunk, Feed&& feed) {
  if (chunk == 0) return detail::feed_one(feed, text);
  for (std::size_t at = 0; at < text.size(); at += chunk)
    if (!detail::feed_one(feed, text.substr(at, chunk))) return false;
  return true;
}

// Feeds `text` cut at `cuts` (ascending offsets inside it): cuts {3, 5} feed
// [0, 3), [3, 5), [5, size). No cuts: the whole text in one piece.
template <class Feed>
bool feed_split(std::string_view text, const std::vector<std::size_t>& cuts, Feed&& feed) {
  std::size_t start = 0;
  for (std::size_t cut : cuts) {
    if (!detail::feed_one(feed, text.substr(start, cut - start))) return false;
    start = cut;
  }
  return detail::feed_one(feed, text.substr(start));
}

// The cuts that feed `text` one byte at a time: 1, 2, ..., size - 1.
inline std::vector<std::size_t> every_byte(std::string_view text) {
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < text.size(); ++i) cuts.push_back(i);
  return cuts;
}

// Chunk sizes 1, 2, ..., text.size(): with feed_in_chunks, every way of cutting
// `text` into equal pieces.
inline std::vector<std::size_t> every_chunk_size(std::string_view text) {
  std::vector<std::size_t> sizes;
  for (std::size_t n = 1; n <= text.size(); ++n) sizes.push_back(n);
  return sizes;
}

}  // namespace npskit::test
