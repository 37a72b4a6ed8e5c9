#pragma once
// Result<T>: a value or a message a user can act on. The synchronous core APIs return it instead of
// throwing; exceptions from libtorch are caught at the API boundary and turned into Result errors.
//
//   lscore::Result<TensorFile> file = readSafetensors("model.safetensors");
//   if (!file) { std::cerr << file.error() << '\n'; return 1; }
//   use(file.value());

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace lscore {

struct Error {
    std::string message;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}                     // NOLINT: implicit by design
    Result(Error error) : m_state(std::move(error)) {}                  // NOLINT: implicit by design

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<T>(m_state); }
    const T& value() const& { assert(ok()); return std::get<T>(m_state); }
    T&& value() && { assert(ok()); return std::get<T>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const std::string& error() const { assert(!ok()); return std::get<Error>(m_state).message; }

private:
    std::variant<T, Error> m_state;
};

// Status: success, or an error message.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error.message)) {}           // NOLINT: implicit by design
    static Status success() { return {}; }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const std::string& error() const { assert(!ok()); return *m_error; }

private:
    std::optional<std::string> m_error;
};

inline Error makeError(std::string message) { return Error{std::move(message)}; }

} // namespace lscore
