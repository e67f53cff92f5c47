#include "io/video_encoder.h"

#include <mutex>
#include <system_error>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

namespace plateau {

struct VideoEncoder::State {
    AVFormatContext* format = nullptr;
    AVCodecContext* codec = nullptr;
    AVStream* stream = nullptr;
    SwsContext* sws = nullptr;
    AVFrame* frame = nullptr;
    AVPacket* packet = nullptr;
    bool headerWritten = false;
    int width = 0, height = 0;
    std::filesystem::path part;

    ~State() {
        sws_freeContext(sws);
        av_frame_free(&frame);
        av_packet_free(&packet);
        avcodec_free_context(&codec);
        if (format) {
            if (format->pb) avio_closep(&format->pb);
            avformat_free_context(format);
        }
    }
};

namespace {

std::string avError(int code) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, buf, sizeof buf);
    return buf;
}

void quietLibav() {
    // libx264 and the muxer print informational lines at their default level; errors are
    // reported through return values here, and the progress bar owns stderr.
    static std::once_flag once;
    std::call_once(once, [] { av_log_set_level(AV_LOG_ERROR); });
}

}  // namespace

VideoEncoder::VideoEncoder(std::filesystem::path path, std::unique_ptr<State> state)
    : path_(std::move(path)), s_(std::move(state)) {}

VideoEncoder::~VideoEncoder() {
    const std::filesystem::path part = s_ ? s_->part : std::filesystem::path();
    s_.reset();
    if (!finished_ && !part.empty()) {
        std::error_code ec;
        std::filesystem::remove(part, ec);
    }
}

Error VideoEncoder::fail(const std::string& what, int averror) const {
    return makeError(path_.string() + ": " + what + (averror < 0 ? " (" + avError(averror) + ")" : ""));
}

Result<std::unique_ptr<VideoEncoder>> VideoEncoder::open(const std::filesystem::path& path, const VideoOptions& o) {
    quietLibav();
    const std::string name = path.string();
    if (o.width <= 0 || o.height <= 0 || o.width % 2 || o.height % 2)
        return makeError(name + ": " + std::to_string(o.width) + "x" + std::to_string(o.height) +
                         " cannot be encoded as yuv420p video, which needs an even width and height (use an even "
                         "--size, or a folder for a PNG sequence)");
    if (o.fps <= 0 || o.fps > 240) return makeError(name + ": frame rate " + std::to_string(o.fps) + " is outside 1..240");
    auto s = std::make_unique<State>();
    s->width = o.width;
    s->height = o.height;
    s->part = path;
    s->part += ".part";
    // The container from the final name (the .part suffix would hide it).
    const AVOutputFormat* fmt = av_guess_format(nullptr, name.c_str(), nullptr);
    if (!fmt) return makeError(name + ": unknown video container (use .mp4)");
    int rc = avformat_alloc_output_context2(&s->format, fmt, nullptr, s->part.string().c_str());
    if (rc < 0 || !s->format) return makeError(name + ": cannot set up the container (" + avError(rc) + ")");
    const AVCodec* codec = avcodec_find_encoder_by_name(o.codec.c_str());
    if (!codec || codec->type != AVMEDIA_TYPE_VIDEO)
        return makeError(name + ": unknown video codec '" + o.codec + "' (this FFmpeg has no such encoder)");
    s->codec = avcodec_alloc_context3(codec);
    AVCodecContext* cc = s->codec;
    cc->width = o.width;
    cc->height = o.height;
    cc->time_base = AVRational{1, o.fps};
    cc->framerate = AVRational{o.fps, 1};
    cc->pix_fmt = AV_PIX_FMT_YUV420P;
    cc->gop_size = 2 * o.fps;  // a key frame every 2 s: a player in a classroom seeks quickly
    cc->color_range = AVCOL_RANGE_MPEG;
    cc->colorspace = AVCOL_SPC_BT709;
    cc->color_primaries = AVCOL_PRI_BT709;
    cc->color_trc = AVCOL_TRC_BT709;
    // Reproducible output: no version strings or timestamps in the stream, and a fixed number of
    // threads (x264's frame threads are deterministic for a given count).
    cc->flags |= AV_CODEC_FLAG_BITEXACT;
    cc->thread_count = o.threads;
    if (s->format->oformat->flags & AVFMT_GLOBALHEADER) cc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (std::string(codec->name) == "libx264") {
        av_opt_set(cc->priv_data, "preset", o.preset.c_str(), 0);
        av_opt_set(cc->priv_data, "crf", std::to_string(o.crf).c_str(), 0);
    }
    rc = avcodec_open2(cc, codec, nullptr);
    if (rc < 0) return makeError(name + ": cannot open the " + o.codec + " encoder (" + avError(rc) + ")");
    s->stream = avformat_new_stream(s->format, nullptr);
    if (!s->stream) return makeError(name + ": cannot add a video stream");
    rc = avcodec_parameters_from_context(s->stream->codecpar, cc);
    if (rc < 0) return makeError(name + ": cannot set the stream's parameters (" + avError(rc) + ")");
    s->stream->time_base = cc->time_base;
    s->stream->avg_frame_rate = cc->framerate;
    s->format->flags |= AVFMT_FLAG_BITEXACT;
    rc = avio_open(&s->format->pb, s->part.string().c_str(), AVIO_FLAG_WRITE);
    if (rc < 0) return makeError(s->part.string() + ": cannot write (" + avError(rc) + ")");
    rc = avformat_write_header(s->format, nullptr);
    if (rc < 0) return makeError(name + ": cannot write the header (" + avError(rc) + ")");
    s->headerWritten = true;
    // RGB to BT.709 limited-range YUV; bit-exact and accurately rounded so every run gives the
    // same bytes.
    s->sws = sws_getContext(o.width, o.height, AV_PIX_FMT_RGBA, o.width, o.height, AV_PIX_FMT_YUV420P,
                            SWS_BICUBIC | SWS_ACCURATE_RND | SWS_BITEXACT, nullptr, nullptr, nullptr);
    if (!s->sws) return makeError(name + ": cannot set up the colour conversion");
    sws_setColorspaceDetails(s->sws, sws_getCoefficients(SWS_CS_ITU709), 1, sws_getCoefficients(SWS_CS_ITU709), 0, 0,
                             1 << 16, 1 << 16);
    s->frame = av_frame_alloc();
    s->packet = av_packet_alloc();
    if (!s->frame || !s->packet) return makeError(name + ": out of memory");
    s->frame->format = AV_PIX_FMT_YUV420P;
    s->frame->width = o.width;
    s->frame->height = o.height;
    rc = av_frame_get_buffer(s->frame, 0);
    if (rc < 0) return makeError(name + ": cannot allocate a frame (" + avError(rc) + ")");
    return std::unique_ptr<VideoEncoder>(new VideoEncoder(path, std::move(s)));
}

