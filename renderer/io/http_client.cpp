#include "io/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace plateau {
namespace {

// curl_global_init is not thread-safe and must run before any other libcurl call; tiles are
// loaded from several worker threads, so the first of them does it, exactly once. There is no
// matching curl_global_cleanup: other threads' handles may outlive any point we could pick, and
// the process exit releases everything anyway.
bool globalInit() {
    static std::once_flag once;
    static CURLcode code = CURLE_OK;
    std::call_once(once, [] { code = curl_global_init(CURL_GLOBAL_DEFAULT); });
    return code == CURLE_OK;
}

// One multi and one easy handle per thread, reused between requests so that keep-alive
// connections, DNS results and TLS sessions carry over from one tile to the next.
struct ThreadHandles {
    CURLM* multi = nullptr;
    CURL* easy = nullptr;
    ThreadHandles() {
        if (!globalInit()) return;
        multi = curl_multi_init();
        easy = curl_easy_init();
    }
    ~ThreadHandles() {
        if (easy) curl_easy_cleanup(easy);
        if (multi) curl_multi_cleanup(multi);
    }
    ThreadHandles(const ThreadHandles&) = delete;
    ThreadHandles& operator=(const ThreadHandles&) = delete;
};

struct Transfer {
    std::vector<std::uint8_t>* body = nullptr;
    std::size_t maxBytes = 0;
    const std::atomic<bool>* cancel = nullptr;
    bool tooLarge = false;
    bool cancelled = false;
};

bool cancelRequested(Transfer& t) {
    if (t.cancel && t.cancel->load(std::memory_order_relaxed)) t.cancelled = true;
    return t.cancelled;
}

size_t onWrite(char* data, size_t size, size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    if (n > t.maxBytes - t.body->size()) {
        t.tooLarge = true;
        return 0;  // any short count makes libcurl stop with CURLE_WRITE_ERROR
    }
    t.body->insert(t.body->end(), reinterpret_cast<const std::uint8_t*>(data),
                   reinterpret_cast<const std::uint8_t*>(data) + n);
    return n;
}

// libcurl calls this during transfers, also while waiting for a silent server; a non-zero
// return aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return cancelRequested(*static_cast<Transfer*>(user)) ? 1 : 0;
}

std::string connectErrorText(long osErrno) {
    switch (osErrno) {
        case ECONNREFUSED: return "connection refused";
        case EHOSTUNREACH: return "host unreachable";
        case ENETUNREACH: return "network unreachable";
        case ECONNRESET: return "connection reset";
        default: return osErrno ? std::string("cannot connect (") + std::strerror(int(osErrno)) + ")" : "cannot connect";
    }
}

void classify(CURL* easy, CURLcode code, const Transfer& t, const char* errbuf, HttpResponse& r) {
    long osErrno = 0;
    curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &osErrno);
    if (t.cancelled || code == CURLE_ABORTED_BY_CALLBACK) {
        r.failure = HttpFailure::Cancelled;
        r.errorText = "cancelled";
    } else if ((code == CURLE_WRITE_ERROR && t.tooLarge) || code == CURLE_FILESIZE_EXCEEDED) {
        r.failure = HttpFailure::TooLarge;
        r.errorText = "response larger than " + formatByteSize(t.maxBytes);
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
        r.failure = HttpFailure::Timeout;
        r.errorText = "timed out";
    } else if (code == CURLE_PARTIAL_FILE) {
        r.failure = HttpFailure::Truncated;
        r.errorText = "truncated response (received " + std::to_string(r.received) + " of " +
                      std::to_string(r.expected) + " bytes)";
    } else if (code == CURLE_COULDNT_CONNECT) {
        r.failure = HttpFailure::Connect;
        r.errorText = connectErrorText(osErrno);
    } else if (code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR || code == CURLE_GOT_NOTHING) {
        // The server accepted and then dropped the connection: as transient as a refused one.
        r.failure = HttpFailure::Connect;
        r.errorText = code == CURLE_GOT_NOTHING ? "server closed the connection without a response"
                                                : connectErrorText(osErrno ? osErrno : ECONNRESET);
    } else if (code == CURLE_COULDNT_RESOLVE_HOST) {
        r.failure = HttpFailure::Resolve;
        r.errorText = "host not found";
    } else {
        r.failure = HttpFailure::Other;
        r.errorText = errbuf[0] ? errbuf : curl_easy_strerror(code);
    }
}

}  // namespace

HttpResponse httpGet(const std::string& url, const HttpGetOptions& options) {
    HttpResponse r;
    thread_local ThreadHandles handles;
    if (!handles.multi || !handles.easy) {
        r.failure = HttpFailure::Other;
        r.errorText = "libcurl failed to initialise";
        return r;
    }
    CURL* easy = handles.easy;
    CURLM* multi = handles.multi;

    Transfer t;
    t.body = &r.body;
    t.maxBytes = options.maxResponseBytes;
    t.cancel = options.cancel;
    if (cancelRequested(t)) {
        r.failure = HttpFailure::Cancelled;
        r.errorText = "cancelled";
        return r;
    }

    char errbuf[CURL_ERROR_SIZE] = {};
    curl_easy_reset(easy);
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    // Worker threads: signals (used by the synchronous resolver's timeout) would hit any thread.
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 5L);
    // Only web protocols, also after redirects: a server must not redirect us to file:// etc.
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "plateau/0.1");
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connectTimeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.totalTimeout.count()));
    // Rejects a declared Content-Length above the limit before any body byte; the write callback
    // covers responses without one.
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.maxResponseBytes));
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, onWrite);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errbuf);

    // The multi interface rather than curl_easy_perform: it lets us wake up every 50 ms, so a
    // cancel request is seen promptly even when libcurl would call the progress callback only
    // about once a second (a server that accepted but sends nothing).
    CURLcode code = CURLE_OK;
    if (curl_multi_add_handle(multi, easy) != CURLM_OK) {
        r.failure = HttpFailure::Other;
        r.errorText = "libcurl could not start the transfer";
        return r;
    }
    for (;;) {
        int running = 0;
        const CURLMcode mc = curl_multi_perform(multi, &running);
        if (mc != CURLM_OK) {
            code = CURLE_FAILED_INIT;
            std::snprintf(errbuf, sizeof errbuf, "%s", curl_multi_strerror(mc));
            break;
        }
        if (running == 0) {
            int queued = 0;
            while (CURLMsg* msg = curl_multi_info_read(multi, &queued))
                if (msg->msg == CURLMSG_DONE && msg->easy_handle == easy) code = msg->data.result;
            break;
        }
        if (cancelRequested(t)) break;
        curl_multi_poll(multi, nullptr, 0, 50, nullptr);
    }

    curl_off_t received = 0, expected = -1, retryAfter = 0, connectTime = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &r.status);
    curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &received);
    curl_easy_getinfo(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected);
    curl_easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retryAfter);
    curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connectTime);
    r.received = received;
    r.expected = expected;
    // libcurl turns an HTTP date into seconds from now (negative when past) and passes numbers
    // through as sent: a day bounds both, so that milliseconds cannot overflow.
    r.retryAfter = std::chrono::seconds(std::clamp<curl_off_t>(retryAfter, 0, 24 * 3600));
    r.connected = connectTime > 0 || r.status != 0;
    // Removing an unfinished transfer aborts it and closes its connection.
    curl_multi_remove_handle(multi, easy);

    if (code != CURLE_OK || t.cancelled) {
        classify(easy, code, t, errbuf, r);
        r.body.clear();
        r.body.shrink_to_fit();
    }
    return r;
}

}  // namespace plateau
