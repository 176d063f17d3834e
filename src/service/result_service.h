#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/models.h"
#include "domain/result_rules.h"
#include "service/app.h"
#include "service/caches.h"

namespace duibiao {

// A result with what the server computes around it.
struct ResultView {
  EnterpriseResult result;
  std::shared_ptr<const Plan> plan;
  ResultEvaluation evaluation;
  std::vector<ChainStep> chain;
  std::string changes_json;  // what the latest submission changed (detail only; JSON array)
  std::string region_code;
  std::string region_name;
  std::string stage_region_name;
  bool overdue = false;
};

struct ResultQuery {
  std::string status;
  std::string stage;
  std::string q;
  std::string plan_number;
  std::string region_code;
  bool queue = false;
  bool overdue = false;
};

struct NewResult {
  long long product_id = 0;
  long long plan_id = 0;
  std::string plan_number;
};

struct BulkItem {
  long long id = 0;
  int version = 0;
};
struct BulkOutcome {
  long long id = 0;
  std::optional<ResultView> view;
  std::optional<Error> error;
};

Result<PageResult<ResultView>> list_results_for(App& app, const Caller& caller,
                                                const ResultQuery& q, const Page& page);
Result<ResultView> get_result(App& app, const Caller& caller, long long id);
// The detail page of a result as `render` writes it from get_result's view, kept per process and
// used again while nothing it shows has changed (see result_page in result_service.cpp).
Result<std::shared_ptr<const std::string>> result_page(
    App& app, const Caller& caller, long long id,
    const std::function<std::string(const ResultView&)>& render);
Result<ResultView> create_result(App& app, const Caller& caller, const NewResult& in);
Result<ResultView> save_result(App& app, const Caller& caller, long long id, int version,
                               const ResultContent& content);
Result<void> delete_result(App& app, const Caller& caller, long long id);
Result<ResultView> submit_result(App& app, const Caller& caller, long long id, int version);
Result<ResultView> review_result(App& app, const Caller& caller, long long id, int version,
                                 const std::string& action, const std::string& comment);
Result<std::vector<BulkOutcome>> bulk_review(App& app, const Caller& caller,
                                             const std::string& action, const std::string& comment,
                                             const std::vector<BulkItem>& items);
Result<std::vector<ResultEvent>> result_events_for(App& app, const Caller& caller, long long id);

// Public side: published results only.
Result<PageResult<ResultView>> public_results(App& app, const ResultQuery& q, const Page& page);
// The rendered public page of a published result: rendered by `render` the first time, then kept
// (published results never change). 404 for an unknown or unpublished code; 429 when the
// address has guessed too many codes.
Result<std::shared_ptr<const std::string>> public_result_page(
    App& app, const Caller& caller, const std::string& code,
    const std::function<std::string(const ResultView&)>& render);

Result<ReviewSettings> get_review_settings(App& app, const Caller& caller);
Result<ReviewSettings> put_review_settings(App& app, const Caller& caller, const ReviewSettings& s);

// Uploads (test reports): PDF or image, type decided from the bytes.
struct StoredFile {
  Upload upload;
  std::string bytes;
};
Result<Upload> upload_file(App& app, const Caller& caller, const std::string& name,
                           const std::string& body);
Result<StoredFile> read_file(App& app, const Caller& caller, const std::string& hash);
// The content type of an accepted upload from its first bytes, or "" when not accepted.
std::string sniff_upload_type(std::string_view bytes);

// The upload storage shared with other aggregates (notice attachments): stores the bytes by content
// hash (durably, once) and returns the hash; reads them back ("" and false when missing).
std::string store_upload_bytes(const App& app, const std::string& body);
bool load_upload_bytes(const App& app, const std::string& hash, std::string& out);
// A file name fit to keep: no path separators, quotes or controls, valid UTF-8, ≤ 100 characters.
std::string clean_upload_name(const std::string& name);

struct NotificationPage {
  PageResult<Notification> page;
  long long unread = 0;
};
Result<NotificationPage> my_notifications(App& app, const Caller& caller, bool unread_only,
                                          const Page& page);
Result<long long> mark_read(App& app, const Caller& caller, const std::vector<long long>& ids,
                            bool all);

}  // namespace duibiao
