#include "lscore/snapshot_pickle.h"
#include "lscore/atomic_file.h"
#include "lscore/json_input.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <set>
#include <sstream>
#include <string_view>

#include "pickle_machine.h"
#include "storage_blob.h"

namespace lscore {

namespace {

using pickle::Kind;
using pickle::Machine;
using pickle::Node;
using pickle::PickleError;
using pickle::UnsupportedSnapshot;
using pickle::Value;

const char* const kTensorFlowMessage =
    "this is a TensorFlow-era StyleGAN/StyleGAN2 snapshot; not supported yet — convert it with the "
    "official tools to a PyTorch snapshot first";

enum GlobalId : std::uint32_t {
    kReconstructPersistent,
    kOrderedDict,
    kRebuildTensorV2,
    kRebuildParameter,
    kRebuildParameterWithState,
    kLoadFromBytes,
    kNumpyScalar,
    kNumpyDtype,
    kEasyDict,
    kBuiltinSet,
    kBuiltinFrozenset,
    kNumpyReconstruct,
    kNumpyNdarray,
    kTorchDtypeFirst,   // torch.float32, ... (values, never called)
};

struct AllowedGlobal {
    std::string_view module;
    std::string_view name;
    std::uint32_t id;
};

constexpr std::array<AllowedGlobal, 19> kAllowlist = {{
    {"torch_utils.persistence", "_reconstruct_persistent_obj", kReconstructPersistent},
    {"collections", "OrderedDict", kOrderedDict},
    {"torch._utils", "_rebuild_tensor_v2", kRebuildTensorV2},
    {"torch._utils", "_rebuild_parameter", kRebuildParameter},
    {"torch._utils", "_rebuild_parameter_with_state", kRebuildParameterWithState},
    {"torch.storage", "_load_from_bytes", kLoadFromBytes},
    {"numpy.core.multiarray", "scalar", kNumpyScalar},
    {"numpy._core.multiarray", "scalar", kNumpyScalar},
    {"numpy", "dtype", kNumpyDtype},
    {"dnnlib.util", "EasyDict", kEasyDict},
    {"dnnlib", "EasyDict", kEasyDict},
    {"builtins", "set", kBuiltinSet},
    {"builtins", "frozenset", kBuiltinFrozenset},
    {"__builtin__", "set", kBuiltinSet},
    {"__builtin__", "frozenset", kBuiltinFrozenset},
    // StyleGAN3 layers keep sizes and rates as small numpy arrays among their attributes.
    {"numpy.core.multiarray", "_reconstruct", kNumpyReconstruct},
    {"numpy._core.multiarray", "_reconstruct", kNumpyReconstruct},
    {"numpy", "ndarray", kNumpyNdarray},
}};

constexpr std::array<std::string_view, 5> kTorchDtypes = {"float32", "float16", "bfloat16", "float64", "float"};

enum ObjectTag : int {
    kPersistentObject = 100,   // items[0] = meta dict
    kStorage,                  // aux = index into storages
    kTensor,                   // aux = index into tensors
    kNumpyDtypeObject,         // items[0] = type code string; aux = 1 when big-endian
    kTorchDtype,
    kNumpyArray,               // a numpy array attribute; its values are not kept (nothing reads them)
};

struct TensorRef {
    std::size_t storage = 0;
    pickle::TensorView view;
};

class SnapshotHooks : public pickle::PickleHooks {
public:
    std::vector<pickle::StorageBlob> storages;
    std::vector<TensorRef> tensors;

    std::uint32_t resolveGlobal(std::string_view module, std::string_view name) override
    {
        for (const AllowedGlobal& allowed : kAllowlist)
            if (allowed.module == module && allowed.name == name) return allowed.id;
        if (module == "torch") {
            for (std::size_t i = 0; i < kTorchDtypes.size(); ++i)
                if (kTorchDtypes[i] == name) return kTorchDtypeFirst + static_cast<std::uint32_t>(i);
        }
        if (module.starts_with("dnnlib.tflib")) throw UnsupportedSnapshot(kTensorFlowMessage);
        throw PickleError("refused the global '" + std::string(module) + "." + std::string(name)
                          + "': it is not one of the names an NVlabs StyleGAN2 or StyleGAN3 snapshot uses, and loading it would "
                            "mean running code from the file (do not open this file with Python's pickle either)");
    }

