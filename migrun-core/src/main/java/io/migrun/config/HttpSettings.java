package io.migrun.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code http:} settings of {@code migrun.yml}, for the scripts' {@code http} helper.
 *
 * @param baseUrl              prefix of relative paths, or null
 * @param token                bearer token sent as {@code Authorization}, or null; a secret
 * @param headers              headers sent with every request; their values are treated as secrets
 * @param connectTimeout       time to connect
 * @param readTimeout          time between bytes of a response
 * @param callTimeout          time for a whole call, retries not included
 * @param maxRequestsPerSecond a limit on request starts, or null for none
 * @param maxRetries           retries of one call after connection failures, 429 and 5xx
 * @param maxRetryTime         time one call may spend retrying
 * @param allowPlainHttp       allow {@code http://} to hosts other than loopback
 */
public record HttpSettings(String baseUrl, String token, Map<String, String> headers, Duration connectTimeout, Duration readTimeout,
                           Duration callTimeout, Double maxRequestsPerSecond, int maxRetries, Duration maxRetryTime, boolean allowPlainHttp) {

    public static final HttpSettings DEFAULTS = new HttpSettings(null, null, Map.of(), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), null, 5, Duration.ofMinutes(2), false);

    public HttpSettings {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** These settings with the base URL and token replaced where the given ones are set. */
    HttpSettings withOverrides(String baseUrl, String token) {
        return new HttpSettings(baseUrl != null ? baseUrl : this.baseUrl, token != null ? token : this.token, headers, connectTimeout,
                readTimeout, callTimeout, maxRequestsPerSecond, maxRetries, maxRetryTime, allowPlainHttp);
    }

    /** The token, and every header value; of an {@code Authorization: <scheme> <credentials>} header, the credentials alone too. */
    List<String> secrets() {
        List<String> out = new ArrayList<>(headers.values());
        headers.forEach((name, value) -> {
            int space = value == null ? -1 : value.strip().indexOf(' ');
            if (name.toLowerCase(Locale.ROOT).endsWith("authorization") && space > 0) {
                out.add(value.strip().substring(space + 1).strip());
            }
        });
        if (token != null && !token.isEmpty()) {
            out.add(token);
        }
        return out;
    }

    @Override
    public String toString() {
        return "HttpSettings[baseUrl=" + baseUrl + ", token=" + (token == null ? "none" : "***") + ", headers=" + headers.keySet()
                + ", maxRetries=" + maxRetries + "]";
    }
}
