# Import by project ID and team ID.
terraform import atlasaccess_project_team.analysts 32b6e34b3d91647abb20e7b8/6a0b1c2d3e4f506172839405

# A for_each instance: quote the address for the shell.
terraform import 'atlasaccess_project_team.oncall["5e2211c17a3e5a48f5497de3"]' 5e2211c17a3e5a48f5497de3/6a0b1c2d3e4f506172839406
