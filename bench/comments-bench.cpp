// Native throughput of the comment analytics: reads comments (one per line, each
// prefixed by "score<TAB>"), runs CommentAnalytics::add (tokenize + sentiment +
// themes + keyphrases + aggregation) and, separately, the sentiment model alone.
// Prints one JSON line. Built and run by bench/comments-bench.mjs.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/report/comments_json.hpp"
#include "core/text/comment_analytics.hpp"

int main(int argc, char** argv) {
  if (argc < 2) { std::fprintf(stderr, "usage: comments-bench FILE\n"); return 2; }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  std::vector<std::string_view> comments;
  std::vector<int> scores;
  std::size_t text_bytes = 0;
  for (std::size_t i = 0; i < data.size();) {
    std::size_t j = data.find('\n', i);
    if (j == std::string::npos) j = data.size();
    std::string_view line(data.data() + i, j - i);
    const auto tab = line.find('\t');
    scores.push_back(std::stoi(std::string(line.substr(0, tab))));
    comments.push_back(line.substr(tab + 1));
    text_bytes += comments.back().size();
    i = j + 1;
  }
  using clock = std::chrono::steady_clock;
  npskit::text::CommentAnalytics analytics;
  const auto day0 = npskit::days_from_civil(2025, 1, 1);
  auto t0 = clock::now();
  for (std::size_t i = 0; i < comments.size(); ++i) {
    const std::uint32_t codes[] = {static_cast<std::uint32_t>(i % 9), static_cast<std::uint32_t>(i % 4)};
    analytics.add(comments[i], scores[i], day0 + static_cast<std::int64_t>(i % 365), codes);
  }
  const double full_s = std::chrono::duration<double>(clock::now() - t0).count();
  t0 = clock::now();
  const auto json = npskit::comments_json(analytics).dump();
  const double json_s = std::chrono::duration<double>(clock::now() - t0).count();

  npskit::text::SentimentAnalyzer sentiment;
  t0 = clock::now();
  double sum = 0;
  for (auto c : comments) sum += sentiment.score(c).compound;
  const double sent_s = std::chrono::duration<double>(clock::now() - t0).count();
  npskit::text::TokenList tl;
  t0 = clock::now();
  std::size_t tokens = 0;
  for (auto c : comments) { npskit::text::tokenize(c, tl); tokens += tl.size(); }
  const double tok_s = std::chrono::duration<double>(clock::now() - t0).count();

  const double mb = static_cast<double>(text_bytes) / 1e6;
  std::printf("{\"comments\":%zu,\"text_mb\":%.2f,\"full_s\":%.3f,\"full_mb_s\":%.1f,\"to_json_s\":%.3f,"
              "\"sentiment_s\":%.3f,\"sentiment_mb_s\":%.1f,\"tokenize_s\":%.3f,\"tokenize_mb_s\":%.1f,"
              "\"tokens\":%zu,\"checksum\":%.4f,\"report_bytes\":%zu}\n",
              comments.size(), mb, full_s, mb / full_s, json_s, sent_s, mb / sent_s, tok_s, mb / tok_s, tokens, sum,
              json.size());
  return 0;
}
