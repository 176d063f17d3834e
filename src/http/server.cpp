// The only translation unit that includes Boost.Beast: it adapts Beast to http::Request /
// http::Response so the rest of the project compiles fast.
#include "http/server.h"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <limits>

#include <atomic>
#include <chrono>
#include <list>
#include <mutex>
#include <thread>

#include "http/json_io.h"
#include "http/log.h"
#include "http/metrics.h"

namespace duibiao::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Session;

class Server::Impl {
 public:
  Impl(Dispatcher& d, ServerOptions o)
      : dispatcher(d),
        options(std::move(o)),
        io_threads(options.io_threads > 0 ? options.io_threads
                                          : std::max(1u, std::thread::hardware_concurrency())),
        pool(options.worker_threads > 0 ? options.worker_threads
                                        : 4 * std::max(1u, std::thread::hardware_concurrency())),
        contexts(make_contexts(io_threads)),
        acceptor(*contexts[0]),
        signals(*contexts[0], SIGINT, SIGTERM) {
    dispatcher.metrics().worker_threads =
        options.worker_threads > 0 ? options.worker_threads
                                   : 4 * std::max(1u, std::thread::hardware_concurrency());
  }

  // One io_context per thread: a connection lives on one thread for its whole life, so it
  // needs no strand and wakes no other io thread (cross-thread wake-ups cost more than the
  // request itself for cheap routes).
  static std::vector<std::unique_ptr<net::io_context>> make_contexts(int n) {
    std::vector<std::unique_ptr<net::io_context>> v;
    for (int i = 0; i < n; ++i) v.push_back(std::make_unique<net::io_context>(1));
    return v;
  }
  void stop_all() {
    for (auto& c : contexts) c->stop();
  }

  void run(const std::function<void(unsigned short)>& on_listening);
  void accept();
  void begin_shutdown();
  void track(const std::shared_ptr<Session>& s);

  Dispatcher& dispatcher;
  ServerOptions options;
  int io_threads;
  net::thread_pool pool;
  std::vector<std::unique_ptr<net::io_context>> contexts;
  size_t next_context = 0;
  tcp::acceptor acceptor;
  net::signal_set signals;
  std::atomic<bool> stopping{false};
  std::mutex sessions_mutex;
  std::list<std::weak_ptr<Session>> sessions;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {}

