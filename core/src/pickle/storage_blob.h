#pragma once
// The pieces of torch.save's two container formats that every reader in the pickle area shares
// (internal to the area):
//  * the storage types a persistent id may name (torch.FloatStorage, ...);
//  * the zip container of torch.save ≥ 1.6 (entries always stored, never compressed);
//  * a tensor view (_rebuild_tensor_v2's offset, size, stride) checked against its storage, and its
//    copy out into a float32 tensor;
//  * decodeStorageBlob: the bytes given to torch.storage._load_from_bytes (one storage saved by
//    torch.save, legacy or zip), as NVlabs snapshots embed them.
// Everything is interpreted with the restricted pickle machine and a storage-type allowlist; results
// view the input's bytes and never copy them.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <torch/torch.h>

#include "pickle_machine.h"

namespace lscore::pickle {

struct StorageType {
    std::string_view name;         // "FloatStorage"
    torch::ScalarType dtype;
    std::size_t elementSize;
};

// The storage type torch.<name> names, or null when it is not one.
const StorageType* findStorageType(std::string_view name);
// Index of a storage type in the table findStorageType reads (for hooks' global ids), and back.
std::uint32_t storageTypeIndex(const StorageType& type);
const StorageType& storageTypeAt(std::uint32_t index);

// A storage's persistent id, ('storage', torch.FloatStorage, key, location, numel[, None]), checked:
// the type a global the hooks resolved to a storage type (firstTypeGlobal + its table index), a key
// of at most 64 bytes, a count ≥ 0, no view metadata. The key views the pickle's bytes.
struct PersistentStorage {
    const StorageType* type = nullptr;
    Value key;
    Value numel;
};
PersistentStorage readPersistentStorage(const Machine& machine, const Value& id, std::uint32_t firstTypeGlobal);

struct StorageBlob {
    torch::ScalarType dtype = torch::kFloat;
    std::size_t elementSize = 4;
    std::int64_t numel = 0;
    std::span<const std::byte> data;   // numel * elementSize bytes, little-endian, inside the blob
};

// Little-endian read at `at`; throws PickleError when the bytes end first.
template <typename T>
T readLittle(std::span<const std::byte> bytes, std::size_t at)
{
    if (at > bytes.size() || sizeof(T) > bytes.size() - at)
        throw PickleError("the data ends early, at byte " + std::to_string(at));
    T value;
    std::memcpy(&value, bytes.data() + at, sizeof(T));
    return value;   // the formats are little-endian; the build targets little-endian machines
}

// The legacy torch.save stream's first three pickles from `offset`: the magic number
// 0x1950a86a20f9469cfc6c, protocol version 1001 and the system information (little-endian only).
// `offset` then points at the saved object. Throws PickleError saying which is wrong.
void readLegacyHeader(Machine& machine, std::span<const std::byte> bytes, std::size_t& offset);

// A zip of stored entries (what torch.save writes). Refuses compressed entries, zip64, more than
// maxEntries entries and any entry outside the bytes.
struct ZipEntry {
    std::string name;
    std::span<const std::byte> data;
};
bool looksLikeZip(std::span<const std::byte> bytes);
std::vector<ZipEntry> readStoredZip(std::span<const std::byte> zip, std::size_t maxEntries);
// "<archive>/<suffix>" with exactly one folder level, as torch.save names its entries.
const ZipEntry* findZipEntry(const std::vector<ZipEntry>& entries, std::string_view suffix);
// Throws when the archive's byteorder entry says big-endian.
void checkZipByteOrder(const std::vector<ZipEntry>& entries);

// _rebuild_tensor_v2's (storage_offset, size, stride), checked: at most 16 dimensions, sizes below
// 2^40, and the last element the view touches inside a storage of storageNumel elements.
struct TensorView {
    std::int64_t offset = 0;
    std::vector<std::int64_t> sizes;
    std::vector<std::int64_t> strides;
};
TensorView readTensorView(const Machine& machine, const Value& offset, const Value& size, const Value& stride,
                          std::int64_t storageNumel);

// The view's elements as a contiguous float32 tensor. `byteBudget` is what the caller still allows
// tensors to take (shared storages must not multiply into unbounded memory); the copy is charged.
torch::Tensor materializeTensor(const StorageBlob& storage, const TensorView& view, const std::string& name,
                                std::size_t& byteBudget);

// Throws PickleError with a message saying what is wrong with the blob.
StorageBlob decodeStorageBlob(std::span<const std::byte> blob);

} // namespace lscore::pickle
