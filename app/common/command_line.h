#pragma once
// The one command-line parser of both executables (latent-studio and latent-studio-lab), built on
// CLI11. Each option is declared once — its name, value name, help line and the check its value must
// pass — and that declaration drives the parsing, the range check, the --help text and the usage
// error. Numbers are read whole (parseNumber): "12abc", "0x10", "010" and " 7" are refused, never
// read as a prefix or in another base.
//
//   cli::CommandLine line("latent-studio render", "Renders one image ...");
//   line.text("--out", out, "FILE.png", "where to write the image").required();
//   line.number("--seed", seed, "N", "seed A");                       // the type's whole range
//   line.number("--t", t, "X", "prompt interpolation A->B", 0.0, 1.0);
//   line.flag("--force", force, "replace an existing output file");
//   line.footer("Exit status: ...");
//   if (auto status = line.parse(argc, argv)) return *status;         // after --help: 0; bad usage: 2
//
// The exit-status contract of both executables: 0 success, 1 the task failed, 2 bad usage or
// unreadable input, 3 the output exists (use --force). parse() and usageError() keep their part.
// Only command_line.cpp includes CLI11 (a heavy header), so the subcommands compile quickly.

#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "parse_number.h"

namespace cli {

class CommandLine {
public:
    // `command`: what the user typed to get here ("latent-studio render"); `description`: the text
    // --help shows under the usage lines.
    CommandLine(std::string command, std::string description);
    ~CommandLine();
    CommandLine(const CommandLine&) = delete;
    CommandLine& operator=(const CommandLine&) = delete;

    // Checks and stores one value; returns "" when it is good, else what the option needs, e.g.
    // "needs a whole number from 1 to 240 (got \"x\")" — prefixed with the option's name unless it
    // already starts with it.
    using Apply = std::function<std::string(const std::string& value)>;

    // Options declared after this call are listed under `heading` in --help ("Options" at first).
    CommandLine& group(std::string heading);
    // An option with one value. Given twice, the last one counts, as in most Unix tools; a
    // repeatable option sees every value in order.
    CommandLine& option(const std::string& name, std::string valueName, std::string help, Apply apply,
                        bool repeatable = false);
    CommandLine& flag(const std::string& name, bool& target, std::string help);
    CommandLine& text(const std::string& name, std::string& target, std::string valueName, std::string help);
    CommandLine& text(const std::string& name, std::optional<std::string>& target, std::string valueName, std::string help);
    // One of a fixed set of words; the error lists them.
    CommandLine& choice(const std::string& name, std::string& target, std::vector<std::string> choices, std::string help);
    // A value without an option name (verify-reference FILE), in declaration order.
    CommandLine& positional(const std::string& name, std::string& target, std::string help);

    // A number read whole, from `low` to `high` inclusive (default: all the type holds).
    template <typename T>
    CommandLine& number(const std::string& name, T& target, std::string valueName, std::string help,
                        T low = std::numeric_limits<T>::lowest(), T high = std::numeric_limits<T>::max())
    {
        return option(name, std::move(valueName), withRange(std::move(help), low, high), storeNumber(target, low, high));
    }
    template <typename T>
    CommandLine& number(const std::string& name, std::optional<T>& target, std::string valueName, std::string help,
                        T low = std::numeric_limits<T>::lowest(), T high = std::numeric_limits<T>::max())
    {
        return option(name, std::move(valueName), withRange(std::move(help), low, high), storeNumber(target, low, high));
    }

    // A further form of the command for the usage lines, e.g. "--bench [--frames N]".
    CommandLine& usage(std::string arguments);
    // The option declared last must be given.
    CommandLine& required();
    // Text after the options in --help, e.g. the exit status.
    CommandLine& footer(std::string text);

    // Parses argv (argv[0] is the command's name). nullopt: go on. Otherwise the exit status: 0
    // after printing --help, 2 after printing a usage error that names the option.
    std::optional<int> parse(int argc, char** argv);
    // Whether the option was on the command line (after parse()).
    bool given(const std::string& name) const;
    // Prints "COMMAND: message (see 'COMMAND --help')" on stderr; returns 2, the bad-usage status.
    int usageError(const std::string& message) const;
    std::string help() const;

private:
    // Reads a T from low to high into `target` (a T or an optional<T>).
    template <typename T, typename Target>
    static Apply storeNumber(Target& target, T low, T high)
    {
        return [&target, low, high](const std::string& value) {
            const auto parsed = parseNumber<T>(value);
            if (!parsed || !(*parsed >= low && *parsed <= high)) return numberNeed<T>(value, low, high);
            target = *parsed;
            return std::string();
        };
    }
    template <typename T>
    static bool bounded(T low, T high)
    {
        return low != std::numeric_limits<T>::lowest() || high != std::numeric_limits<T>::max();
    }
    // The range goes on the help's first line, where the option's value is named.
    template <typename T>
    static std::string withRange(std::string help, T low, T high)
    {
        if (!bounded(low, high)) return help;
        const std::string range = "; from " + format(low) + (high == std::numeric_limits<T>::max() ? " up" : " to " + format(high));
        const auto newline = help.find('\n');
        return newline == std::string::npos ? help + range : help.insert(newline, range);
    }
    template <typename T>
    static std::string numberNeed(const std::string& value, T low, T high)
    {
        std::string need = std::is_integral_v<T> ? "needs a whole number" : "needs a number";
        if (bounded(low, high))
            need += " from " + format(low) + (high == std::numeric_limits<T>::max() ? " up" : " to " + format(high));
        return need + " (got \"" + value + "\")";
    }
    template <typename T>
    static std::string format(T value)
    {
        if constexpr (std::is_integral_v<T>) {
            return std::to_string(value);
        } else {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%g", static_cast<double>(value));
            return buffer;
        }
    }

    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace cli