    Value globalValue(Machine& machine, std::uint32_t id) override
    {
        if (id >= kTorchDtypeFirst) return machine.newObject(kTorchDtype, id - kTorchDtypeFirst);
        return PickleHooks::globalValue(machine, id);
    }

    Value call(Machine& machine, std::uint32_t id, const Value& args) override
    {
        const auto& a = machine.node(args).items;
        switch (id) {
        case kReconstructPersistent:
            if (a.size() != 1 || a[0].kind != Kind::Dict)
                throw PickleError("_reconstruct_persistent_obj expects one dict argument, got " + machine.describe(args));
            return machine.newObject(kPersistentObject, 0, {a[0]});
        case kOrderedDict: case kEasyDict:
            return makeDict(machine, args);
        case kBuiltinSet: case kBuiltinFrozenset:
            if (a.empty()) return machine.newContainer(Kind::Set);
            if (a.size() == 1 && (a[0].kind == Kind::List || a[0].kind == Kind::Tuple || a[0].kind == Kind::Set))
                return machine.newContainer(Kind::Set, machine.node(a[0]).items);
            throw PickleError("set() expects one list argument");
        case kRebuildTensorV2:
            return rebuildTensor(machine, a);
        case kRebuildParameter: case kRebuildParameterWithState:
            if (a.size() < 3 || !isTag(machine, a[0], kTensor))
                throw PickleError("_rebuild_parameter expects a tensor, got " + machine.describe(args));
            return a[0];
        case kLoadFromBytes: {
            if (a.size() != 1 || a[0].kind != Kind::Bytes)
                throw PickleError("_load_from_bytes expects one bytes argument, got " + machine.describe(args));
            pickle::StorageBlob blob;
            try {
                blob = pickle::decodeStorageBlob(a[0].bytes());
            } catch (const PickleError& error) {
                throw PickleError(std::string("invalid tensor storage: ") + error.what());
            }
            machine.charge(sizeof(pickle::StorageBlob));
            storages.push_back(blob);
            return machine.newObject(kStorage, static_cast<std::int64_t>(storages.size() - 1));
        }
        case kNumpyScalar:
            return numpyScalar(machine, a);
        case kNumpyReconstruct:
            // _reconstruct(numpy.ndarray, (0,), b'b'): an empty array that BUILD then fills.
            if (a.size() != 3 || a[0].kind != Kind::Global || a[0].ref != kNumpyNdarray)
                throw PickleError("numpy _reconstruct expects (numpy.ndarray, shape, type code), got " + machine.describe(args));
            return machine.newObject(kNumpyArray, 0);
        case kNumpyDtype: {
            if (a.empty() || a[0].kind != Kind::String) throw PickleError("numpy.dtype expects a type code");
            return machine.newObject(kNumpyDtypeObject, 0, {a[0]});
        }
        default:
            throw PickleError("this global cannot be called");
        }
    }

    Value newObject(Machine& machine, std::uint32_t id, const Value& args) override
    {
        if (id == kOrderedDict || id == kEasyDict) return makeDict(machine, args);
        if (id == kBuiltinSet || id == kBuiltinFrozenset) return call(machine, id, args);
        throw PickleError("NEWOBJ is only allowed for OrderedDict, EasyDict and set");
    }

    void build(Machine& machine, Value& target, const Value& state) override
    {
        if (target.kind == Kind::Dict) return;   // attributes of an OrderedDict/EasyDict: not needed
        if (isTag(machine, target, kNumpyDtypeObject)) {
            // State: (version, byteorder, subarray, names, fields, elsize, alignment, flags).
            if (state.kind == Kind::Tuple && machine.node(state).items.size() >= 2) {
                const Value& order = machine.node(state).items[1];
                if (order.kind == Kind::String) machine.node(target).aux = order.text() == ">" ? 1 : 0;
            }
            return;
        }
        if (isTag(machine, target, kNumpyArray)) {
            // State: (version, shape, dtype, is_fortran, raw bytes or a list). Checked for form only.
            if (state.kind != Kind::Tuple || machine.node(state).items.size() != 5
                || !isTag(machine, machine.node(state).items[2], kNumpyDtypeObject))
                throw PickleError("a numpy array's state is " + machine.describe(state) + ", not (version, shape, dtype, order, data)");
            return;
        }
        throw PickleError("BUILD (setting object state) on " + machine.describe(target) + " is not allowed");
    }

