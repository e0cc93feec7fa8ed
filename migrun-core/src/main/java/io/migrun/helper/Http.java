package io.migrun.helper;

import io.migrun.config.HttpSettings;
import io.migrun.config.Redaction;
import io.migrun.internal.json.Json;
import io.migrun.internal.retry.Backoff;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The scripts' {@code http}: one OkHttp client from the {@code http:} settings, sending and parsing
 * JSON. Connection failures, 429 and 5xx are retried with exponential backoff and jitter (honouring
 * {@code Retry-After}), bounded in count and time; POST and PATCH only when the call carries an
 * idempotency key, which migrun derives ({@link IdempotencyKeys}) unless the script gives one, so a
 * batch that runs again repeats the same keys. Other 4xx fail at once.
 * Errors name the method, the URL with secrets masked, the status and the start of the body.
 * Thread-safe.
 */
public final class Http implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Set<String> OPTIONS = Set.of("body", "headers", "query", "idempotencyKey");
    private static final int BODY_EXCERPT = 300;

    private final HttpSettings settings;
    private final OkHttpClient client;
    private final List<String> secrets;
    private final IdempotencyKeys keys;
    private final RateLimit limit;

    /**
     * @param secrets values masked in every message
     * @param keys    where the script is (migration, step, batch), for derived idempotency keys
     */
    public Http(HttpSettings settings, List<String> secrets, IdempotencyKeys keys) {
        this.settings = settings;
        this.secrets = List.copyOf(secrets);
        this.keys = keys;
        this.limit = new RateLimit(settings.maxRequestsPerSecond());
        this.client = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .retryOnConnectionFailure(false)
                .build();
    }

    public Object get(String path) {
        return call("GET", Map.of(), path);
    }

    public Object get(Map<String, Object> options, String path) {
        return call("GET", options, path);
    }

    public Object post(Map<String, Object> options, String path) {
        return call("POST", options, path);
    }

    public Object put(Map<String, Object> options, String path) {
        return call("PUT", options, path);
    }

    public Object patch(Map<String, Object> options, String path) {
        return call("PATCH", options, path);
    }

    public Object delete(String path) {
        return call("DELETE", Map.of(), path);
    }

    public Object delete(Map<String, Object> options, String path) {
        return call("DELETE", options, path);
    }

    /** Sends one request, retrying as the class describes; returns the parsed JSON body, the text of another body, or null for none. */
    public Object call(String method, Map<String, Object> options, String path) {
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("http." + method.toLowerCase(Locale.ROOT) + " has no option " + key + "; its options are body, headers, idempotencyKey, query");
            }
        }
        HttpUrl url = url(path, options.get("query"));
        Request.Builder request = new Request.Builder().url(url);
        settings.headers().forEach(request::header);
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        request.header("Accept", "application/json");
        if (options.get("headers") instanceof Map<?, ?> headers) {
            headers.forEach((k, v) -> request.header(String.valueOf(k), String.valueOf(v)));
        }
        Object body = options.get("body");
        String text = body == null ? "" : body instanceof CharSequence s ? s.toString() : Json.write(body);
        boolean unsafe = method.equals("POST") || method.equals("PATCH");
        Object given = options.get("idempotencyKey");
        String key = given == null || Boolean.FALSE.equals(given) ? null : String.valueOf(given);
        if (unsafe && given == null) {
            key = keys.next(method, url.encodedPath(), text);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        RequestBody requestBody = body == null ? (method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create(new byte[0], JSON))
                : RequestBody.create(text, JSON);
        request.method(method, requestBody);
        return send(request.build(), method, url, !unsafe || key != null);
    }

    private Object send(Request request, String method, HttpUrl url, boolean retryable) {
        long deadline = System.nanoTime() + settings.maxRetryTime().toNanos();
        for (int attempt = 0; ; attempt++) {
            limit.acquire();
            Long wait;
            String failure;
            int status = 0;
            IOException cause = null;
            try (Response response = client.newCall(request).execute()) {
                String text = response.body() == null ? "" : response.body().string();
                status = response.code();
                if (response.isSuccessful()) {
                    return parse(text, response.header("Content-Type"));
                }
                failure = "status " + status + ": " + excerpt(text);
                if (status != 429 && status < 500) {
                    throw new HttpException(describe(method, url) + " failed with " + failure, status, null);
                }
                wait = retryAfter(response.header("Retry-After"));
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                wait = null;
                cause = e;
            }
            long backoff = wait != null ? wait : Backoff.HTTP.delayMillis(attempt);
            if (!retryable || attempt >= settings.maxRetries() || System.nanoTime() + backoff * 1_000_000 > deadline) {
                throw new HttpException(describe(method, url) + " failed after " + (attempt + 1) + " attempt" + (attempt == 0 ? "" : "s")
                        + " with " + mask(failure), status, cause == null ? null : new IOException(mask(String.valueOf(cause.getMessage()))));
            }
            sleep(backoff);
        }
    }

    private HttpUrl url(String path, Object query) {
        String full = path.startsWith("http://") || path.startsWith("https://") || settings.baseUrl() == null ? path
                : settings.baseUrl().replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
        HttpUrl url = HttpUrl.parse(full);
        if (url == null) {
            throw new IllegalArgumentException("'" + mask(full) + "' is not an http(s) URL" + (settings.baseUrl() == null ? "; set http.baseUrl in migrun.yml for relative paths" : ""));
        }
        if (!url.isHttps() && !settings.allowPlainHttp() && !loopback(url.host())) {
            throw new IllegalArgumentException("plain http:// to " + url.host() + " is refused: tokens and data would cross the network unencrypted. "
                    + "Use https://, or set http.allowPlainHttp: true in migrun.yml for a trusted network");
        }
        if (query instanceof Map<?, ?> params) {
            HttpUrl.Builder b = url.newBuilder();
            params.forEach((k, v) -> b.addQueryParameter(String.valueOf(k), v == null ? null : String.valueOf(v)));
            url = b.build();
        }
        return url;
    }

    private static boolean loopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Object parse(String text, String contentType) {
        if (text.isEmpty()) {
            return null;
        }
        if (contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return Json.parse(text);
        }
        return text;
    }

    private String describe(String method, HttpUrl url) {
        return method + " " + mask(url.toString());
    }

    private String excerpt(String text) {
        String masked = mask(text);
        return masked.length() <= BODY_EXCERPT ? masked : masked.substring(0, BODY_EXCERPT) + "…";
    }

    private String mask(String text) {
        String out = text.replaceAll("(?i)([?&](?:token|access_token|api_key|apikey|key|secret|password)=)[^&\\s]*", "$1***");
        return Redaction.redact(out, secrets);
    }

    /** Seconds or an HTTP date, in milliseconds; null when absent or unreadable. */
    private static Long retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim())) * 1000;
        } catch (NumberFormatException e) {
            try {
                return Math.max(0, Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)).toMillis());
            } catch (RuntimeException x) {
                return null;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpException("interrupted while waiting to retry", 0, e);
        }
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** Spaces request starts at least 1/rate apart. */
    private static final class RateLimit {
        private final long intervalNanos;
        private long next;

        RateLimit(Double perSecond) {
            this.intervalNanos = perSecond == null || perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
        }

        synchronized void acquire() {
            if (intervalNanos == 0) {
                return;
            }
            long now = System.nanoTime();
            if (next > now) {
                try {
                    TimeUnit.NANOSECONDS.sleep(next - now);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                now = System.nanoTime();
            }
            next = Math.max(now, next) + intervalNanos;
        }
    }
}
