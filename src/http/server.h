#pragma once

#include <functional>
#include <memory>
#include <string>

#include "http/router.h"

namespace duibiao::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 0;      // 0: number of cores
  int worker_threads = 0;  // 0: 4 × cores (handlers block on the database)
  size_t max_body_bytes = 1 << 20;
  size_t max_upload_bytes = 10 << 20;  // POST /api/v1/files only
  int shutdown_grace_seconds = 15;
  int header_timeout_seconds = 10;  // to receive a request's header once it has begun
  int idle_timeout_seconds = 60;    // between requests on a kept-alive connection
};

// Asynchronous HTTP/1.1 server on Boost.Beast. Blocking handlers run on a worker pool so the io
// threads never wait on the database. run() returns after SIGTERM / SIGINT once in-flight
// requests have been answered (or the grace period ran out).
class Server {
 public:
  Server(Dispatcher& dispatcher, ServerOptions options);
  ~Server();
  // Binds, calls on_listening(actual port), serves until a stop signal.
  void run(const std::function<void(unsigned short)>& on_listening);

  class Impl;  // public so the connection class in server.cpp can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace duibiao::http