    static bool isTag(const Machine& machine, const Value& value, int tag)
    {
        return value.kind == Kind::Object && machine.node(value).tag == tag;
    }

private:
    static Value makeDict(Machine& machine, const Value& args)
    {
        const auto& a = machine.node(args).items;
        if (a.empty()) return machine.newContainer(Kind::Dict);
        if (a.size() == 1 && a[0].kind == Kind::Dict) return machine.newContainer(Kind::Dict, machine.node(a[0]).items);
        if (a.size() == 1 && (a[0].kind == Kind::List || a[0].kind == Kind::Tuple)) {
            std::vector<Value> items;
            for (const Value& pair : machine.node(a[0]).items) {
                if (pair.kind != Kind::Tuple && pair.kind != Kind::List) throw PickleError("dict item is not a pair");
                const auto& kv = machine.node(pair).items;
                if (kv.size() != 2) throw PickleError("dict item is not a pair");
                items.push_back(kv[0]);
                items.push_back(kv[1]);
            }
            machine.charge(items.size() * sizeof(Value));
            return machine.newContainer(Kind::Dict, std::move(items));
        }
        throw PickleError("a dict is constructed from " + machine.describe(args));
    }

    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    Value rebuildTensor(Machine& machine, const std::vector<Value>& a)
    {
        if (a.size() < 6 || a.size() > 7) throw PickleError("_rebuild_tensor_v2 expects 6 or 7 arguments");
        if (!isTag(machine, a[0], kStorage))
            throw PickleError("a tensor's storage is " + machine.describe(a[0]) + ", not a storage");
        TensorRef ref;
        ref.storage = static_cast<std::size_t>(machine.node(a[0]).aux);
        ref.view = pickle::readTensorView(machine, a[1], a[2], a[3], storages.at(ref.storage).numel);
        machine.charge(sizeof(TensorRef) + 16 * ref.view.sizes.size());
        tensors.push_back(std::move(ref));
        return machine.newObject(kTensor, static_cast<std::int64_t>(tensors.size() - 1));
    }

    static Value numpyScalar(Machine& machine, const std::vector<Value>& a)
    {
        if (a.size() != 2 || !isTag(machine, a[0], kNumpyDtypeObject) || a[1].kind != Kind::Bytes)
            throw PickleError("numpy scalar expects (dtype, bytes)");
        const Node& dtype = machine.node(a[0]);
        const std::string_view code = dtype.items[0].text();
        if (code.size() < 2) throw PickleError("numpy scalar has an unknown type code");
        const char kind = code[0];
        const int width = code.substr(1) == "8" ? 8 : code.substr(1) == "4" ? 4 : code.substr(1) == "2" ? 2
                        : code.substr(1) == "1" ? 1 : 0;
        if (width == 0 || a[1].size != static_cast<std::size_t>(width))
            throw PickleError("numpy scalar of type '" + std::string(code) + "' has " + std::to_string(a[1].size) + " bytes");
        std::array<unsigned char, 8> raw{};
        std::memcpy(raw.data(), a[1].data, static_cast<std::size_t>(width));
        if (dtype.aux == 1) std::reverse(raw.begin(), raw.begin() + width);
        std::uint64_t bits = 0;
        for (int k = width - 1; k >= 0; --k) bits = (bits << 8) | raw[static_cast<std::size_t>(k)];
        switch (kind) {
        case 'f':
            if (width == 8) return Machine::makeFloat(std::bit_cast<double>(bits));
            if (width == 4) return Machine::makeFloat(std::bit_cast<float>(static_cast<std::uint32_t>(bits)));
            if (width == 2) {
                c10::Half half;
                half.x = static_cast<std::uint16_t>(bits);
                return Machine::makeFloat(static_cast<float>(half));
            }
            break;
        case 'i': {
            const int shift = 64 - 8 * width;
            return Machine::makeInt(static_cast<std::int64_t>(bits << shift) >> shift);
        }
        case 'u':
            if (width == 8 && bits > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return Machine::makeFloat(static_cast<double>(bits));
            return Machine::makeInt(static_cast<std::int64_t>(bits));
        case 'b':
            if (width == 1) return Machine::makeBool(bits != 0);
            break;
        default:
            break;
        }
        throw PickleError("numpy scalar of type '" + std::string(code) + "' is not supported");
    }
};

// Walks G_ema and turns what it finds into tensors and JSON, within fixed depth and size limits
// (shared references in a hostile pickle must not multiply into unbounded work).
class SnapshotWalker {
public:
    SnapshotWalker(Machine& machine, SnapshotHooks& hooks, std::size_t fileBytes)
        : m_machine(machine), m_hooks(hooks), m_tensorByteBudget(2 * fileBytes + (1u << 20))
    {}


