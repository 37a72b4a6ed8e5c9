#pragma once
// Decoding of the bytes given to torch.storage._load_from_bytes: a torch.save() of one storage,
// either the legacy format (magic number, protocol, sys info, storage pickle with a persistent id,
// key list, raw records: what Storage.__reduce__ writes) or the zip format (data.pkl + data/<key>,
// stored entries). Both are interpreted with the restricted pickle machine and a storage-type
// allowlist; nothing is copied: the result views the blob's bytes.

#include <cstddef>
#include <cstdint>
#include <span>

#include <torch/torch.h>

namespace lscore::pickle {

struct StorageBlob {
    torch::ScalarType dtype = torch::kFloat;
    std::size_t elementSize = 4;
    std::int64_t numel = 0;
    std::span<const std::byte> data;   // numel * elementSize bytes, little-endian, inside the blob
};

// Throws PickleError with a message saying what is wrong with the blob.
StorageBlob decodeStorageBlob(std::span<const std::byte> blob);

} // namespace lscore::pickle
