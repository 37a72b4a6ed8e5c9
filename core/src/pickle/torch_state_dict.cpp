#include "lscore/torch_state_dict.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lscore/atomic_file.h"
#include "pickle_machine.h"
#include "storage_blob.h"

namespace lscore {

namespace {

using pickle::Kind;
using pickle::Machine;
using pickle::PickleError;
using pickle::Value;

enum GlobalId : std::uint32_t {
    kOrderedDict,
    kRebuildTensorV2,
    kRebuildParameter,
    kStorageTypeFirst,   // + index of the storage type (torch.FloatStorage, ...)
};

enum ObjectTag : int {
    kStorageRef = 200,   // aux = index into storages
    kTensor,             // aux = index into tensors
};

struct StorageRecord {
    const pickle::StorageType* type = nullptr;
    std::string key;
    std::int64_t numel = 0;
    std::optional<pickle::StorageBlob> blob;   // bound once the bytes are found
};

struct TensorRecord {
    std::size_t storage = 0;
    pickle::TensorView view;
};

class StateDictHooks : public pickle::PickleHooks {
public:
    std::vector<StorageRecord> storages;
    std::unordered_map<std::string, std::size_t> storageByKey;   // a hostile file may name 10^5 storages
    std::vector<TensorRecord> tensors;

    std::uint32_t resolveGlobal(std::string_view module, std::string_view name) override
    {
        if (module == "collections" && name == "OrderedDict") return kOrderedDict;
        if (module == "torch._utils" && name == "_rebuild_tensor_v2") return kRebuildTensorV2;
        if (module == "torch._utils" && name == "_rebuild_parameter") return kRebuildParameter;
        if (module == "torch")
            if (const pickle::StorageType* type = pickle::findStorageType(name)) return kStorageTypeFirst + pickle::storageTypeIndex(*type);
        throw PickleError("refused the global '" + std::string(module) + "." + std::string(name)
                          + "': a saved state dict holds only tensors in an OrderedDict, and loading this name would "
                            "mean running code from the file (do not open this file with torch.load either)");
    }

    Value call(Machine& machine, std::uint32_t id, const Value& args) override
    {
        const auto& a = machine.node(args).items;
        switch (id) {
        case kOrderedDict:
            if (!a.empty()) throw PickleError("OrderedDict is built with arguments; a state dict's is built empty");
            return machine.newContainer(Kind::Dict);
        case kRebuildTensorV2: {
            // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
            if (a.size() < 6 || a.size() > 7) throw PickleError("_rebuild_tensor_v2 expects 6 or 7 arguments");
            if (a[0].kind != Kind::Object || machine.node(a[0]).tag != kStorageRef)
                throw PickleError("a tensor's storage is " + machine.describe(a[0]) + ", not a storage");
            TensorRecord record;
            record.storage = static_cast<std::size_t>(machine.node(a[0]).aux);
            record.view = pickle::readTensorView(machine, a[1], a[2], a[3], storages.at(record.storage).numel);
            machine.charge(sizeof(TensorRecord) + 16 * record.view.sizes.size());
            tensors.push_back(std::move(record));
            return machine.newObject(kTensor, static_cast<std::int64_t>(tensors.size() - 1));
        }
        case kRebuildParameter:
            // _rebuild_parameter(tensor, requires_grad, backward_hooks): the tensor is all that matters.
            if (a.size() != 3 || a[0].kind != Kind::Object || machine.node(a[0]).tag != kTensor)
                throw PickleError("_rebuild_parameter expects a tensor, got " + machine.describe(args));
            return a[0];
        default:
            throw PickleError("torch storage types are never called in a state dict");
        }
    }

    void build(Machine& machine, Value& target, const Value& state) override
    {
        // The OrderedDict's attributes: its _metadata (module versions), not needed for the weights.
        if (target.kind == Kind::Dict && state.kind == Kind::Dict) return;
        throw PickleError("BUILD (setting object state) on " + machine.describe(target) + " is not allowed in a state dict");
    }