    NvlabsSnapshot walk(const Value& root)
    {
        if (root.kind != Kind::Dict)
            throw PickleError("the file holds " + m_machine.describe(root)
                              + ", not an NVlabs snapshot dict (G, D, G_ema, ...)");
        const Value* network = m_machine.dictFind(root, "G_ema");
        if (!network) {
            std::string keys;
            const auto& items = m_machine.node(root).items;
            for (std::size_t i = 0; i + 1 < items.size() && i < 40; i += 2)
                if (items[i].kind == Kind::String) keys += (keys.empty() ? "" : ", ") + std::string(items[i].text());
            throw PickleError("the snapshot has no 'G_ema' network (its keys: " + keys + ")");
        }
        const Value& meta = persistentMeta(*network, "G_ema");
        NvlabsSnapshot snapshot;
        snapshot.networkClass = std::string(requireString(meta, "class_name", "G_ema"));

        const Value& state = moduleState(*network, "G_ema");
        if (const Value* kwargs = m_machine.dictFind(state, "_init_kwargs")) {
            std::size_t nodeBudget = 100000;
            snapshot.initKwargs = toJson(*kwargs, 0, nodeBudget);
        }
        if (!snapshot.initKwargs.is_object())
            throw PickleError("G_ema has no _init_kwargs dict, so its architecture is unknown");
        collectModule(*network, "", 0, snapshot.tensors);
        // Persistent classes do not record their module: StyleGAN3's alias-free synthesis is told apart
        // by its Fourier-feature input layer (the module source is never looked at, let alone run).
        snapshot.moduleName = m_classNames.contains("SynthesisInput") ? "training.networks_stylegan3" : "training.networks_stylegan2";
        if (snapshot.tensors.empty()) throw PickleError("G_ema holds no tensors");
        return snapshot;
    }

private:
    const Value& persistentMeta(const Value& module, const std::string& where)
    {
        if (!SnapshotHooks::isTag(m_machine, module, kPersistentObject))
            throw PickleError("'" + where + "' is " + m_machine.describe(module)
                              + ", not a network saved by torch_utils.persistence");
        const Value& meta = m_machine.node(module).items.at(0);
        const Value* type = m_machine.dictFind(meta, "type");
        if (!type || type->kind != Kind::String || type->text() != "class")
            throw PickleError("'" + where + "' is a persistent object of an unknown type");
        return meta;
    }

    const Value& moduleState(const Value& module, const std::string& where)
    {
        const Value* state = m_machine.dictFind(persistentMeta(module, where), "state");
        if (!state || state->kind != Kind::Dict) throw PickleError("'" + where + "' has no state dict");
        return *state;
    }

    std::string_view requireString(const Value& dict, std::string_view key, const std::string& where)
    {
        const Value* value = m_machine.dictFind(dict, key);
        if (!value || value->kind != Kind::String)
            throw PickleError("'" + where + "' has no " + std::string(key) + " string");
        return value->text();
    }

