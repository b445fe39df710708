#pragma once
// The dashboard's row store: every kept response of one or more files as columns
// (one vector per field, text in one arena, segment values dictionary-encoded).
// Files are merged by column name; a response whose id was already seen is
// counted once (duplicates): found at the end of each file, see "Duplicate ids"
// below. It is a RowSink: the ingest pipeline fills it.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ingest/layout.hpp"
#include "core/ingest/response_row.hpp"
#include "core/ingest/row_counts.hpp"
#include "core/store/segment_dictionary.hpp"
#include "core/store/text_arena.hpp"

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
    [[gnu::always_inline]] void push(Text t) {  // inline in the row loop: the first value stored is out of line
      if (values_.empty()) {
        if (t.length == 0) {
          ++rows_;
          return;
        }
        store_empties();
      }
      values_.push_back(t);
      ++rows_;
    }
    Text operator[](std::size_t row) const { return row < values_.size() ? values_[row] : Text{}; }
    // Takes out these rows (ascending, no repeats).
    void erase_rows(const std::vector<std::uint32_t>& rows);
    // Room for `rows` rows in all, once values are stored (nothing while all are empty).
    void reserve(std::size_t rows) {
      if (!values_.empty()) values_.reserve(rows);
    }

   private:
    [[gnu::noinline]] void store_empties() { values_.resize(rows_); }  // the rows so far, as empty values
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

  void begin_file(std::string name);  // ends the file before, if end_file was not called
  // The file's duplicate ids leave the store (counted as duplicates): after it,
  // every column and count is what looking each id up on arrival would give.
  void end_file();
  // Room for `rows` more rows and `text_bytes` more kept text, so that a big file
  // does not regrow (copy) every column and the pending ids on the way.
  void reserve_more(std::size_t rows, std::size_t text_bytes, std::size_t ids);
  std::size_t ids() const { return known_count_ + pending_ids_.size(); }  // distinct ids so far (at most)
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
  std::string_view text(Text t) const { return arena.view().substr(t.offset, t.length); }

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
  TextArena arena;
  // Kept text at most (offsets are 32-bit); past it a text is left out. Lower only in tests.
  std::size_t max_text_bytes = UINT32_MAX;
  // Test hook: the ids' 64-bit hash (a test makes different ids collide); null = the store's own.
  std::uint64_t (*id_hash_for_tests)(std::string_view) = nullptr;
  // The key this store gives an id (tests: seeded per store, so no file can be crafted to collide).
  std::uint64_t id_key_for_tests(std::string_view id) const;
  // A seed for id_hash (store/id_hash.hpp) nobody can know when crafting a file.
  static std::uint64_t fresh_id_seed();

 private:
  // The id hash's seed (store/id_hash.hpp): different per store and per run.
  std::uint64_t id_seed_ = fresh_id_seed();
  // A text into the arena (inline: five a row). Offsets are 32-bit: past
  // max_text_bytes of kept text, further text is left out rather than wrapping
  // around onto other rows' text.
  Text keep(std::string_view s) {
    const std::size_t at = arena.size();
    if (s.empty()) return {static_cast<std::uint32_t>(at), 0};
    if (s.size() > max_text_bytes - std::min(max_text_bytes, at)) return {};
    arena.append(s);
    return {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(s.size())};
  }
  // Duplicate ids: the first row of an id stays, later ones (in this file or a
  // later one) are counted as duplicates and leave no trace. Looking each id up
  // in a table on arrival was one random memory access per row into a table far
  // bigger than the caches (32 MB at 1M ids): ~40% of a session's open natively.
  // So the rows of a file go into the columns as they come, with their id's key
  // and text in pending_ids_ (sequential), and at the end of the file
  // (check_pending_ids) the pending ids are sorted by key (radix) and merged
  // with the known ids (a sorted list), or probed in key order into a table whose
  // slot is the key's top bits (the probes sweep it). Equal keys compare the id
  // texts, so a 64-bit collision never merges two people. The duplicate rows
  // then leave the columns (take_out_duplicates).
  // Taking a row out afterwards is exact as long as nothing kept depended on the
  // order of rows in the meantime. Three things do, each with a cap: a segment
  // dictionary that is full folds new values into "(other)" (which values get a
  // code depends on which rows came first), the list of unreadable dates keeps
  // the first kMaxStoredRejections, and text past 4 GB is not kept. When a row
  // that may still be dropped (or that comes after one) would reach one of those
  // caps, the pending ids are checked at once and the store looks ids up per row
  // from then on (per_row_ids_): the same answers, at the old speed. The text of
  // the duplicates taken out stays in the arena until a row's text would not fit
  // (compact_arena), so that text is left out at the same row as before.
  struct PendingId {
    std::uint64_t key;
    Text id;
  };
  bool reaches_a_cap(const ResponseRow& row) const;
  // Checking every row for the caps was ~110 instructions a row: instead, what
  // the rows may still add before any cap is near (each row adds at most one value
  // to each dictionary, one unreadable date, and its cells' bytes); the full check
  // runs only once that is spent (and then refreshes it).
  void refresh_cap_budget();
  std::size_t cap_rows_left_ = 0, cap_bytes_left_ = 0;
  void check_pending_ids();
  void start_pending_region();
  void take_out_duplicates(std::vector<std::uint32_t>& rows);  // rows in the pending region (ascending)
  std::size_t find_known(std::uint64_t key, std::string_view id) const;  // its slot, or the empty slot it would take
  void make_room_for_ids(std::size_t more);
  void resize_known(std::size_t slots);
  std::vector<PendingId> pending_ids_, sort_buffer_;
  std::size_t pending_from_ = 0;                  // first row of the pending region
  std::vector<std::uint32_t> dictionary_sizes_;  // each dictionary's size at pending_from_
  bool per_row_ids_ = false;
  void merge_into_known(std::vector<std::uint32_t>& duplicate_offsets);
  static std::size_t row_text_bytes(const ResponseRow& row);
  void compact_arena();
  std::size_t arena_garbage_ = 0;  // bytes of the duplicates taken out
  // The ids seen (the first row of each), in one of two forms. First a list sorted
  // by key (16 bytes per id; each file's sorted ids merge into it). Once a file
  // brings few ids for the many known (merging would cost the whole list each
  // time), or ids are looked up per row: a table, open addressing, key 0 = empty
  // slot (a key of 0 is stored as 1: the texts still tell ids apart).
  std::vector<PendingId> known_sorted_;
  std::vector<PendingId> known_;
  int known_bits_ = 0;
  std::size_t known_count_ = 0;
  void refresh_missing_segments();
  std::vector<int> file_segment_slot_;       // this file's segment i -> global segment
  std::vector<std::size_t> missing_segments_;  // global segments this file lacks
};

}  // namespace npskit
