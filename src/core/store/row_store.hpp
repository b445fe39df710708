#pragma once
// The dashboard's row store: every kept response of one or more files as columns
// (one vector per field, text in one arena, segment values dictionary-encoded).
// Files are merged by column name; a response whose id was already seen is
// counted once (duplicates). It is a RowSink: the ingest pipeline fills it.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ingest/layout.hpp"
#include "core/ingest/response_row.hpp"
#include "core/ingest/row_counts.hpp"
#include "core/store/segment_dictionary.hpp"

namespace npskit {

// Rows as columns: one vector per field, strings in one arena.
class RowStore final : public RowSink {
 public:
  struct Text {
    std::uint32_t offset = 0, length = 0;
  };
  // A text column that costs nothing while every value is empty (most exports have
  // no name or e-mail column): rows past the stored ones read as empty.
  class TextColumn {
   public:
    void push(Text t) {
      if (t.length == 0 && values_.empty()) {
        ++rows_;
        return;
      }
      if (values_.empty()) values_.resize(rows_);
      values_.push_back(t);
      ++rows_;
    }
    Text operator[](std::size_t row) const { return row < values_.size() ? values_[row] : Text{}; }
    // Room for `rows` rows in all, once values are stored (nothing while all are empty).
    void reserve(std::size_t rows) {
      if (!values_.empty()) values_.reserve(rows);
    }

   private:
    std::vector<Text> values_;
    std::size_t rows_ = 0;
  };
  struct FileStats {
    std::string name;
    RowCounts counts;  // read, valid (score ok), blank_score, rejected, duplicates
    Layout layout;
  };
  static constexpr std::int32_t kNoDay = INT32_MIN;
  static constexpr std::int32_t kUnreadableDay = INT32_MIN + 1;
  static constexpr std::size_t kMaxStoredRejections = 100'000;

  void begin_file(std::string name);
  // Room for `rows` more rows and `text_bytes` more kept text, so that a big file
  // does not regrow (copy) every column and rehash the id table on the way.
  void reserve_more(std::size_t rows, std::size_t text_bytes, std::size_t ids);
  std::size_t ids() const { return ids_ + pending_keys_.size(); }  // distinct ids so far
  void on_layout(const Layout& layout) override;
  void on_row(const ResponseRow& row) override;
  void on_rejection(Rejection rejection) override;

  // Shards (analysis/shard_reader.hpp). drop_rows: the rows (ascending) whose id an
  // earlier shard of the file holds leave the store and count as duplicates, as
  // if they had been seen while reading: every column and the unreadable dates
  // move up, each segment dictionary is rebuilt in the order of first use by the
  // rows left (a value only the dropped rows used is gone).
  void drop_rows(const std::vector<std::uint32_t>& rows);
  // Adds `delta` to every row's and rejection's line.
  void shift_lines(std::int64_t delta);

  std::size_t size() const { return score.size(); }
  std::uint64_t records_read() const;  // all files, rejected and duplicate records included
  std::string_view text(Text t) const { return std::string_view(arena).substr(t.offset, t.length); }

  // Columns (public: the session's queries read them directly).
  std::vector<std::int8_t> score;  // 0..10, or -1 when blank
  std::vector<std::int32_t> day;   // days since 1970-01-01, kNoDay or kUnreadableDay
  std::vector<std::uint32_t> line;
  std::vector<std::uint16_t> file;
  TextColumn comment, id, email, name;
  std::vector<std::string> segment_names;
  std::vector<SegmentDictionary> dictionaries;
  std::vector<std::vector<std::uint32_t>> segments;  // [segment][row]
  std::vector<FileStats> files;
  std::vector<std::pair<std::uint16_t, Rejection>> rejections;
  // Rows whose date cell could not be read, with that cell (the first kMaxStoredRejections):
  // the session report lists the kept ones under "warnings", as the streaming report does.
  std::vector<std::pair<std::uint32_t, Text>> unreadable_dates;
  std::string arena;

 private:
  Text keep(std::string_view s);
  // Duplicate ids. The id table is one random memory access per row: once it
  // outgrows the caches (32 MB at 1M ids) that is a cache and TLB miss per row,
  // which was ~40% of a session's open natively and ~70% of its extra cost in wasm.
  // So a small filter (8+ bits per id, two bits in one 64-bit word) answers first:
  // "not seen" is certain (every id seen has its bits set), and only "maybe" (a few
  // % of new ids, and every true duplicate) looks further. New ids wait in a small
  // pending set (cache-resident) and go into the table kPendingIds at a time, in
  // the order of their slots, so that the batch sweeps the table instead of
  // jumping across it. Same answers as looking each id up in one table at once.
  bool seen_before(std::uint64_t id_hash);  // and remembers it
  bool in_id_table(std::uint64_t key) const;
  bool in_pending_ids(std::uint64_t key) const;
  void insert_pending_ids();
  void resize_id_table(std::size_t slots);  // a power of two, more than twice the ids
  void rebuild_id_filter();
  bool id_filter_may_hold(std::uint64_t key) const;
  void id_filter_add(std::uint64_t key);
  static constexpr std::size_t kPendingIds = 1 << 15;
  std::vector<std::uint64_t> pending_keys_, pending_sorted_;
  std::vector<std::uint64_t> pending_slots_;  // open addressing over pending_keys_ (0 = empty), 2 slots per key
  std::vector<std::uint64_t> id_filter_ = std::vector<std::uint64_t>(64, 0);  // id_slots_.size() / 16 words
  void refresh_missing_segments();
  std::vector<int> file_segment_slot_;       // this file's segment i -> global segment
  std::vector<std::size_t> missing_segments_;  // global segments this file lacks
  // Hashes of the ids seen, in an open-addressing table (0 = empty slot): one per
  // row, so no node allocation per row.
  std::vector<std::uint64_t> id_slots_ = std::vector<std::uint64_t>(1024, 0);
  std::size_t ids_ = 0;
};

}  // namespace npskit
