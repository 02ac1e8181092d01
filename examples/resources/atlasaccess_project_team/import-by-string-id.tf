# Adopt a team's existing roles in a project, by project ID and team ID.
import {
  to = atlasaccess_project_team.analysts
  id = "32b6e34b3d91647abb20e7b8/6a0b1c2d3e4f506172839405"
}
