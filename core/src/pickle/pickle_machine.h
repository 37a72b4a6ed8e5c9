#pragma once
// A restricted pickle interpreter (internal to the pickle area).
//
// It understands the opcodes that protocol 2–5 pickles of NVlabs snapshots and torch storage blobs
// use, keeps every object in an arena it owns, and never calls anything: GLOBAL/STACK_GLOBAL go to
// PickleHooks::resolveGlobal, which allowlists names, and REDUCE/NEWOBJ/BUILD/BINPERSID go to hooks
// that build plain data (dicts, tensor descriptions) instead of running code. Opcodes outside the
// supported set are refused by name.
//
// Bounds (a hostile file can only exhaust what the caller budgets for it): nested MARKs, the number
// of memo entries (indices must be sequential, as every Python pickler writes them), container and
// stack sizes, and the bytes spent on values and containers (allocationBudgetBytes). Declared string
// and bytes lengths are checked against the remaining input before anything is read or allocated.
// Strings and bytes are views into the input: the input must outlive every Value taken from it.
//
// Errors are thrown as PickleError (caught at the reader's API boundary and turned into a Result).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lscore::pickle {

class PickleError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A well-formed file of a kind this reader recognises but does not support (TF-era, StyleGAN3):
// its message is shown as is, without a byte offset.
class UnsupportedSnapshot : public PickleError {
public:
    using PickleError::PickleError;
};

enum class Kind : std::uint8_t {
    None, Bool, Int, BigInt, Float, String, Bytes,   // scalars (String/Bytes/BigInt view the input)
    Tuple, List, Dict, Set,                          // containers in the arena
    Global,                                          // a resolved, allowlisted global (ref = hook id)
    Object,                                          // something a hook built (ref = arena node)
};

const char* kindName(Kind kind);

struct Value {
    Kind kind = Kind::None;
    std::uint32_t ref = 0;              // arena node (containers, objects) or global id (Global)
    std::int64_t integer = 0;           // Bool, Int
    double real = 0.0;                  // Float
    const std::byte* data = nullptr;    // String (UTF-8), Bytes, BigInt (little-endian two's complement)
    std::size_t size = 0;

    bool isNone() const { return kind == Kind::None; }
    std::string_view text() const { return {reinterpret_cast<const char*>(data), size}; }
    std::span<const std::byte> bytes() const { return {data, size}; }
};

// A container or hook-built object. Dicts keep their items flat: key0, value0, key1, value1, ...
struct Node {
    Kind kind = Kind::List;
    int tag = 0;                        // Object: what the hook built (hook-defined)
    std::int64_t aux = 0;               // Object: hook-defined payload (e.g. an index into a side table)
    std::vector<Value> items;
};

class Machine;

class PickleHooks {
public:
    virtual ~PickleHooks() = default;
    // Returns a non-negative id for an allowed global or throws PickleError naming it.
    virtual std::uint32_t resolveGlobal(std::string_view module, std::string_view name) = 0;
    // A global used as a value that is not called (e.g. torch.float32). Default: the Global itself.
    virtual Value globalValue(Machine& machine, std::uint32_t globalId);
    virtual Value call(Machine& machine, std::uint32_t globalId, const Value& args) = 0;          // REDUCE
    virtual Value newObject(Machine& machine, std::uint32_t globalId, const Value& args);         // NEWOBJ
    virtual void build(Machine& machine, Value& target, const Value& state);                      // BUILD
    virtual Value persistentLoad(Machine& machine, const Value& persistentId);                    // BINPERSID
};

struct MachineLimits {
    std::size_t allocationBudgetBytes = 64u << 20;  // values + containers + memo, all together
    std::size_t maxMarkDepth = 1000;
    std::size_t maxMemoEntries = 1u << 22;
    std::size_t maxContainerItems = 1u << 24;
};

class Machine {
public:
    Machine(PickleHooks& hooks, MachineLimits limits);

    // Interprets one pickle starting at `offset` of `input` up to its STOP; `offset` then points
    // just past the STOP. The memo is fresh for every call; arena objects stay valid.
    Value load(std::span<const std::byte> input, std::size_t& offset);

    Value newContainer(Kind kind, std::vector<Value> items = {});
    Value newObject(int tag, std::int64_t aux, std::vector<Value> items = {});
    Node& node(const Value& value);
    const Node& node(const Value& value) const;

    // Accounting for memory a hook allocates on behalf of the pickle (throws when over budget).
    void charge(std::size_t bytes);

    // Helpers for hooks and walkers.
    static Value makeInt(std::int64_t v) { Value x; x.kind = Kind::Int; x.integer = v; return x; }
    static Value makeFloat(double v) { Value x; x.kind = Kind::Float; x.real = v; return x; }
    static Value makeBool(bool v) { Value x; x.kind = Kind::Bool; x.integer = v ? 1 : 0; return x; }
    const Value* dictFind(const Value& dict, std::string_view key) const;   // last matching string key
    std::string describe(const Value& value) const;                          // short, for messages

private:
    void push(const Value& value);
    Value pop();
    std::size_t popMark();           // returns the stack index where the topmost mark's items begin
    void memoPut(std::size_t index);
    std::vector<Value> takeFrom(std::size_t begin);

    PickleHooks& m_hooks;
    MachineLimits m_limits;
    std::size_t m_charged = 0;
    std::vector<std::unique_ptr<Node>> m_arena;
    std::vector<Value> m_stack;
    std::vector<std::size_t> m_marks;
    std::vector<Value> m_memo;
};

} // namespace lscore::pickle
