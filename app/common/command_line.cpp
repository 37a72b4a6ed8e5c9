// cli::CommandLine on CLI11 (Debian's libcli11-dev). CLI11 reads integers with base detection
// ("0x10", "010"), so every value reaches the project's own checks as text.
#include "command_line.h"

#include <algorithm>
#include <cstdio>

#include <CLI/CLI.hpp>

namespace cli {
namespace {

// Help lines as the hand-written ones were: the option and its value in a fixed column, the help
// beside it, and a multi-line help indented under its first line (CLI11 would start them at column 0).
class HelpFormatter : public CLI::Formatter {
public:
    HelpFormatter(const std::vector<std::string>& otherUsages, const std::vector<std::string>& required)
        : m_otherUsages(otherUsages), m_required(required)
    {
        column_width(kColumn);
    }

    // "Usage: NAME [OPTIONS] IN OUT": positionals in brackets unless they are required.
    std::string make_usage(const CLI::App* app, std::string name) const override
    {
        std::string out = get_label("Usage") + ": " + name + " [" + get_label("OPTIONS") + "]";
        for (const CLI::Option* option : app->get_options([](const CLI::Option* o) { return o->get_positional(); })) {
            const std::string positional = option->get_name();
            const bool required = std::find(m_required.begin(), m_required.end(), positional) != m_required.end();
            out += required ? " " + positional : " [" + positional + "]";
        }
        return out + "\n";
    }

    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override
    {
        if (mode == CLI::AppFormatMode::Sub) return CLI::Formatter::make_help(app, std::move(name), mode);
        std::string out = make_usage(app, name);
        for (const std::string& usage : m_otherUsages) out += std::string(get_label("Usage").size() + 2, ' ') + name + " " + usage + "\n";
        const std::string description = app->get_description();
        if (!description.empty()) out += "\n" + description;
        out += make_positionals(app);
        for (const std::string& group : app->get_groups()) {
            const auto options = app->get_options(
                [&group](const CLI::Option* option) { return option->get_group() == group && option->nonpositional(); });
            if (!group.empty() && !options.empty()) out += make_group(group, false, options);
        }
        const std::string footer = app->get_footer();
        return footer.empty() ? out : out + "\n" + footer + "\n";
    }

    std::string make_option(const CLI::Option* option, bool positional) const override
    {
        std::string line = "  " + make_option_name(option, positional) + make_option_opts(option);
        if (line.size() + 1 >= kColumn) line += "\n" + std::string(kColumn, ' ');
        else line.resize(kColumn, ' ');
        for (const char c : make_option_desc(option)) {
            line += c;
            if (c == '\n') line += std::string(kColumn, ' ');
        }
        return line + "\n";
    }

private:
    static constexpr std::size_t kColumn = 24;
    const std::vector<std::string>& m_otherUsages;
    const std::vector<std::string>& m_required;
};

} // namespace

struct CommandLine::Impl {
    std::string command;
    CLI::App app;
    std::string heading = "Options";
    CLI::Option* last = nullptr;
    // Checked after parsing rather than by CLI11, which would report a missing option before an
    // unknown one: "--bgous" deserves "not expected: --bgous", not "--out is required".
    std::vector<std::string> required;
    std::vector<std::string> otherUsages;

    Impl(std::string commandName, const std::string& description)
        : command(std::move(commandName)), app(description, command)
    {
        app.formatter(std::make_shared<HelpFormatter>(otherUsages, required));
        app.set_help_flag("-h,--help", "print this help and exit");
    }

