#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "core/bounded_queue.h"
#include "core/record_progress.h"

using namespace plateau;

TEST_CASE("progress: rate and time left from the frames done so far", "[record]") {
    RecordProgress p{30, 120, 10.0};
    CHECK(progressFps(p) == Approx(3.0));
    REQUIRE(progressSecondsLeft(p));
    CHECK(*progressSecondsLeft(p) == Approx(30.0));
    // Before the first frame there is no rate to extrapolate from.
    CHECK(progressFps({0, 120, 5.0}) == 0.0);
    CHECK_FALSE(progressSecondsLeft({0, 120, 5.0}));
    CHECK_FALSE(progressSecondsLeft({3, 120, 0.0}));
    CHECK(*progressSecondsLeft({120, 120, 40.0}) == 0.0);
}

TEST_CASE("progress: clock text", "[record]") {
    CHECK(formatClock(7.0) == "0:07");
    CHECK(formatClock(59.6) == "1:00");
    CHECK(formatClock(725.0) == "12:05");
    CHECK(formatClock(3723.0) == "1:02:03");
    CHECK(formatClock(std::nullopt) == "--:--");
    CHECK(formatClock(-1.0) == "--:--");
}

TEST_CASE("progress: the bar fills with the frames and keeps its width", "[record]") {
    CHECK(formatProgressBar({45, 120, 14.0625}, 20) == "[#######.............]  45/120 frames    3.2 fps   0:23 left");
    CHECK(formatProgressBar({0, 120, 0.0}, 20) == "[....................]   0/120 frames    0.0 fps  --:-- left");
    CHECK(formatProgressBar({120, 120, 4.0}, 20) == "[####################] 120/120 frames   30.0 fps   0:00 left");
    // Same length from the first frame to the last: redrawn in place with '\r', nothing is left over.
    CHECK(formatProgressBar({1, 120, 1.0}).size() == formatProgressBar({99, 120, 1.0}).size());
}

TEST_CASE("progress: the line reads back", "[record]") {
    const std::string line = formatProgressLine({45, 120, 14.0625});
    CHECK(line == "record: frame 45/120, 3.2 fps, 0:23 left");
    const auto back = parseProgressLine(line);
    REQUIRE(back);
    CHECK(back->done == 45);
    CHECK(back->total == 120);
    CHECK(parseProgressLine("record: frame 3/3")->done == 3);
    for (const char* bad : {"", "record: frame", "record: frame 4/3, x", "record: frame -1/3", "record: frame 1/0",
                            "record: frame a/3", "record: frame 1/3x", "layer 'x' failed", "record: frame 99999999999/3"})
        CHECK_FALSE(parseProgressLine(bad));
}

TEST_CASE("bounded queue: a producer never runs more than the capacity ahead", "[record]") {
    BoundedQueue<int> q(3);
    std::vector<int> got;
    std::size_t maxSize = 0;
    std::thread consumer([&] {
        while (auto v = q.pop()) {
            got.push_back(*v);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
    for (int i = 0; i < 40; ++i) {
        REQUIRE(q.push(i));
        maxSize = std::max(maxSize, q.size());
    }
    q.close();
    consumer.join();
    CHECK(maxSize <= 3);
    REQUIRE(got.size() == 40);
    for (int i = 0; i < 40; ++i) CHECK(got[std::size_t(i)] == i);
    CHECK_FALSE(q.push(41));  // closed
}

TEST_CASE("bounded queue: close wakes a producer waiting for room", "[record]") {
    BoundedQueue<int> q(1);
    REQUIRE(q.push(1));
    bool pushed = true;
    std::thread producer([&] { pushed = q.push(2); });  // full: waits
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    q.close();
    producer.join();
    CHECK_FALSE(pushed);
    CHECK(q.pop() == 1);  // what was queued is still delivered
    CHECK_FALSE(q.pop());
}

TEST_CASE("frames: i / fps from the start, the end excluded", "[record]") {
    CHECK(recordFrameSpan(2.0, 30).first == 0);
    CHECK(recordFrameSpan(2.0, 30).count == 60);
    CHECK(recordFrameSpan(2.01, 30).count == 61);  // a frame at 2.0 s is inside
    CHECK(recordFrameSpan(10.0, 25).count == 250);
    // A part keeps the clip's numbering: 1 s .. 1.5 s at 30 fps is frames 30..44.
    const FrameSpan part = recordFrameSpan(2.0, 30, 1.0, 1.5);
    CHECK(part.first == 30);
    CHECK(part.count == 15);
    CHECK(recordFrameSpan(2.0, 30, 1.0, 9.0).count == 30);  // --to past the end stops at the end
    CHECK(recordFrameSpan(2.0, 30, 1.0 / 30.0 + 1e-9).first == 1);
    CHECK(recordFrameSpan(2.0, 30, 1.5, 1.0).count == 0);
    CHECK(recordFrameSpan(0.0, 30).count == 0);
    CHECK(recordFrameSpan(2.0, 0).count == 0);
}
