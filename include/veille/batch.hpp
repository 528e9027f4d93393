#pragma once
// The batch path: a reader thread feeds a pool of workers running the Checker; results are
// written in input order; memory stays bounded; every record yields exactly one output record.
//
// Threads: one reader thread (Reader::next, sharding, chunking), `jobs` workers (Checker::check
// then Suppressor::apply), and the calling thread, which writes results strictly in input order
// and draws the progress line. Chunks of up to 256 documents or 4 MiB of text flow through a
// bounded window of 4 x jobs + 4 chunks and 64 MiB of text (queued, being checked or waiting to
// be written), so memory does not grow with the input: at most 64 MiB of documents in flight
// plus the chunk being filled (one record can be as large as InputOptions::max_record_bytes).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "veille/checker.hpp"
#include "veille/ingest.hpp"
#include "veille/report.hpp"

namespace veille {

struct BatchOptions {
  unsigned jobs = 0;  // 0 = all cores
  std::optional<Instant> at;
  // Progress line on stderr: "auto" = only when stderr is a TTY; "always"; "never".
  // The final summary on stderr is printed for "always", and for "auto" when stderr is a TTY
  // (so that pipelines and tests keep a clean stderr); never for "never".
  std::string progress = "auto";
  unsigned shard_index = 0, shard_count = 0;  // --shard K/N (K in 1..N); 0 = no sharding
  bool explain = false;
  const Suppressor* suppressor = nullptr;  // inline directives, ignore file, baseline
};

// Runs the whole batch; returns the summary (also passed to writer.end()). Does not call
// writer.begin() (the caller knows the run's versions). Summary::bytes is the input bytes read.
Summary run_batch(const Checker& checker, Reader& reader, Writer& writer,
                  const BatchOptions& options);

// --shard K/N: true when the record with this id belongs to shard K (1-based) of N:
// FNV-1a 64 of the id's bytes, modulo N, equals K - 1. Stable across machines and versions.
std::uint64_t fnv1a64(std::string_view bytes);
bool in_shard(std::string_view id, unsigned k, unsigned n);

// The ordered pipeline under run_batch, with the work as a function so that it can be tested
// without rules. `next` runs on one reader thread; `work` on `jobs` threads at once (an
// exception it throws becomes that record's status:error result, "internal error: <what>");
// `emit` and `tick` run on the calling thread, `emit` strictly in the order `next` produced.
// An exception from `next` or `emit` stops the pipeline and is rethrown here.
struct PipelineOptions {
  unsigned jobs = 0;                   // 0 = hardware_concurrency
  std::size_t chunk_docs = 256;        // documents per chunk at most
  std::size_t chunk_bytes = 4u << 20;  // text bytes per chunk at most (one document may exceed)
  std::size_t max_chunks = 0;          // chunks in flight at most; 0 = 4 x jobs + 4
  // Text bytes in flight at most (a chunk is always let through when nothing is in flight, so
  // one record larger than this still passes, alone).
  std::size_t max_bytes = 64u << 20;
  double tick_seconds = 0.25;  // how often `tick` runs while waiting
};
struct PipelineStats {
  std::uint64_t records = 0;
  std::uint64_t chunks = 0;
  std::size_t max_in_flight = 0;  // the most chunks ever in flight (<= max_chunks)
};
PipelineStats run_pipeline(const std::function<bool(Document&)>& next,
                           const std::function<Result(const Document&)>& work,
                           const std::function<void(Document&, Result&)>& emit,
                           const std::function<void()>& tick, const PipelineOptions& options);
// The same with a rendering step: `render` runs on the worker threads right after `work`, on
// the same record (so that formatting output is spread over the cores too), and `emit` receives
// its text. An exception from `render` replaces the record's result with a status:error result
// and renders that one; when that throws too, the text is empty.
PipelineStats run_pipeline(const std::function<bool(Document&)>& next,
                           const std::function<Result(const Document&)>& work,
                           const std::function<std::string(const Document&, const Result&)>& render,
                           const std::function<void(Document&, Result&, std::string&)>& emit,
                           const std::function<void()>& tick, const PipelineOptions& options);

}  // namespace veille
