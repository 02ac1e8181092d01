# Import by organization ID and team ID.
terraform import atlasaccess_team.platform 5f1e2d3c4b5a69788796a5b4/65a1b2c3d4e5f60718293a4b

# Or by organization ID and team name (a name of 24 lowercase hexadecimal
# digits is read as a team ID).
terraform import atlasaccess_team.platform "5f1e2d3c4b5a69788796a5b4/Platform"