    CLI::Option* finish(CLI::Option* option, std::string valueName)
    {
        option->group(heading);
        if (!valueName.empty()) option->type_name(std::move(valueName));
        last = option;
        return option;
    }
};

CommandLine::CommandLine(std::string command, std::string description)
    : m_impl(std::make_unique<Impl>(std::move(command), description))
{
}

CommandLine::~CommandLine() = default;

CommandLine& CommandLine::group(std::string heading)
{
    m_impl->heading = std::move(heading);
    return *this;
}

CommandLine& CommandLine::option(const std::string& name, std::string valueName, std::string help, Apply apply, bool repeatable)
{
    auto check = [name, apply](const std::string& value) {
        std::string need = apply(value);
        if (!need.empty()) throw CLI::ValidationError(need.rfind(name + " ", 0) == 0 ? need : name + " " + need);
    };
    CLI::Option* added = nullptr;
    if (repeatable) {
        added = m_impl->app.add_option_function<std::vector<std::string>>(
            name, [check](const std::vector<std::string>& values) { for (const auto& value : values) check(value); },
            std::move(help));
        added->allow_extra_args(false);   // one value per occurrence: "--k a --k b FILE" leaves FILE alone
    } else {
        added = m_impl->app.add_option_function<std::string>(name, check, std::move(help));
        added->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    }
    m_impl->finish(added, std::move(valueName));
    return *this;
}

CommandLine& CommandLine::flag(const std::string& name, bool& target, std::string help)
{
    m_impl->finish(m_impl->app.add_flag(name, target, std::move(help)), {})
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    return *this;
}

CommandLine& CommandLine::text(const std::string& name, std::string& target, std::string valueName, std::string help)
{
    return option(name, std::move(valueName), std::move(help), [&target](const std::string& value) {
        target = value;
        return std::string();
    });
}

CommandLine& CommandLine::text(const std::string& name, std::optional<std::string>& target, std::string valueName,
                               std::string help)
{
    return option(name, std::move(valueName), std::move(help), [&target](const std::string& value) {
        target = value;
        return std::string();
    });
}

CommandLine& CommandLine::choice(const std::string& name, std::string& target, std::vector<std::string> choices,
                                 std::string help)
{
    std::string list;
    for (const auto& word : choices) list += (list.empty() ? "" : "|") + word;
    return option(name, list, std::move(help), [&target, choices, list](const std::string& value) {
        for (const auto& word : choices)
            if (value == word) {
                target = value;
                return std::string();
            }
        return "must be one of " + list + " (got \"" + value + "\")";
    });
}

CommandLine& CommandLine::positional(const std::string& name, std::string& target, std::string help)
{
    m_impl->finish(m_impl->app.add_option(name, target, std::move(help)), {})->type_name("");   // the name says it
    return *this;
}

CommandLine& CommandLine::usage(std::string arguments)
{
    m_impl->otherUsages.push_back(std::move(arguments));
    return *this;
}

CommandLine& CommandLine::required()
{
    if (CLI::Option* option = m_impl->last) {
        m_impl->required.push_back(option->get_name());
        option->description(option->get_description() + " (required)");
    }
    return *this;
}

CommandLine& CommandLine::footer(std::string text)
{
    m_impl->app.footer(std::move(text));
    return *this;
}

std::optional<int> CommandLine::parse(int argc, char** argv)
{
    try {
        m_impl->app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::fputs(help().c_str(), stdout);
        return 0;
    } catch (const CLI::ArgumentMismatch& error) {
        // CLI11 says "--seed: 1 required N missing" when a value is missing; say it as people do.
        const std::string message = error.what();
        const auto colon = message.find(": ");
        if (colon != std::string::npos && message.ends_with(" missing"))
            return usageError(message.substr(0, colon) + " needs a value");
        return usageError(message);
    } catch (const CLI::ParseError& error) {
        return usageError(error.what());
    }
    for (const std::string& name : m_impl->required)
        if (m_impl->app.count(name) == 0) return usageError(name + " is required");
    return std::nullopt;
}

bool CommandLine::given(const std::string& name) const
{
    return m_impl->app.count(name) > 0;
}

int CommandLine::usageError(const std::string& message) const
{
    std::fprintf(stderr, "%s: %s (see '%s --help')\n", m_impl->command.c_str(), message.c_str(), m_impl->command.c_str());
    return 2;
}

std::string CommandLine::help() const
{
    return m_impl->app.help();
}

} // namespace cli
