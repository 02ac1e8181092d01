# Atlas for Government, with credentials from the environment.
provider "atlasaccess" {
  base_url = "https://cloud.mongodbgov.com"
}
