# Adopt a team that already exists, by organization ID and team name (or
# team ID). The next plan then sets the configured members.
import {
  to = atlasaccess_team.platform
  id = "5f1e2d3c4b5a69788796a5b4/Platform"
}
