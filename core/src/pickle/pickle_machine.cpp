#include "pickle_machine.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <utility>

namespace lscore::pickle {

namespace {

// Every opcode of pickle protocols 0–5, so that a refusal can name what it refused.
const char* opcodeName(std::uint8_t op)
{
    switch (op) {
    case '(': return "MARK";          case '.': return "STOP";           case '0': return "POP";
    case '1': return "POP_MARK";      case '2': return "DUP";            case 'F': return "FLOAT";
    case 'I': return "INT";           case 'J': return "BININT";         case 'K': return "BININT1";
    case 'L': return "LONG";          case 'M': return "BININT2";        case 'N': return "NONE";
    case 'P': return "PERSID";        case 'Q': return "BINPERSID";      case 'R': return "REDUCE";
    case 'S': return "STRING";        case 'T': return "BINSTRING";      case 'U': return "SHORT_BINSTRING";
    case 'V': return "UNICODE";       case 'X': return "BINUNICODE";     case 'a': return "APPEND";
    case 'b': return "BUILD";         case 'c': return "GLOBAL";         case 'd': return "DICT";
    case '}': return "EMPTY_DICT";    case 'e': return "APPENDS";        case 'g': return "GET";
    case 'h': return "BINGET";        case 'i': return "INST";           case 'j': return "LONG_BINGET";
    case 'l': return "LIST";          case ']': return "EMPTY_LIST";     case 'o': return "OBJ";
    case 'p': return "PUT";           case 'q': return "BINPUT";         case 'r': return "LONG_BINPUT";
    case 's': return "SETITEM";       case 't': return "TUPLE";          case ')': return "EMPTY_TUPLE";
    case 'u': return "SETITEMS";      case 'G': return "BINFLOAT";       case 0x80: return "PROTO";
    case 0x81: return "NEWOBJ";       case 0x82: return "EXT1";          case 0x83: return "EXT2";
    case 0x84: return "EXT4";         case 0x85: return "TUPLE1";        case 0x86: return "TUPLE2";
    case 0x87: return "TUPLE3";       case 0x88: return "NEWTRUE";       case 0x89: return "NEWFALSE";
    case 0x8a: return "LONG1";        case 0x8b: return "LONG4";         case 'B': return "BINBYTES";
    case 'C': return "SHORT_BINBYTES"; case 0x8c: return "SHORT_BINUNICODE"; case 0x8d: return "BINUNICODE8";
    case 0x8e: return "BINBYTES8";    case 0x8f: return "EMPTY_SET";     case 0x90: return "ADDITEMS";
    case 0x91: return "FROZENSET";    case 0x92: return "NEWOBJ_EX";     case 0x93: return "STACK_GLOBAL";
    case 0x94: return "MEMOIZE";      case 0x95: return "FRAME";         case 0x96: return "BYTEARRAY8";
    case 0x97: return "NEXT_BUFFER";  case 0x98: return "READONLY_BUFFER";
    default: return nullptr;
    }
}

bool isValidUtf8(const std::byte* data, std::size_t size)
{
    const auto* s = reinterpret_cast<const unsigned char*>(data);
    std::size_t i = 0;
    while (i < size) {
        const unsigned char c = s[i];
        if (c < 0x80) { ++i; continue; }
        std::size_t extra = 0;
        std::uint32_t codepoint = 0;
        if ((c & 0xE0) == 0xC0) { extra = 1; codepoint = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { extra = 2; codepoint = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { extra = 3; codepoint = c & 0x07; }
        else return false;
        if (size - i <= extra) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            codepoint = (codepoint << 6) | (s[i + k] & 0x3F);
        }
        static constexpr std::array<std::uint32_t, 4> kMinimum = {0, 0x80, 0x800, 0x10000};
        if (codepoint < kMinimum[extra] || codepoint > 0x10FFFF) return false;
        if (codepoint >= 0xD800 && codepoint <= 0xDFFF) return false;
        i += extra + 1;
    }
    return true;
}

// Little-endian reads; the callers have already checked that the bytes are there.
template <typename T>
T readLittle(const std::byte* p)
{
    T value;
    std::memcpy(&value, p, sizeof(T));
    static_assert(std::endian::native == std::endian::little, "the reader assumes a little-endian machine");
    return value;
}

} // namespace

const char* kindName(Kind kind)
{
    switch (kind) {
    case Kind::None: return "None";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::BigInt: return "big int";
    case Kind::Float: return "float";
    case Kind::String: return "string";
    case Kind::Bytes: return "bytes";
    case Kind::Tuple: return "tuple";
    case Kind::List: return "list";
    case Kind::Dict: return "dict";
    case Kind::Set: return "set";
    case Kind::Global: return "global";
    case Kind::Object: return "object";
    }
    return "value";
}

Value PickleHooks::globalValue(Machine&, std::uint32_t globalId)
{
    Value value;
    value.kind = Kind::Global;
    value.ref = globalId;
    return value;
}

Value PickleHooks::newObject(Machine&, std::uint32_t, const Value&)
{
    throw PickleError("NEWOBJ is not allowed for this class");
}

void PickleHooks::build(Machine&, Value& target, const Value&)
{
    throw PickleError(std::string("BUILD (setting object state) is not allowed on a ") + kindName(target.kind));
}

Value PickleHooks::persistentLoad(Machine&, const Value&)
{
    throw PickleError("persistent references (BINPERSID) are not allowed here");
}

Machine::Machine(PickleHooks& hooks, MachineLimits limits) : m_hooks(hooks), m_limits(limits) {}

void Machine::charge(std::size_t bytes)
{
    if (bytes > m_limits.allocationBudgetBytes - m_charged)
        throw PickleError("the pickle needs more memory than a file of this size can justify (budget "
                          + std::to_string(m_limits.allocationBudgetBytes >> 20) + " MiB): refusing it");
    m_charged += bytes;
}

Value Machine::newContainer(Kind kind, std::vector<Value> items)
{
    if (items.size() > m_limits.maxContainerItems)
        throw PickleError("a container holds more than " + std::to_string(m_limits.maxContainerItems) + " items");
    if (m_arena.size() >= std::numeric_limits<std::uint32_t>::max())
        throw PickleError("too many objects");
    charge(sizeof(Node) + 16);
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->items = std::move(items);
    m_arena.push_back(std::move(node));
    Value value;
    value.kind = kind;
    value.ref = static_cast<std::uint32_t>(m_arena.size() - 1);
    return value;
}

Value Machine::newObject(int tag, std::int64_t aux, std::vector<Value> items)
{
    Value value = newContainer(Kind::Object, std::move(items));
    Node& n = node(value);
    n.tag = tag;
    n.aux = aux;
    return value;
}

Node& Machine::node(const Value& value)
{
    return *m_arena.at(value.ref);
}

const Node& Machine::node(const Value& value) const
{
    return *m_arena.at(value.ref);
}

const Value* Machine::dictFind(const Value& dict, std::string_view key) const
{
    if (dict.kind != Kind::Dict) return nullptr;
    const auto& items = node(dict).items;
    for (std::size_t i = items.size(); i >= 2; i -= 2) {
        const Value& k = items[i - 2];
        if (k.kind == Kind::String && k.text() == key) return &items[i - 1];
    }
    return nullptr;
}

std::string Machine::describe(const Value& value) const
{
    switch (value.kind) {
    case Kind::String: {
        std::string text(value.text().substr(0, 40));
        return "the string '" + text + (value.size > 40 ? "...'" : "'");
    }
    case Kind::Int: return "the int " + std::to_string(value.integer);
    case Kind::Bytes: return "bytes of length " + std::to_string(value.size);
    case Kind::Tuple: case Kind::List: case Kind::Set:
        return std::string("a ") + kindName(value.kind) + " of " + std::to_string(node(value).items.size()) + " items";
    case Kind::Dict: return "a dict of " + std::to_string(node(value).items.size() / 2) + " items";
    default: return std::string("a ") + kindName(value.kind);
    }
}

void Machine::push(const Value& value)
{
    charge(sizeof(Value));
    m_stack.push_back(value);
}

Value Machine::pop()
{
    const std::size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor) throw PickleError("stack underflow (the stream is malformed)");
    Value value = m_stack.back();
    m_stack.pop_back();
    return value;
}

std::size_t Machine::popMark()
{
    if (m_marks.empty()) throw PickleError("no MARK to close (the stream is malformed)");
    const std::size_t begin = m_marks.back();
    m_marks.pop_back();
    return begin;
}

std::vector<Value> Machine::takeFrom(std::size_t begin)
{
    std::vector<Value> items(m_stack.begin() + static_cast<std::ptrdiff_t>(begin), m_stack.end());
    m_stack.resize(begin);
    return items;
}

void Machine::memoPut(std::size_t index)
{
    if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back()))
        throw PickleError("memo store with nothing on the stack");
    if (index < m_memo.size()) {
        m_memo[index] = m_stack.back();
        return;
    }
    // Python picklers number memo entries 0, 1, 2, ...; a jump is how a memo bomb would start.
    if (index != m_memo.size())
        throw PickleError("memo index " + std::to_string(index) + " is out of sequence (next is "
                          + std::to_string(m_memo.size()) + ")");
    if (m_memo.size() >= m_limits.maxMemoEntries) throw PickleError("too many memo entries");
    charge(sizeof(Value));
    m_memo.push_back(m_stack.back());
}