    // ('storage', torch.FloatStorage, key, location, numel[, view_metadata])
    Value persistentLoad(Machine& machine, const Value& id) override
    {
        const pickle::PersistentStorage storage = pickle::readPersistentStorage(machine, id, kStorageTypeFirst);
        const std::string key(storage.key.text());
        const pickle::StorageType* type = storage.type;
        const std::int64_t numel = storage.numel.integer;
        // The same storage may back several tensors: one record per key.
        if (const auto known = storageByKey.find(key); known != storageByKey.end()) {
            const StorageRecord& record = storages[known->second];
            if (record.numel != numel || record.type != type)
                throw PickleError("storage '" + key + "' is declared twice with different types or sizes");
            return machine.newObject(kStorageRef, static_cast<std::int64_t>(known->second));
        }
        machine.charge(sizeof(StorageRecord) + 2 * key.size() + 64);
        storageByKey.emplace(key, storages.size());
        storages.push_back({type, key, numel, std::nullopt});
        return machine.newObject(kStorageRef, static_cast<std::int64_t>(storages.size() - 1));
    }
};

pickle::MachineLimits limitsFor(std::size_t bytes)
{
    pickle::MachineLimits limits;
    limits.allocationBudgetBytes = std::min<std::size_t>((32u << 20) + 4 * bytes, std::size_t{1} << 30);
    return limits;
}

void bind(StorageRecord& record, std::span<const std::byte> data)
{
    const auto elementSize = record.type->elementSize;
    if (data.size() % elementSize != 0 || data.size() / elementSize != static_cast<std::uint64_t>(record.numel))
        throw PickleError("storage '" + record.key + "' declares " + std::to_string(record.numel) + " elements of "
                          + std::to_string(elementSize) + " bytes but holds " + std::to_string(data.size()) + " bytes");
    pickle::StorageBlob blob;
    blob.dtype = record.type->dtype;
    blob.elementSize = elementSize;
    blob.numel = record.numel;
    blob.data = data;
    record.blob = blob;
}

// Legacy torch.save: magic, protocol 1001, system info, the object, the storage keys, then for each
// key in that order an int64 element count and the raw elements.
Value loadLegacy(Machine& machine, StateDictHooks& hooks, std::span<const std::byte> bytes)
{
    std::size_t offset = 0;
    pickle::readLegacyHeader(machine, bytes, offset);
    const Value root = machine.load(bytes, offset);
    const Value keys = machine.load(bytes, offset);
    if (keys.kind != Kind::List) throw PickleError("its storage key list is not a list");
    for (const Value& key : machine.node(keys).items) {
        if (key.kind != Kind::String) throw PickleError("a storage key is not a string");
        const auto known = hooks.storageByKey.find(std::string(key.text()));
        if (known == hooks.storageByKey.end())
            throw PickleError("the storage key list names '" + std::string(key.text()) + "', which no tensor uses");
        const auto found = hooks.storages.begin() + static_cast<std::ptrdiff_t>(known->second);
        const auto count = pickle::readLittle<std::int64_t>(bytes, offset);
        offset += 8;
        const std::size_t elementSize = found->type->elementSize;
        if (count < 0 || static_cast<std::uint64_t>(count) > (bytes.size() - offset) / elementSize)
            throw PickleError("storage '" + found->key + "' declares " + std::to_string(count) + " elements but only "
                              + std::to_string(bytes.size() - offset) + " bytes remain (the file is truncated)");
        const std::size_t length = static_cast<std::size_t>(count) * elementSize;
        if (found->blob) throw PickleError("storage '" + found->key + "' is stored twice");
        bind(*found, bytes.subspan(offset, length));
        offset += length;
    }
    return root;
}

Value loadZip(Machine& machine, StateDictHooks& hooks, std::span<const std::byte> bytes)
{
    // data.pkl, version, byteorder and one entry per storage: a state dict of N tensors needs at most
    // N + a few; the cap only guards the directory walk.
    const auto entries = pickle::readStoredZip(bytes, 1u << 16);
    pickle::checkZipByteOrder(entries);
    const pickle::ZipEntry* pickleEntry = pickle::findZipEntry(entries, "data.pkl");
    if (!pickleEntry) throw PickleError("the zip archive has no data.pkl, so it is not a torch.save file");
    std::size_t offset = 0;
    const Value root = machine.load(pickleEntry->data, offset);
    // Storage key -> entry, built once: "<archive>/data/<key>" with exactly one folder level.
    std::unordered_map<std::string_view, const pickle::ZipEntry*> dataEntries;
    for (const pickle::ZipEntry& entry : entries) {
        const std::string_view name = entry.name;
        const auto slash = name.find('/');
        if (slash != std::string_view::npos && name.substr(slash + 1).starts_with("data/"))
            dataEntries.emplace(name.substr(slash + 6), &entry);
    }
    for (StorageRecord& record : hooks.storages) {
        const auto entry = dataEntries.find(record.key);
        if (entry == dataEntries.end())
            throw PickleError("the archive has no data/" + record.key + " for one of its tensors (the file is incomplete)");
        bind(record, entry->second->data);
    }
    return root;
}

StateDict collect(Machine& machine, StateDictHooks& hooks, const Value& root, std::size_t fileBytes)
{
    if (root.kind != Kind::Dict)
        throw PickleError("it holds " + machine.describe(root) + ", not a state dict (a dict of tensors by name)");
    std::size_t budget = 2 * fileBytes + (1u << 20);
    StateDict out;
    const auto& items = machine.node(root).items;
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        if (items[i].kind != Kind::String) throw PickleError("a state dict key is " + machine.describe(items[i]) + ", not a name");
        const std::string name(items[i].text());
        const Value& value = items[i + 1];
        if (value.kind != Kind::Object || machine.node(value).tag != kTensor)
            throw PickleError("'" + name + "' is " + machine.describe(value) + ", not a tensor");
        if (out.contains(name)) throw PickleError("tensor '" + name + "' appears twice");
        const TensorRecord& record = hooks.tensors.at(static_cast<std::size_t>(machine.node(value).aux));
        const StorageRecord& storage = hooks.storages.at(record.storage);
        if (!storage.blob) throw PickleError("the bytes of tensor '" + name + "' are missing (the file is incomplete)");
        out.emplace(name, pickle::materializeTensor(*storage.blob, record.view, name, budget));
    }
    if (out.empty()) throw PickleError("the state dict holds no tensors");
    return out;
}

} // namespace

