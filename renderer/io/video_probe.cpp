#include "io/video_probe.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

namespace plateau {

namespace {

std::string avError(int code) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, buf, sizeof buf);
    return buf;
}

struct Handles {
    AVFormatContext* format = nullptr;
    AVCodecContext* codec = nullptr;
    AVFrame* frame = nullptr;
    AVPacket* packet = nullptr;
    SwsContext* sws = nullptr;
    ~Handles() {
        sws_freeContext(sws);
        av_frame_free(&frame);
        av_packet_free(&packet);
        avcodec_free_context(&codec);
        avformat_close_input(&format);
    }
};

}  // namespace

Result<VideoProbe> probeVideo(const std::filesystem::path& path, int keepFrames) {
    const std::string name = path.string();
    Handles h;
    int rc = avformat_open_input(&h.format, name.c_str(), nullptr, nullptr);
    if (rc < 0) return makeError(name + ": cannot open (" + avError(rc) + ")");
    rc = avformat_find_stream_info(h.format, nullptr);
    if (rc < 0) return makeError(name + ": no stream information (" + avError(rc) + ")");
    const AVCodec* decoder = nullptr;
    const int index = av_find_best_stream(h.format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (index < 0 || !decoder) return makeError(name + ": no video stream");
    AVStream* stream = h.format->streams[index];
    h.codec = avcodec_alloc_context3(decoder);
    avcodec_parameters_to_context(h.codec, stream->codecpar);
    h.codec->thread_count = 1;
    rc = avcodec_open2(h.codec, decoder, nullptr);
    if (rc < 0) return makeError(name + ": cannot open the decoder (" + avError(rc) + ")");
    h.frame = av_frame_alloc();
    h.packet = av_packet_alloc();

    VideoProbe out;
    out.width = h.codec->width;
    out.height = h.codec->height;
    out.codec = decoder->name;
    if (const char* pf = av_get_pix_fmt_name(h.codec->pix_fmt)) out.pixelFormat = pf;
    if (stream->avg_frame_rate.den) out.fps = av_q2d(stream->avg_frame_rate);

    const auto receive = [&]() -> Status {
        while (true) {
            const int r = avcodec_receive_frame(h.codec, h.frame);
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return Ok{};
            if (r < 0) return makeError(name + ": frame " + std::to_string(out.frames + 1) + " fails to decode (" + avError(r) + ")");
            if (out.frames < keepFrames) {
                h.sws = sws_getCachedContext(h.sws, h.frame->width, h.frame->height, AVPixelFormat(h.frame->format),
                                             h.frame->width, h.frame->height, AV_PIX_FMT_RGBA,
                                             SWS_BICUBIC | SWS_ACCURATE_RND | SWS_BITEXACT, nullptr, nullptr, nullptr);
                // As players do: the matrix and range the stream is tagged with (BT.709 for ours).
                const int* coeffs = sws_getCoefficients(h.frame->colorspace == AVCOL_SPC_BT709 ? SWS_CS_ITU709 : SWS_CS_DEFAULT);
                sws_setColorspaceDetails(h.sws, coeffs, h.frame->color_range == AVCOL_RANGE_JPEG ? 1 : 0,
                                         sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
                std::vector<std::uint8_t> rgba(std::size_t(h.frame->width) * std::size_t(h.frame->height) * 4);
                std::uint8_t* dst[1] = {rgba.data()};
                const int stride[1] = {h.frame->width * 4};
                sws_scale(h.sws, h.frame->data, h.frame->linesize, 0, h.frame->height, dst, stride);
                out.rgba.push_back(std::move(rgba));
            }
            ++out.frames;
            av_frame_unref(h.frame);
        }
    };
    while ((rc = av_read_frame(h.format, h.packet)) >= 0) {
        if (h.packet->stream_index == index) {
            const int s = avcodec_send_packet(h.codec, h.packet);
            av_packet_unref(h.packet);
            if (s < 0) return makeError(name + ": corrupt packet (" + avError(s) + ")");
            if (auto st = receive(); !st) return st.error();
        } else {
            av_packet_unref(h.packet);
        }
    }
    if (rc != AVERROR_EOF) return makeError(name + ": read error (" + avError(rc) + ")");
    avcodec_send_packet(h.codec, nullptr);
    if (auto st = receive(); !st) return st.error();
    return out;
}

}  // namespace plateau