Value Machine::load(std::span<const std::byte> input, std::size_t& offset)
{
    m_stack.clear();
    m_marks.clear();
    m_memo.clear();

    const std::byte* const base = input.data();
    const std::size_t end = input.size();
    std::size_t pos = offset;

    auto need = [&](std::uint64_t count, const char* what) {
        if (count > end - pos)
            throw PickleError(std::string(what) + " declares " + std::to_string(count) + " bytes but only "
                              + std::to_string(end - pos) + " remain (truncated or corrupt file)");
    };
    auto textValue = [&](std::uint64_t length, const char* what) {
        need(length, what);
        if (!isValidUtf8(base + pos, static_cast<std::size_t>(length)))
            throw PickleError(std::string(what) + " holds invalid UTF-8");
        Value v;
        v.kind = Kind::String;
        v.data = base + pos;
        v.size = static_cast<std::size_t>(length);
        pos += v.size;
        return v;
    };
    auto bytesValue = [&](std::uint64_t length, const char* what) {
        need(length, what);
        Value v;
        v.kind = Kind::Bytes;
        v.data = base + pos;
        v.size = static_cast<std::size_t>(length);
        pos += v.size;
        return v;
    };
    auto getMemo = [&](std::uint64_t index) {
        if (index >= m_memo.size())
            throw PickleError("memo index " + std::to_string(index) + " was never stored");
        push(m_memo[static_cast<std::size_t>(index)]);
    };
    auto top = [&]() -> Value& {
        const std::size_t floor = m_marks.empty() ? 0 : m_marks.back();
        if (m_stack.size() <= floor) throw PickleError("stack underflow (the stream is malformed)");
        return m_stack.back();
    };
    auto expectString = [&](const Value& v, const char* what) {
        if (v.kind != Kind::String) throw PickleError(std::string(what) + " must be a string, got " + describe(v));
        return v.text();
    };
    auto resolve = [&](std::string_view module, std::string_view name) {
        Value g = m_hooks.globalValue(*this, m_hooks.resolveGlobal(module, name));
        push(g);
    };
    auto appendTo = [&](Value& target, std::vector<Value> items, Kind expected, const char* op) {
        if (target.kind != expected)
            throw PickleError(std::string(op) + " applied to " + describe(target) + ", expected a "
                              + kindName(expected));
        auto& dst = node(target).items;
        if (items.size() > m_limits.maxContainerItems - dst.size())
            throw PickleError("a container holds more than " + std::to_string(m_limits.maxContainerItems) + " items");
        dst.insert(dst.end(), items.begin(), items.end());
    };

    while (true) {
        if (pos >= end) throw PickleError("the pickle ends before its STOP opcode (truncated file)");
        const std::size_t opOffset = pos;
        const auto op = static_cast<std::uint8_t>(base[pos++]);
        try {
            switch (op) {
            case 0x80: {  // PROTO
                need(1, "PROTO");
                const auto protocol = static_cast<std::uint8_t>(base[pos++]);
                if (protocol < 2 || protocol > 5)
                    throw PickleError("pickle protocol " + std::to_string(protocol) + " is not supported (2–5 are)");
                break;
            }
            case 0x95:  // FRAME: a framing hint only; the whole input is already in memory.
                need(8, "FRAME");
                pos += 8;
                break;
            case '.': {  // STOP
                if (!m_marks.empty()) throw PickleError("STOP inside an open MARK");
                if (m_stack.size() != 1)
                    throw PickleError("STOP with " + std::to_string(m_stack.size()) + " values on the stack (expected 1)");
                offset = pos;
                Value result = m_stack.back();
                m_stack.clear();
                m_memo.clear();
                return result;
            }
            case '(':  // MARK
                if (m_marks.size() >= m_limits.maxMarkDepth)
                    throw PickleError("nesting deeper than " + std::to_string(m_limits.maxMarkDepth) + " levels");
                m_marks.push_back(m_stack.size());
                break;
            case '0':  // POP
                if (!m_marks.empty() && m_marks.back() == m_stack.size()) m_marks.pop_back();
                else pop();
                break;
            case '1':  // POP_MARK
                m_stack.resize(popMark());
                break;
            case '2':  // DUP
                push(top());
                break;
            case 'N': push(Value{}); break;
            case 0x88: push(makeBool(true)); break;
            case 0x89: push(makeBool(false)); break;
            case 'K':
                need(1, "BININT1");
                push(makeInt(static_cast<std::uint8_t>(base[pos])));
                pos += 1;
                break;
            case 'M':
                need(2, "BININT2");
                push(makeInt(readLittle<std::uint16_t>(base + pos)));
                pos += 2;
                break;
            case 'J':
                need(4, "BININT");
                push(makeInt(readLittle<std::int32_t>(base + pos)));
                pos += 4;
                break;
            case 0x8a: {  // LONG1: little-endian two's complement of n bytes
                need(1, "LONG1");
                const std::size_t n = static_cast<std::uint8_t>(base[pos++]);
                need(n, "LONG1");
                Value v;
                if (n <= 8) {
                    std::uint64_t raw = 0;
                    for (std::size_t k = 0; k < n; ++k)
                        raw |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(base[pos + k])) << (8 * k);
                    if (n > 0 && n < 8 && (static_cast<std::uint8_t>(base[pos + n - 1]) & 0x80))
                        raw |= ~std::uint64_t{0} << (8 * n);   // sign-extend
                    v = makeInt(static_cast<std::int64_t>(raw));
                } else {
                    v.kind = Kind::BigInt;
                    v.data = base + pos;
                    v.size = n;
                }
                pos += n;
                push(v);
                break;
            }
            case 'G': {  // BINFLOAT: big-endian IEEE double
                need(8, "BINFLOAT");
                std::uint64_t raw = 0;
                for (int k = 0; k < 8; ++k) raw = (raw << 8) | static_cast<std::uint8_t>(base[pos + k]);
                pos += 8;
                push(makeFloat(std::bit_cast<double>(raw)));
                break;
            }
            case 0x8c: {
                need(1, "SHORT_BINUNICODE");
                const std::uint64_t n = static_cast<std::uint8_t>(base[pos++]);
                push(textValue(n, "SHORT_BINUNICODE"));
                break;
            }
            case 'X': {
                need(4, "BINUNICODE");
                const std::uint64_t n = readLittle<std::uint32_t>(base + pos);
                pos += 4;
                push(textValue(n, "BINUNICODE"));
                break;
            }
            case 0x8d: {
                need(8, "BINUNICODE8");
                const std::uint64_t n = readLittle<std::uint64_t>(base + pos);
                pos += 8;
                push(textValue(n, "BINUNICODE8"));
                break;
            }
            case 'C': {
                need(1, "SHORT_BINBYTES");
                const std::uint64_t n = static_cast<std::uint8_t>(base[pos++]);
                push(bytesValue(n, "SHORT_BINBYTES"));
                break;
            }
            case 'B': {
                need(4, "BINBYTES");
                const std::uint64_t n = readLittle<std::uint32_t>(base + pos);
                pos += 4;
                push(bytesValue(n, "BINBYTES"));
                break;
            }
            case 0x8e: case 0x96: {  // BINBYTES8, BYTEARRAY8 (a bytearray reads the same for our purposes)
                const char* name = op == 0x8e ? "BINBYTES8" : "BYTEARRAY8";
                need(8, name);
                const std::uint64_t n = readLittle<std::uint64_t>(base + pos);
                pos += 8;
                push(bytesValue(n, name));
                break;
            }
            case 'q':
                need(1, "BINPUT");
                memoPut(static_cast<std::uint8_t>(base[pos++]));
                break;
            case 'r':
                need(4, "LONG_BINPUT");
                memoPut(readLittle<std::uint32_t>(base + pos));
                pos += 4;
                break;
            case 0x94:  // MEMOIZE
                memoPut(m_memo.size());
                break;
            case 'h':
                need(1, "BINGET");
                getMemo(static_cast<std::uint8_t>(base[pos++]));
                break;
            case 'j':
                need(4, "LONG_BINGET");
                getMemo(readLittle<std::uint32_t>(base + pos));
                pos += 4;
                break;
            case ')': push(newContainer(Kind::Tuple)); break;
            case ']': push(newContainer(Kind::List)); break;
            case '}': push(newContainer(Kind::Dict)); break;
            case 0x8f: push(newContainer(Kind::Set)); break;
            case 0x85: case 0x86: case 0x87: {  // TUPLE1..3
                const std::size_t n = static_cast<std::size_t>(op - 0x84);
                std::vector<Value> items(n);
                for (std::size_t k = n; k-- > 0;) items[k] = pop();
                push(newContainer(Kind::Tuple, std::move(items)));
                break;
            }
            case 't': push(newContainer(Kind::Tuple, takeFrom(popMark()))); break;
            case 'l': push(newContainer(Kind::List, takeFrom(popMark()))); break;
            case 0x91: push(newContainer(Kind::Set, takeFrom(popMark()))); break;
            case 'd': {
                auto items = takeFrom(popMark());
                if (items.size() % 2 != 0) throw PickleError("DICT with an odd number of items");
                push(newContainer(Kind::Dict, std::move(items)));
                break;
            }
            case 'a': {
                Value item = pop();
                appendTo(top(), {item}, Kind::List, "APPEND");
                break;
            }
            case 'e': {
                auto items = takeFrom(popMark());
                appendTo(top(), std::move(items), Kind::List, "APPENDS");
                break;
            }
            case 0x90: {
                auto items = takeFrom(popMark());
                appendTo(top(), std::move(items), Kind::Set, "ADDITEMS");
                break;
            }
            case 's': {
                Value value = pop();
                Value key = pop();
                appendTo(top(), {key, value}, Kind::Dict, "SETITEM");
                break;
            }
            case 'u': {
                auto items = takeFrom(popMark());
                if (items.size() % 2 != 0) throw PickleError("SETITEMS with an odd number of items");
                appendTo(top(), std::move(items), Kind::Dict, "SETITEMS");
                break;
            }
            case 'c': {  // GLOBAL "module\nname\n"
                auto readLine = [&](const char* what) {
                    constexpr std::size_t kMaxLine = 256;
                    const std::size_t limit = std::min(end - pos, kMaxLine);
                    for (std::size_t k = 0; k < limit; ++k) {
                        if (base[pos + k] == std::byte{'\n'}) {
                            std::string_view line(reinterpret_cast<const char*>(base + pos), k);
                            pos += k + 1;
                            return line;
                        }
                    }
                    throw PickleError(std::string("GLOBAL ") + what + " is not a line of at most 256 characters");
                };
                const std::string_view module = readLine("module");
                const std::string_view name = readLine("name");
                resolve(module, name);
                break;
            }
            case 0x93: {  // STACK_GLOBAL
                const Value name = pop();
                const Value module = pop();
                resolve(expectString(module, "STACK_GLOBAL module"), expectString(name, "STACK_GLOBAL name"));
                break;
            }
            case 'R': {  // REDUCE
                const Value args = pop();
                const Value callable = pop();
                if (callable.kind != Kind::Global)
                    throw PickleError("REDUCE calls " + describe(callable) + ", which is not an allowed global");
                if (args.kind != Kind::Tuple) throw PickleError("REDUCE arguments are " + describe(args) + ", not a tuple");
                push(m_hooks.call(*this, callable.ref, args));
                break;
            }
            case 0x81: case 0x92: {  // NEWOBJ, NEWOBJ_EX
                if (op == 0x92) {
                    const Value kwargs = pop();
                    if (kwargs.kind != Kind::Dict || !node(kwargs).items.empty())
                        throw PickleError("NEWOBJ_EX with keyword arguments is not supported");
                }
                const Value args = pop();
                const Value cls = pop();
                if (cls.kind != Kind::Global)
                    throw PickleError("NEWOBJ instantiates " + describe(cls) + ", which is not an allowed class");
                if (args.kind != Kind::Tuple) throw PickleError("NEWOBJ arguments are " + describe(args) + ", not a tuple");
                push(m_hooks.newObject(*this, cls.ref, args));
                break;
            }
            case 'b': {  // BUILD
                const Value state = pop();
                m_hooks.build(*this, top(), state);
                break;
            }
            case 'Q': {  // BINPERSID
                const Value id = pop();
                push(m_hooks.persistentLoad(*this, id));
                break;
            }
            default: {
                const char* name = opcodeName(op);
                if (name)
                    throw PickleError(std::string("opcode ") + name + " is not supported by this reader");
                throw PickleError("unknown opcode byte " + std::to_string(op) + " (not a pickle, or a corrupt one)");
            }
            }
        } catch (const UnsupportedSnapshot&) {
            throw;
        } catch (const PickleError& error) {
            const std::string what = error.what();
            if (what.rfind("at byte ", 0) == 0) throw;
            throw PickleError("at byte " + std::to_string(opOffset) + ": " + what);
        }
    }
}

} // namespace lscore::pickle
