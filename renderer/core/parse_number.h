#pragma once
// Numbers from text that must be exactly a number: tile folder names ("12"), metadata values,
// command-line arguments. std::from_chars underneath: locale-independent, no exceptions, and it
// reports overflow, which strtol-style parsing silently clamps.
#include <optional>
#include <string_view>

namespace plateau {

// The whole of `s` as a base-10 int: an optional '-' then digits, nothing else (no spaces, no
// '+'). Empty, partial ("12a") and out-of-range text give nullopt.
std::optional<int> parseInt(std::string_view s);
// The whole of `s` as a finite double ("1.5", "-3e2"); "inf", "nan" and partial text give nullopt.
std::optional<double> parseDouble(std::string_view s);

}  // namespace plateau
