// run_batch: the Checker over a Reader, through the ordered pipeline, with progress and summary.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

#include "veille/batch.hpp"

namespace veille {
namespace {

using Clock = std::chrono::steady_clock;

std::string human_seconds(double s) {
  char buf[32];
  const long t = static_cast<long>(s + 0.5);
  if (t < 90)
    std::snprintf(buf, sizeof buf, "%lds", t);
  else if (t < 5400)
    std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%.1fh", s / 3600);
  return buf;
}

std::string fmt_line(std::uint64_t records, double mb, double rate, std::uint64_t findings,
                     std::uint64_t errors) {
  char buf[160];
  std::snprintf(buf, sizeof buf,
                "veille: %llu records, %.1f MB, %.1f MB/s, %llu findings, %llu errors",
                static_cast<unsigned long long>(records), mb, rate,
                static_cast<unsigned long long>(findings), static_cast<unsigned long long>(errors));
  return buf;
}

}  // namespace

Summary run_batch(const Checker& checker, Reader& reader, Writer& writer,
                  const BatchOptions& options) {
  const bool tty = ::isatty(STDERR_FILENO) == 1;
  const bool show_progress = options.progress == "always" || (options.progress == "auto" && tty);
  const bool show_summary = show_progress;
  const auto t0 = Clock::now();

  std::atomic<std::uint64_t> bytes_read{0};
  const std::uint64_t bytes_total = reader.bytes_total();
  Summary summary;

  auto next = [&](Document& doc) {
    for (;;) {
      if (!reader.next(doc)) {
        bytes_read = reader.bytes_read();
        return false;
      }
      bytes_read.store(reader.bytes_read(), std::memory_order_relaxed);
      if (options.shard_count == 0 || in_shard(doc.id, options.shard_index, options.shard_count))
        return true;
    }
  };
  auto work = [&](const Document& doc) {
    Result r;
    if (!doc.error.empty()) {
      r.status = Result::Status::error;
      r.error = doc.error;
      return r;
    }
    r = checker.check(doc, options.at);
    if (options.suppressor) options.suppressor->apply(doc, r);
    return r;
  };
  // Formats that render one record on its own (jsonl) are rendered on the workers; the calling
  // thread then only counts and copies bytes, in order.
  std::function<std::string(const Document&, const Result&)> render;
  if (writer.renders_records())
    render = [&](const Document& doc, const Result& r) { return writer.render(doc, r); };
  auto emit = [&](Document& doc, Result& result, std::string& text) {
    count_result(summary, doc, result);
    if (render)
      writer.write_rendered(doc, result, text);
    else
      writer.write(doc, result);
  };

  auto last_draw = Clock::now() - std::chrono::seconds(1);
  bool drawn = false;
  auto draw = [&](bool final_line) {
    const auto now = Clock::now();
    // Redrawn 5 times a second on a terminal; one line every 2 s in a log.
    if (!final_line && now - last_draw < std::chrono::milliseconds(tty ? 200 : 2000)) return;
    last_draw = now;
    const double secs = std::chrono::duration<double>(now - t0).count();
    const double mb = static_cast<double>(bytes_read.load()) / 1e6;
    const double rate = secs > 0 ? mb / secs : 0;
    std::string line = fmt_line(summary.records, mb, rate, summary.findings, summary.errors);
    if (bytes_total > 0 && rate > 0 && !final_line) {
      const double left = (static_cast<double>(bytes_total) / 1e6 - mb) / rate;
      char buf[64];
      std::snprintf(
          buf, sizeof buf, ", %.0f%%, ETA %s",
          100.0 * static_cast<double>(bytes_read.load()) / static_cast<double>(bytes_total),
          human_seconds(left > 0 ? left : 0).c_str());
      line += buf;
    }
    line = (tty ? "\r\x1b[2K" : "") + line + (tty && !final_line ? "" : "\n");
    std::fwrite(line.data(), 1, line.size(), stderr);
    drawn = true;
  };
  std::function<void()> tick;
  if (show_progress) tick = [&] { draw(false); };

  PipelineOptions popt;
  popt.jobs = options.jobs;
  run_pipeline(next, work, render, emit, tick, popt);

  summary.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  summary.bytes = reader.bytes_read();
  if (show_progress && drawn && tty) std::fputs("\r\x1b[2K", stderr);
  writer.end(summary);
  if (show_summary) {
    std::string s = "veille: " + std::to_string(summary.records) + " records, " +
                    std::to_string(summary.errors) + " errors, " +
                    std::to_string(summary.findings) + " findings";
    if (summary.suppressed) s += " (+" + std::to_string(summary.suppressed) + " suppressed)";
    char buf[96];
    const double mb = static_cast<double>(summary.bytes) / 1e6;
    std::snprintf(buf, sizeof buf, "; %.1f MB in %.2f s (%.1f MB/s, %.0f records/s)\n", mb,
                  summary.seconds, summary.seconds > 0 ? mb / summary.seconds : 0,
                  summary.seconds > 0 ? static_cast<double>(summary.records) / summary.seconds : 0);
    s += buf;
    for (const auto& [cite, n] : summary.by_citation)
      s += "  " + cite + ": " + std::to_string(n) + "\n";
    std::fwrite(s.data(), 1, s.size(), stderr);
  }
  return summary;
}

}  // namespace veille