  void start() {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    remote_addr_ = ec ? "" : ep.address().to_string();
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::read, shared_from_this()));
  }

  // Called from the shutdown path: an idle connection is closed now; a busy one after its answer.
  void stop() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.close();
      }
    });
  }

 private:
  // Between requests on a kept-alive connection: wait up to the idle timeout for the next
  // request's first bytes, then give the rest of its header the header timeout.
  void wait_for_request() {
    if (server_.stopping) return close();
    busy_ = false;
    if (buffer_.size() > 0) return read();  // a pipelined request is already here
    stream_.expires_after(std::chrono::seconds(server_.options.idle_timeout_seconds));
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->close();
                              self->buffer_.commit(n);
                              self->read();
                            });
  }

  // A request's header must be complete within the header timeout (a client that sends half a
  // request line and stalls is cut off then), its body within the body timeout.
  void read() {
    if (server_.stopping) return close();
    busy_ = false;
    parser_.emplace();
    parser_->header_limit(32 * 1024);
    // Beast checks Content-Length against the limit while parsing the header, before the target
    // is known: no limit there; on_header applies the route's limit (uploads get a larger one).
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    upload_ = false;
    stream_.expires_after(std::chrono::seconds(server_.options.header_timeout_seconds));
    // The header first: an upload route gets the larger upload limit for its body.
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t n) {
    if (ec) return on_read(ec, n);
    const auto& msg = parser_->get();
    std::string_view target(msg.target().data(), msg.target().size());
    upload_ = server_.dispatcher.accepts_upload(
        std::string_view(msg.method_string().data(), msg.method_string().size()),
        percent_decode(target.substr(0, target.find('?')), false));
    size_t limit = upload_ ? server_.options.max_upload_bytes : server_.options.max_body_bytes;
    if (auto length = parser_->content_length(); length && *length > limit)
      return on_read(bhttp::error::body_limit, n);
    parser_->body_limit(limit);
    stream_.expires_after(std::chrono::seconds(60));
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || ec == net::error::connection_reset || ec == net::error::eof)
      return close();
    busy_ = true;
    started_ = std::chrono::steady_clock::now();  // metrics and access log: request read
    current_.reset();
    if (ec == bhttp::error::body_limit) {
      Error e{
          ErrorCode::kPayloadTooLarge,
          upload_
              ? "文件过大：上限为 " + std::to_string(server_.options.max_upload_bytes >> 20) + " MB"
              : "请求体过大：上限为 " + std::to_string(server_.options.max_body_bytes) + " 字节"};
      return write(error_response(e), false, true);
    }
    if (ec) {
      return write(error_response(Error::bad_request("无法解析的 HTTP 请求：" + ec.message())),
                   false, true);
    }
    auto& msg = parser_->get();
    auto req = std::make_shared<Request>();
    req->method = std::string(msg.method_string());
    std::string_view target(msg.target().data(), msg.target().size());
    auto q = target.find('?');
    req->path = percent_decode(target.substr(0, q), false);
    if (q != std::string_view::npos) req->raw_query = std::string(target.substr(q + 1));
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req->headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req->body = std::move(msg.body());
    req->remote_addr = remote_addr_;
    current_ = req;
    bool keep_alive = msg.keep_alive();
    bool head = msg.method() == bhttp::verb::head;
    if (server_.dispatcher.is_cheap(*req)) {
      return write(server_.dispatcher.handle(*req), head, !keep_alive);
    }
    auto& metrics = server_.dispatcher.metrics();
    metrics.queue_depth.fetch_add(1, std::memory_order_relaxed);
    net::post(server_.pool, [self = shared_from_this(), req, keep_alive, head, &metrics] {
      metrics.queue_depth.fetch_sub(1, std::memory_order_relaxed);
      metrics.in_flight.fetch_add(1, std::memory_order_relaxed);
      Response res = self->server_.dispatcher.handle(*req);
      metrics.in_flight.fetch_sub(1, std::memory_order_relaxed);
      net::post(self->stream_.get_executor(),
                [self, res = std::move(res), keep_alive, head]() mutable {
                  self->write(std::move(res), head, !keep_alive);
                });
    });
  }

  void write(Response res, bool head, bool close_after) {
    server_.dispatcher.complete(current_.get(), res, started_);
    current_.reset();
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>();
    out->version(11);
    out->result(static_cast<unsigned>(res.status));
    out->set(bhttp::field::server, "duibiao");
    if (!res.content_type.empty()) out->set(bhttp::field::content_type, res.content_type);
    for (auto& [k, v] : res.headers) out->insert(k, v);
    out->set("X-Content-Type-Options", "nosniff");
    out->set("X-Frame-Options", "DENY");
    out->set("Referrer-Policy", "same-origin");
    close_after = close_after || server_.stopping;
    out->keep_alive(!close_after);
    if (head) {
      out->content_length(res.body.size());
    } else {
      out->body() = std::move(res.body);
      out->prepare_payload();
    }
    stream_.expires_after(std::chrono::seconds(60));
    bhttp::async_write(
        stream_, *out,
        [self = shared_from_this(), out, close_after](beast::error_code ec, std::size_t) {
          if (ec || close_after) return self->close();
          self->wait_for_request();
        });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    // Drain briefly what the client still sends (e.g. an oversized body) so the close does not
    // reset the connection before the client has read our answer.
    auto drain = std::make_shared<std::array<char, 16384>>();
    stream_.expires_after(std::chrono::seconds(2));
    do_drain(drain, 0);
  }

  void do_drain(std::shared_ptr<std::array<char, 16384>> buf, std::size_t total) {
    if (total > (64u << 20)) return stream_.close();
    stream_.async_read_some(net::buffer(*buf), [self = shared_from_this(), buf, total](
                                                   beast::error_code ec, std::size_t n) {
      if (ec) return self->stream_.close();
      self->do_drain(buf, total + n);
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Server::Impl& server_;
  std::string remote_addr_;
  std::shared_ptr<Request> current_;  // the request being answered (null: unparsable)
  std::chrono::steady_clock::time_point started_;
  bool busy_ = false;
  bool upload_ = false;  // the request being read is a file upload
};

void Server::Impl::track(const std::shared_ptr<Session>& s) {
  std::lock_guard lock(sessions_mutex);
  sessions.remove_if([](const std::weak_ptr<Session>& w) { return w.expired(); });
  sessions.push_back(s);
}

void Server::Impl::accept() {
  net::io_context& target = *contexts[next_context++ % contexts.size()];
  acceptor.async_accept(target, [this](beast::error_code ec, tcp::socket socket) {
    if (stopping) return;
    if (!ec) {
      auto s = std::make_shared<Session>(std::move(socket), *this);
      track(s);
      s->start();
    }
    accept();
  });
}

void Server::Impl::begin_shutdown() {
  if (stopping.exchange(true)) return;
  log_info("shutting down: finishing in-flight requests");
  beast::error_code ec;
  acceptor.close(ec);
  {
    std::lock_guard lock(sessions_mutex);
    for (auto& w : sessions)
      if (auto s = w.lock()) s->stop();
  }
  // A last resort if a client keeps a request going for too long.
  auto timer = std::make_shared<net::steady_timer>(*contexts[0]);
  timer->expires_after(std::chrono::seconds(options.shutdown_grace_seconds));
  timer->async_wait([this, timer](beast::error_code ec) {
    if (!ec) stop_all();
  });
}

void Server::Impl::run(const std::function<void(unsigned short)>& on_listening) {
  auto address = net::ip::make_address(options.host);
  tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(net::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(net::socket_base::max_listen_connections);
  on_listening(acceptor.local_endpoint().port());
  signals.async_wait([this](beast::error_code, int) { begin_shutdown(); });
  accept();
  // Idle contexts must not return from run() before connections arrive.
  std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
  for (auto& c : contexts) guards.push_back(net::make_work_guard(*c));
  std::vector<std::thread> threads;
  for (int i = 1; i < io_threads; ++i) threads.emplace_back([this, i] { contexts[i]->run(); });
  // The grace timer keeps run() alive until it fires; cancel it once every session is gone.
  std::thread watcher([this] {
    while (!stopping) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    while (true) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      std::lock_guard lock(sessions_mutex);
      sessions.remove_if([](const std::weak_ptr<Session>& w) { return w.expired(); });
      if (sessions.empty()) break;
    }
    net::post(*contexts[0], [this] { stop_all(); });
  });
  contexts[0]->run();
  for (auto& t : threads) t.join();
  watcher.join();
  pool.join();
}

Server::Server(Dispatcher& dispatcher, ServerOptions options)
    : impl_(std::make_unique<Impl>(dispatcher, std::move(options))) {}
Server::~Server() = default;

void Server::run(const std::function<void(unsigned short)>& on_listening) {
  impl_->run(on_listening);
}

}  // namespace duibiao::http
