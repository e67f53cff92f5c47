#pragma once
// A small value-or-error type for I/O and parsing. The frame loop never throws: loaders return
// Result and the caller decides whether to skip, retry or report.
#include <string>
#include <utility>
#include <variant>

namespace plateau {

struct Error {
    std::string message;  // one line, names the file/source and the problem
};

template <class T>
class Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error e) : v_(std::move(e)) {}

    bool ok() const { return std::holds_alternative<T>(v_); }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<T>(v_); }
    const T& value() const { return std::get<T>(v_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<Error>(v_); }

private:
    std::variant<T, Error> v_;
};

// Result<void> equivalent.
struct Ok {};
using Status = Result<Ok>;

inline Error makeError(std::string msg) { return Error{std::move(msg)}; }

}  // namespace plateau
