package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// tflogLogger adapts the client's Logger to tflog. The client never hands a
// credential to its logger; masking the configured secrets here as well means
// a future field or error text that echoes one still cannot leak it.
type tflogLogger struct {
	secrets []string
}

var _ client.WarnLogger = tflogLogger{}

func newLogger(cfg client.Config) client.Logger {
	var secrets []string
	for _, s := range []string{cfg.ClientSecret, cfg.PrivateKey, cfg.AccessToken} {
		if s != "" {
			secrets = append(secrets, s)
		}
	}
	return tflogLogger{secrets: secrets}
}

// Debug logs msg through the provider root logger,
// with the configured secrets masked in the message and every field value.
func (l tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(l.masked(ctx), msg, fields)
}

// Warn logs msg at WARN level, masked as Debug masks.
func (l tflogLogger) Warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.Warn(l.masked(ctx), msg, fields)
}

func (l tflogLogger) masked(ctx context.Context) context.Context {
	if len(l.secrets) > 0 {
		ctx = tflog.MaskMessageStrings(ctx, l.secrets...)
		ctx = tflog.MaskAllFieldValuesStrings(ctx, l.secrets...)
	}
	return tflog.MaskFieldValuesWithFieldKeys(ctx, "authorization", "client_secret", "private_key", "access_token", "secret")
}
