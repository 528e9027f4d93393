// Byte sources: plain files, gzip files (zlib inflate, detected by magic bytes) and stdin.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "ingest/internal.hpp"

namespace veille::ingest {
namespace {

class FdSource : public ByteSource {
 public:
  FdSource(int fd, std::string name, bool owned, std::uint64_t size)
      : fd_(fd), name_(std::move(name)), owned_(owned), size_(size) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  // Bytes already taken from the fd by the gzip sniffing are given back first.
  void unread(std::string bytes) {
    pos_ -= bytes.size();
    pending_ = std::move(bytes);
  }
  std::size_t read(char* buf, std::size_t cap) override {
    if (!pending_.empty()) {
      std::size_t n = std::min(cap, pending_.size());
      std::memcpy(buf, pending_.data(), n);
      pending_.erase(0, n);
      pos_ += n;
      return n;
    }
    for (;;) {
      ssize_t n = ::read(fd_, buf, cap);
      if (n >= 0) {
        pos_ += static_cast<std::uint64_t>(n);
        return static_cast<std::size_t>(n);
      }
      if (errno == EINTR) continue;
      throw std::runtime_error(name_ + ": read error: " + std::strerror(errno));
    }
  }
  std::uint64_t position() const override { return pos_; }
  std::uint64_t size() const override { return size_; }
  const std::string& name() const { return name_; }

 private:
  int fd_;
  std::string name_;
  bool owned_;
  std::uint64_t size_;
  std::uint64_t pos_ = 0;
  std::string pending_;
};

class GzipSource : public ByteSource {
 public:
  explicit GzipSource(std::unique_ptr<FdSource> raw) : raw_(std::move(raw)), in_(1 << 16) {
    std::memset(&zs_, 0, sizeof zs_);
    if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK)
      throw std::runtime_error(raw_->name() + ": cannot initialise zlib");
  }
  ~GzipSource() override { inflateEnd(&zs_); }
  std::size_t read(char* buf, std::size_t cap) override {
    if (done_) return 0;
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = static_cast<uInt>(std::min<std::size_t>(cap, 1u << 30));
    while (zs_.avail_out > 0) {
      if (zs_.avail_in == 0) {
        std::size_t n = raw_->read(in_.data(), in_.size());
        if (n == 0) {
          // End of the compressed file: fine only between members.
          if (in_member_)
            throw std::runtime_error(raw_->name() + ": truncated gzip stream (after " +
                                     std::to_string(raw_->position()) + " compressed bytes)");
          done_ = true;
          break;
        }
        zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
        zs_.avail_in = static_cast<uInt>(n);
      }
      in_member_ = true;
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&zs_);  // concatenated members (cat a.gz b.gz)
        continue;
      }
      if (rc == Z_BUF_ERROR) continue;  // needs more input
      if (rc != Z_OK)
        throw std::runtime_error(raw_->name() + ": corrupt gzip stream (" +
                                 (zs_.msg ? zs_.msg : "zlib error " + std::to_string(rc)) + ")");
    }
    return static_cast<std::size_t>(reinterpret_cast<char*>(zs_.next_out) - buf);
  }
  std::uint64_t position() const override { return raw_->position() - zs_.avail_in; }
  std::uint64_t size() const override { return raw_->size(); }

 private:
  std::unique_ptr<FdSource> raw_;
  std::vector<char> in_;
  z_stream zs_;
  bool in_member_ = false;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<ByteSource> open_bytes(const std::string& path) {
  int fd = 0;
  bool owned = false;
  std::uint64_t size = 0;
  std::string name = path;
  if (path == "-") {
    name = "-";
  } else {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
    owned = true;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      throw std::runtime_error(path + ": cannot read: not a regular file");
    }
    // Regular file: blocking reads again.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    size = static_cast<std::uint64_t>(st.st_size);
  }
  auto raw = std::make_unique<FdSource>(fd, name, owned, size);
  // Sniff the gzip magic (1f 8b) without losing bytes.
  char head[2];
  std::size_t got = 0;
  while (got < 2) {
    std::size_t n = raw->read(head + got, 2 - got);
    if (n == 0) break;
    got += n;
  }
  bool gz = got == 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
            static_cast<unsigned char>(head[1]) == 0x8b;
  raw->unread(std::string(head, got));
  if (gz) return std::make_unique<GzipSource>(std::move(raw));
  return raw;
}

std::string read_all(ByteSource& src, std::size_t cap, bool* over_cap) {
  std::string out;
  if (over_cap) *over_cap = false;
  char buf[1 << 16];
  for (;;) {
    std::size_t n = src.read(buf, sizeof buf);
    if (n == 0) break;
    if (out.size() + n > cap) {
      if (over_cap) *over_cap = true;
      out.append(buf, cap - out.size());
      break;
    }
    out.append(buf, n);
  }
  return out;
}

void default_warn(const std::string& msg) {
  std::string line = "veille: " + msg + "\n";
  ::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace veille::ingest