    void collectModule(const Value& module, const std::string& prefix, int depth,
                       std::map<std::string, torch::Tensor>& out)
    {
        constexpr int kMaxModuleDepth = 32;
        // A budget of visits besides the depth cap: shared references form a DAG in which a few KB of
        // pickle (fan-out 2, depth 30) reach a module 2^30 times. A real 1024 px generator has a few
        // hundred modules.
        constexpr int kMaxModuleVisits = 20000;
        const std::string where = prefix.empty() ? "G_ema" : prefix.substr(0, prefix.size() - 1);
        if (depth > kMaxModuleDepth) throw PickleError("modules nest deeper than " + std::to_string(kMaxModuleDepth) + " levels");
        if (++m_moduleVisits > kMaxModuleVisits)
            throw PickleError("G_ema reaches more than " + std::to_string(kMaxModuleVisits)
                              + " modules (shared references multiply them); this is no StyleGAN snapshot");
        m_classNames.insert(std::string(requireString(persistentMeta(module, where), "class_name", where)));
        const Value& state = moduleState(module, where);
        for (const char* group : {"_parameters", "_buffers"}) {
            const Value* dict = m_machine.dictFind(state, group);
            if (!dict) continue;
            if (dict->kind != Kind::Dict) throw PickleError("'" + where + "' " + group + " is " + m_machine.describe(*dict));
            const auto& items = m_machine.node(*dict).items;
            for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
                if (items[i].kind != Kind::String) throw PickleError("'" + where + "' has a non-string tensor name");
                const std::string name = prefix + std::string(items[i].text());
                const Value& tensor = items[i + 1];
                if (tensor.isNone()) continue;
                if (!SnapshotHooks::isTag(m_machine, tensor, kTensor))
                    throw PickleError("'" + name + "' in " + group + " is " + m_machine.describe(tensor)
                                      + " where a tensor is expected");
                if (out.contains(name)) throw PickleError("tensor '" + name + "' appears twice");
                out.emplace(name, materialize(m_hooks.tensors.at(static_cast<std::size_t>(m_machine.node(tensor).aux)), name));
            }
        }
        if (const Value* children = m_machine.dictFind(state, "_modules")) {
            if (children->kind != Kind::Dict) throw PickleError("'" + where + "' _modules is " + m_machine.describe(*children));
            const auto& items = m_machine.node(*children).items;
            for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
                if (items[i].kind != Kind::String) throw PickleError("'" + where + "' has a non-string module name");
                if (items[i + 1].isNone()) continue;
                collectModule(items[i + 1], prefix + std::string(items[i].text()) + ".", depth + 1, out);
            }
        }
    }

    torch::Tensor materialize(const TensorRef& ref, const std::string& name)
    {
        return pickle::materializeTensor(m_hooks.storages.at(ref.storage), ref.view, name, m_tensorByteBudget);
    }

    nlohmann::json toJson(const Value& value, int depth, std::size_t& budget)
    {
        constexpr int kMaxJsonDepth = 32;
        if (depth > kMaxJsonDepth) throw PickleError("_init_kwargs nest deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        if (budget == 0) throw PickleError("_init_kwargs are implausibly large");
        --budget;
        switch (value.kind) {
        case Kind::None: return nullptr;
        case Kind::Bool: return value.integer != 0;
        case Kind::Int: return value.integer;
        case Kind::Float: return std::isfinite(value.real) ? nlohmann::json(value.real) : nlohmann::json(nullptr);
        case Kind::String: return std::string(value.text());
        case Kind::Tuple: case Kind::List: case Kind::Set: {
            nlohmann::json array = nlohmann::json::array();
            for (const Value& item : m_machine.node(value).items) array.push_back(toJson(item, depth + 1, budget));
            return array;
        }
        case Kind::Dict: {
            nlohmann::json object = nlohmann::json::object();
            const auto& items = m_machine.node(value).items;
            for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
                if (items[i].kind != Kind::String) continue;   // Python allows other keys; JSON does not
                object[std::string(items[i].text())] = toJson(items[i + 1], depth + 1, budget);
            }
            return object;
        }
        default:
            return nullptr;   // tensors, big ints, bytes: no meaning as an architecture setting
        }
    }

