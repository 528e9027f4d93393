#pragma once
// The batch path: a reader thread feeds a pool of workers running the Checker; results are
// written in input order; memory stays bounded; every record yields exactly one output record.
#include <cstdint>
#include <optional>
#include <string>

#include "veille/checker.hpp"
#include "veille/ingest.hpp"
#include "veille/report.hpp"

namespace veille {

struct BatchOptions {
  unsigned jobs = 0;  // 0 = all cores
  std::optional<Instant> at;
  std::string progress = "auto";  // auto, always, never
  unsigned shard_index = 0, shard_count = 0;  // --shard K/N (K in 1..N); 0 = no sharding
  bool explain = false;
};

// Runs the whole batch; returns the summary (also passed to writer.end()).
Summary run_batch(const Checker& checker, Reader& reader, Writer& writer,
                  const BatchOptions& options);

}  // namespace veille
