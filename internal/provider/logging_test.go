package provider

import (
	"os"
	"testing"
)

func TestQuietUnrequestedLogs(t *testing.T) {
	cases := map[string]struct {
		set      map[string]string
		wantSDK  string
		wantProv string
	}{
		"nothing requested":        {set: nil, wantSDK: "OFF", wantProv: "OFF"},
		"TF_LOG=TRACE":             {set: map[string]string{"TF_LOG": "TRACE"}, wantSDK: "", wantProv: ""},
		"provider logs requested":  {set: map[string]string{"TF_LOG_PROVIDER": "DEBUG"}, wantSDK: "", wantProv: "DEBUG"},
		"framework logs requested": {set: map[string]string{"TF_LOG_SDK_FRAMEWORK": "TRACE"}, wantSDK: "", wantProv: ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			for _, v := range logLevelVariables {
				t.Setenv(v, "")
				_ = os.Unsetenv(v)
			}
			for k, v := range tc.set {
				t.Setenv(k, v)
			}
			QuietUnrequestedLogs()
			if got := os.Getenv("TF_LOG_SDK_FRAMEWORK"); got != tc.wantSDK && tc.set["TF_LOG_SDK_FRAMEWORK"] == "" {
				t.Errorf("TF_LOG_SDK_FRAMEWORK = %q, want %q", got, tc.wantSDK)
			}
			if got := os.Getenv("TF_LOG_PROVIDER"); got != tc.wantProv {
				t.Errorf("TF_LOG_PROVIDER = %q, want %q", got, tc.wantProv)
			}
		})
	}
}
