#pragma once

#include "http/json_io.h"
#include "service/campaign_stats_service.h"

namespace duibiao::http {

// The JSON of a campaign's statistics, as GET /api/v1/campaigns/{id}/stats answers it (the
// workbench embeds the same object).
Json campaign_stats_json(const CampaignStats& s);

}  // namespace duibiao::http
