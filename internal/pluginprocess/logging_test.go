package pluginprocess

import (
	"os"
	"testing"
)

func TestQuietUnrequestedLogs(t *testing.T) {
	cases := map[string]struct {
		set      map[string]string
		wantSDK  string
		wantProv string
		wantOwn  string
	}{
		"nothing requested":        {set: nil, wantSDK: "OFF", wantProv: "OFF", wantOwn: "OFF"},
		"TF_LOG=TRACE":             {set: map[string]string{"TF_LOG": "TRACE"}, wantSDK: "", wantProv: "", wantOwn: ""},
		"provider logs requested":  {set: map[string]string{"TF_LOG_PROVIDER": "DEBUG"}, wantSDK: "", wantProv: "DEBUG", wantOwn: ""},
		"framework logs requested": {set: map[string]string{"TF_LOG_SDK_FRAMEWORK": "TRACE"}, wantSDK: "", wantProv: "", wantOwn: ""},
		"this provider's logs":     {set: map[string]string{"TF_LOG_PROVIDER_ATLASACCESS": "DEBUG"}, wantSDK: "", wantProv: "", wantOwn: "DEBUG"},
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
			if got := os.Getenv("TF_LOG_PROVIDER_ATLASACCESS"); got != tc.wantOwn {
				t.Errorf("TF_LOG_PROVIDER_ATLASACCESS = %q, want %q", got, tc.wantOwn)
			}
		})
	}
}