Status VideoEncoder::drain(bool flush) {
    while (true) {
        const int rc = avcodec_receive_packet(s_->codec, s_->packet);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return Ok{};
        if (rc < 0) return fail("encoding failed", rc);
        av_packet_rescale_ts(s_->packet, s_->codec->time_base, s_->stream->time_base);
        s_->packet->stream_index = s_->stream->index;
        const int wr = av_interleaved_write_frame(s_->format, s_->packet);  // takes the packet's data
        if (wr < 0) return fail("cannot write", wr);
        (void)flush;
    }
}

Status VideoEncoder::addFrame(const std::uint8_t* rgba) {
    if (finished_) return fail("frame added after the video was finished", 0);
    int rc = av_frame_make_writable(s_->frame);
    if (rc < 0) return fail("cannot write a frame", rc);
    const std::uint8_t* src[1] = {rgba};
    const int stride[1] = {s_->width * 4};
    sws_scale(s_->sws, src, stride, 0, s_->height, s_->frame->data, s_->frame->linesize);
    s_->frame->pts = frames_;
    rc = avcodec_send_frame(s_->codec, s_->frame);
    if (rc < 0) return fail("encoding failed", rc);
    ++frames_;
    return drain(false);
}

Status VideoEncoder::finish() {
    if (finished_) return Ok{};
    int rc = avcodec_send_frame(s_->codec, nullptr);
    if (rc < 0) return fail("encoding failed", rc);
    if (auto st = drain(true); !st) return st;
    rc = av_write_trailer(s_->format);
    if (rc < 0) return fail("cannot finish the file", rc);
    rc = avio_closep(&s_->format->pb);
    if (rc < 0) return fail("cannot close", rc);
    std::error_code ec;
    std::filesystem::rename(s_->part, path_, ec);
    if (ec) return makeError(path_.string() + ": cannot rename from " + s_->part.filename().string() + " (" + ec.message() + ")");
    finished_ = true;
    return Ok{};
}

}  // namespace plateau
