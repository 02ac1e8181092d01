# Retry budget and per-attempt timeout. Rate limits (HTTP 429, honouring
# Retry-After), server errors (500, 502, 503, 504), dropped connections and
# Atlas's invitation limit are retried with exponential backoff and jitter.
provider "atlasaccess" {
  max_retries     = 8
  request_timeout = "30s"
}
