// The ordered pipeline: reader thread -> bounded chunk window -> workers -> reorder -> emit.
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "veille/batch.hpp"

namespace veille {
namespace {

struct Chunk {
  std::uint64_t seq = 0;
  std::size_t bytes = 0;
  std::vector<Document> docs;
  std::vector<Result> results;
  std::vector<std::string> rendered;  // empty when there is no render step
};

Result internal_error(const Document& doc, const char* what) {
  Result r;
  r.status = Result::Status::error;
  r.error = "internal error: " + std::string(what) + " (" + doc.source + ":" +
            std::to_string(doc.line) + ", id " + doc.id + ")";
  return r;
}

// Runs f; on an exception, its message ("unknown exception" for one not derived from
// std::exception), so that one record's failure becomes that record's error, never the run's.
template <class F>
std::optional<std::string> failure_of(F&& f) {
  try {
    f();
    return std::nullopt;
  } catch (const std::exception& e) {
    return std::string(e.what());
  } catch (...) {
    return std::string("unknown exception");
  }
}

}  // namespace

PipelineStats run_pipeline(const std::function<bool(Document&)>& next,
                           const std::function<Result(const Document&)>& work,
                           const std::function<void(Document&, Result&)>& emit,
                           const std::function<void()>& tick, const PipelineOptions& options) {
  return run_pipeline(
      next, work, {}, [&](Document& doc, Result& result, std::string&) { emit(doc, result); }, tick,
      options);
}

PipelineStats run_pipeline(const std::function<bool(Document&)>& next,
                           const std::function<Result(const Document&)>& work,
                           const std::function<std::string(const Document&, const Result&)>& render,
                           const std::function<void(Document&, Result&, std::string&)>& emit,
                           const std::function<void()>& tick, const PipelineOptions& options) {
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t max_chunks = options.max_chunks ? options.max_chunks : 4 * jobs + 4;
  const std::size_t chunk_docs = std::max<std::size_t>(1, options.chunk_docs);

  std::mutex m;
  std::condition_variable cv_work, cv_space, cv_done;
  std::deque<std::unique_ptr<Chunk>> queue;
  std::map<std::uint64_t, std::unique_ptr<Chunk>> done;
  std::size_t in_flight = 0, bytes_in_flight = 0;
  bool reader_done = false, abort = false;
  std::uint64_t total_chunks = 0;
  std::exception_ptr reader_error;
  PipelineStats stats;

  std::thread reader([&] {
    std::uint64_t seq = 0;
    try {
      bool more = true;
      while (more) {
        auto chunk = std::make_unique<Chunk>();
        chunk->docs.reserve(chunk_docs);
        std::size_t bytes = 0;
        while (chunk->docs.size() < chunk_docs && bytes < options.chunk_bytes) {
          Document doc;
          if (!next(doc)) {
            more = false;
            break;
          }
          bytes += doc.text.size() + 256;
          chunk->docs.push_back(std::move(doc));
        }
        if (chunk->docs.empty()) break;
        chunk->seq = seq++;
        chunk->bytes = bytes;
        std::unique_lock lock(m);
        cv_space.wait(lock, [&] {
          return abort || in_flight == 0 ||
                 (in_flight < max_chunks && bytes_in_flight + bytes <= options.max_bytes);
        });
        if (abort) break;
        ++in_flight;
        bytes_in_flight += bytes;
        stats.max_in_flight = std::max(stats.max_in_flight, in_flight);
        queue.push_back(std::move(chunk));
        cv_work.notify_one();
      }
    } catch (...) {
      std::lock_guard lock(m);
      reader_error = std::current_exception();
    }
    std::lock_guard lock(m);
    reader_done = true;
    total_chunks = seq;
    cv_work.notify_all();
    cv_done.notify_all();
  });

  std::vector<std::thread> workers;
  for (unsigned w = 0; w < jobs; ++w)
    workers.emplace_back([&] {
      for (;;) {
        std::unique_ptr<Chunk> chunk;
        {
          std::unique_lock lock(m);
          cv_work.wait(lock, [&] { return !queue.empty() || reader_done || abort; });
          if (abort || queue.empty()) return;
          chunk = std::move(queue.front());
          queue.pop_front();
        }
        chunk->results.resize(chunk->docs.size());
        for (std::size_t i = 0; i < chunk->docs.size(); ++i)
          if (auto err = failure_of([&] { chunk->results[i] = work(chunk->docs[i]); }))
            chunk->results[i] = internal_error(chunk->docs[i], err->c_str());
        if (render) {
          chunk->rendered.resize(chunk->docs.size());
          for (std::size_t i = 0; i < chunk->docs.size(); ++i) {
            auto render_i = [&] { chunk->rendered[i] = render(chunk->docs[i], chunk->results[i]); };
            if (auto err = failure_of(render_i)) {
              chunk->results[i] = internal_error(chunk->docs[i], err->c_str());
              failure_of(render_i);  // the error record; its text stays empty if that throws too
            }
          }
        }
        std::lock_guard lock(m);
        const std::uint64_t seq = chunk->seq;
        done.emplace(seq, std::move(chunk));
        cv_done.notify_all();
      }
    });

  auto stop = [&] {
    {
      std::lock_guard lock(m);
      abort = true;
    }
    cv_space.notify_all();
    cv_work.notify_all();
    reader.join();
    for (auto& t : workers) t.join();
  };

  const auto tick_every = std::chrono::duration<double>(options.tick_seconds);
  std::uint64_t next_seq = 0;
  try {
    for (;;) {
      std::unique_ptr<Chunk> chunk;
      {
        std::unique_lock lock(m);
        bool ready = cv_done.wait_for(lock, tick_every, [&] {
          return done.count(next_seq) || reader_error || (reader_done && next_seq == total_chunks);
        });
        if (!ready) {
          lock.unlock();
          if (tick) tick();
          continue;
        }
        if (reader_error) {
          std::exception_ptr e = reader_error;
          lock.unlock();
          stop();
          std::rethrow_exception(e);
        }
        auto it = done.find(next_seq);
        if (it == done.end()) break;  // reader done and every chunk written
        chunk = std::move(it->second);
        done.erase(it);
      }
      const std::size_t chunk_bytes = chunk->bytes;
      std::string no_text;
      for (std::size_t i = 0; i < chunk->docs.size(); ++i)
        emit(chunk->docs[i], chunk->results[i],
             chunk->rendered.empty() ? no_text : chunk->rendered[i]);
      stats.records += chunk->docs.size();
      ++stats.chunks;
      chunk.reset();
      {
        std::lock_guard lock(m);
        --in_flight;
        bytes_in_flight -= chunk_bytes;
      }
      cv_space.notify_one();
      ++next_seq;
      if (tick) tick();
    }
  } catch (...) {
    bool joined = false;
    {
      std::lock_guard lock(m);
      joined = abort;
    }
    if (!joined) stop();
    throw;
  }
  reader.join();
  for (auto& t : workers) t.join();
  return stats;
}

}  // namespace veille