    Machine& m_machine;
    SnapshotHooks& m_hooks;
    std::size_t m_tensorByteBudget;
    std::set<std::string> m_classNames;
    int m_moduleVisits = 0;
};

std::string trim(std::string text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

} // namespace

Result<NvlabsSnapshot> readNvlabsSnapshotFromBytes(std::span<const std::byte> bytes, const std::string& displayName)
{
    try {
        SnapshotHooks hooks;
        pickle::MachineLimits limits;
        // Values and containers cost at most ~48 bytes per opcode byte; honest snapshots use far less
        // (their bulk is tensor bytes), so a budget in proportion to the file refuses bombs early.
        limits.allocationBudgetBytes = std::min<std::size_t>((32u << 20) + 4 * bytes.size(), std::size_t{1} << 30);
        Machine machine(hooks, limits);
        std::size_t offset = 0;
        const Value root = machine.load(bytes, offset);
        SnapshotWalker walker(machine, hooks, bytes.size());
        return walker.walk(root);
    } catch (const UnsupportedSnapshot& error) {
        return makeError(displayName + ": " + error.what());
    } catch (const PickleError& error) {
        return makeError(displayName + ": not a readable NVlabs snapshot: " + error.what());
    } catch (const c10::Error& error) {
        return makeError(displayName + ": could not rebuild a tensor: " + error.what_without_backtrace());
    } catch (const std::bad_alloc&) {
        return makeError(displayName + ": out of memory while reading the snapshot");
    } catch (const std::exception& error) {
        return makeError(displayName + ": could not read the snapshot: " + error.what());
    }
}

Result<NvlabsSnapshot> readNvlabsSnapshot(const std::string& path)
{
    if (Status regular = checkRegularFile(path, "the snapshot"); !regular) return Error{regular.error()};
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return makeError(path + ": cannot open the snapshot (" + ec.message() + ")");
    constexpr std::uintmax_t kMaxSnapshotBytes = std::uintmax_t{16} << 30;
    if (size > kMaxSnapshotBytes) return makeError(path + ": the file is larger than 16 GiB; refusing to read it");
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return makeError(path + ": cannot open the snapshot for reading");
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(file, &std::fclose);
    std::unique_ptr<std::byte[]> buffer;
    try {
        buffer = std::make_unique_for_overwrite<std::byte[]>(static_cast<std::size_t>(size));
    } catch (const std::bad_alloc&) {
        return makeError(path + ": not enough memory to read the snapshot");
    }
    if (std::fread(buffer.get(), 1, static_cast<std::size_t>(size), file) != size)
        return makeError(path + ": could not read the whole file");
    const std::span<const std::byte> bytes(buffer.get(), static_cast<std::size_t>(size));
    return readNvlabsSnapshotFromBytes(bytes, std::filesystem::path(path).filename().string());
}

std::vector<std::string> readClassNames(const std::string& path)
{
    constexpr std::uintmax_t kMaxBytes = 16u << 20;
    constexpr std::size_t kMaxNames = 1u << 20;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > kMaxBytes) return {};
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::stringstream content;
    content << in.rdbuf();
    std::vector<std::string> names;
    if (std::filesystem::path(path).extension() == ".json") {
        const auto parsed = parseUntrustedJson(content.str(), path);
        if (!parsed) return {};
        const nlohmann::json& json = *parsed;
        const nlohmann::json* list = &json;
        if (json.is_object() && json.contains("class_names")) list = &json["class_names"];
        if (!list->is_array()) return {};
        for (const auto& item : *list) {
            if (!item.is_string()) return {};
            names.push_back(item.get<std::string>());
        }
    } else {
        std::string line;
        while (std::getline(content, line) && names.size() < kMaxNames) {
            line = trim(line);
            if (!line.empty()) names.push_back(line);
        }
    }
    if (names.size() > kMaxNames) return {};
    return names;
}

std::vector<std::string> readClassNamesBeside(const std::string& modelPath)
{
    const std::filesystem::path model(modelPath);
    for (const char* suffix : {".classes.txt", ".classes.json"}) {
        const auto side = model.parent_path() / (model.stem().string() + suffix);
        std::error_code ec;
        if (std::filesystem::is_regular_file(side, ec)) return readClassNames(side.string());
    }
    return {};
}

} // namespace lscore
