#include "core/analysis/shard_reader.hpp"

#include <algorithm>

namespace npskit {

ShardRange planned_range(const ShardPlan& plan, std::size_t shard) {
  const auto& s = plan.starts;
  ShardRange r;
  r.begin = s[shard];
  r.begin_exact = shard == 0 || s[shard] == plan.head_end;
  const bool last = shard + 1 >= s.size();
  r.end = last ? plan.file_size : s[shard + 1];
  r.end_exact = last || s[shard + 1] == plan.head_end;
  return r;
}

ShardReader::ShardReader(SessionEngine& engine, const ShardPlan& plan, std::size_t shard, ShardRange range,
                         const std::string& name)
    : engine_(engine),
      csv_(plan.delimiter != 0),
      delimiter_(plan.delimiter),
      head_end_(shard > 0 ? plan.head_end : 0),
      range_(range),
      phase_(head_end_ > 0 ? Phase::head : range.begin_exact ? Phase::range : Phase::skip),
      pos_(range.begin) {
  // Shards after the first read the head only to decide the layout: its rows
  // (lines 1..head_lines) are not theirs.
  if (head_end_ > 0) engine_.skip_rows_through_line(plan.head_lines);
  const auto size = range.end > range.begin ? range.end - range.begin : 0;
  engine_.begin_file(name, head_end_ + size);
  extent_.start = range.begin;
}

bool ShardReader::feed_head(std::string_view bytes) {
  if (phase_ != Phase::head) return false;
  bytes = bytes.substr(0, static_cast<std::size_t>(head_end_ - head_fed_));
  head_fed_ += bytes.size();
  if (!engine_.feed(bytes)) {
    phase_ = Phase::done;
    return false;
  }
  if (head_fed_ < head_end_) return true;
  // Every head record was read (the head ends at a record boundary, past the
  // sniffed text and the sample): what the head added, the merge must not count again.
  if (const auto* p = engine_.pipeline()) {
    head_empty_ = p->source().empty_records;
    head_ignored_keys_ = p->json_ignored_keys();
  }
  phase_ = range_.begin_exact ? Phase::range : Phase::skip;
  return false;
}

bool ShardReader::at_record_start() const {
  if (!csv_) return true;  // NDJSON: the range ends past an LF, which ends a record
  const auto* p = engine_.pipeline();
  const auto* reader = p ? p->csv_reader() : nullptr;
  return !reader || reader->read_state().at_record_start();
}

bool ShardReader::push(std::string_view bytes) {
  if (bytes.empty()) return true;
  extent_.lines += count_line_breaks(bytes, csv_, cr_before_);
  pos_ += bytes.size();
  if (engine_.feed(bytes)) return true;
  phase_ = Phase::done;  // engine.error() says why; finish() ends the file
  return false;
}

void ShardReader::stop(std::uint64_t next) {
  extent_.next = next;
  phase_ = Phase::done;
}

bool ShardReader::feed(std::string_view bytes) {
  if (phase_ == Phase::head) return true;  // the head first
  while (!bytes.empty() && phase_ != Phase::done) {
    switch (phase_) {
      case Phase::skip: {  // to the first byte past an LF
        const auto lf = bytes.find('\n');
        if (lf == std::string_view::npos) {
          pos_ += bytes.size();
          return true;
        }
        pos_ += lf + 1;
        bytes.remove_prefix(lf + 1);
        extent_.start = pos_;
        phase_ = Phase::range;
        // That LF lies at or past the end's candidate: it is the first LF there
        // too, so the next shard starts here as well and this one is empty.
        if (!range_.end_exact && pos_ - 1 >= range_.end) end_ = pos_;
        break;
      }
      case Phase::range: {
        if (!end_ && range_.end_exact) end_ = range_.end;
        if (!end_ && pos_ + bytes.size() > range_.end) {  // the end's candidate is in these bytes: past its first LF
          const auto from = range_.end > pos_ ? static_cast<std::size_t>(range_.end - pos_) : 0;
          if (const auto lf = bytes.find('\n', from); lf != std::string_view::npos) end_ = pos_ + lf + 1;
        }
        if (!end_) {
          if (!push(bytes)) return false;
          bytes = {};
          break;
        }
        if (*end_ > pos_) {
          const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(bytes.size(), *end_ - pos_));
          if (!push(bytes.substr(0, take))) return false;
          bytes.remove_prefix(take);
        }
        if (pos_ < *end_) break;
        // At the end: done if a record starts here; else the record under way is
        // read to its end (quotes respected), from the reader's state.
        if (at_record_start()) {
          stop(pos_);
        } else {
          const auto* reader = engine_.pipeline()->csv_reader();
          overhang_.emplace(delimiter_, reader->read_state());
          phase_ = Phase::overhang;
        }
        break;
      }
      case Phase::overhang: {
        const auto used = overhang_->scan(bytes, [](std::uint64_t, std::uint64_t) { return true; });
        if (!push(bytes.substr(0, used))) return false;
        bytes.remove_prefix(used);
        if (overhang_->found()) stop(pos_);
        break;
      }
      case Phase::head:
      case Phase::done: break;
    }
  }
  // An empty range ends where it starts (no bytes need reading).
  if (phase_ == Phase::range && end_ && pos_ >= *end_ && at_record_start()) stop(pos_);
  return phase_ != Phase::done;
}

bool ShardReader::finish() {
  if (finished_) return engine_.error().empty();
  finished_ = true;
  if (phase_ != Phase::done) stop(pos_);  // the file ended: the last record ends there
  if (extent_.next < extent_.start) extent_.next = extent_.start;
  const bool ok = engine_.end_file();
  if (!engine_.sources().empty()) {
    auto& source = engine_.last_source();
    source.bytes = extent_.next - (head_end_ > 0 ? extent_.start : 0);
    source.empty_records -= std::min(source.empty_records, head_empty_);
    source.json_ignored_keys -= std::min(source.json_ignored_keys, head_ignored_keys_);
  }
  return ok;
}

ShardCheck check_shards(const ShardPlan& plan, const std::vector<ShardExtent>& extents) {
  ShardCheck check;
  if (extents.empty()) return check;
  std::uint64_t next = extents[0].next, lines_before = extents[0].lines;
  check.line_shift.assign(extents.size(), 0);
  for (std::size_t k = 1; k < extents.size(); ++k) {
    if (extents[k].start != next) {
      // Shard k started at a line break inside a quoted field: read it again
      // from the true start, to the start the next shard used.
      const std::uint64_t end = k + 1 < extents.size() ? extents[k + 1].start : plan.file_size;
      check.reread = k;
      check.range = {next, true, std::max(next, end), true};
      check.line_shift.clear();
      return check;
    }
    check.line_shift[k] = static_cast<std::int64_t>(lines_before) - static_cast<std::int64_t>(plan.head_lines);
    lines_before += extents[k].lines;
    next = extents[k].next;
  }
  return check;
}

}  // namespace npskit