Result<StateDict> readTorchStateDictFromBytes(std::span<const std::byte> bytes, const std::string& displayName)
{
    try {
        StateDictHooks hooks;
        Machine machine(hooks, limitsFor(bytes.size()));
        Value root;
        if (pickle::looksLikeZip(bytes)) {
            root = loadZip(machine, hooks, bytes);
        } else if (bytes.size() >= 2 && bytes[0] == std::byte{0x80}) {
            root = loadLegacy(machine, hooks, bytes);
        } else {
            return makeError(displayName + ": not a PyTorch weights file (torch.save writes a zip archive or a pickle stream; "
                             "this file starts with neither)");
        }
        return collect(machine, hooks, root, bytes.size());
    } catch (const PickleError& error) {
        return makeError(displayName + ": not a readable PyTorch state dict: " + error.what());
    } catch (const c10::Error& error) {
        return makeError(displayName + ": could not rebuild a tensor: " + error.what_without_backtrace());
    } catch (const std::bad_alloc&) {
        return makeError(displayName + ": out of memory while reading the weights");
    } catch (const std::exception& error) {
        return makeError(displayName + ": could not read the weights: " + error.what());
    }
}

Result<StateDict> readTorchStateDict(const std::string& path)
{
    constexpr std::uint64_t kMaxBytes = std::uint64_t{16} << 30;
    auto bytes = readRegularFile(path, kMaxBytes, "the weights file");
    if (!bytes) return Error{bytes.error()};
    const std::span<const std::byte> view(reinterpret_cast<const std::byte*>(bytes->data()), bytes->size());
    return readTorchStateDictFromBytes(view, path);
}

} // namespace lscore
