#pragma once
// safetensors reading and writing with full validation.
//
// Format: u64 little-endian header length | UTF-8 JSON header | raw little-endian C-order data.
// The header maps tensor names to {dtype, shape, data_offsets:[begin,end]} (relative to the data
// start) plus an optional "__metadata__" object of string values.
//
// The reader validates everything before it allocates a tensor: the header length against the file
// size and a cap, the JSON, each dtype, shape × dtype size = byte span, offsets contiguous from 0,
// non-overlapping and covering the data exactly; JSON nested deeper than 64 levels is refused
// unparsed. Every error names the file and the problem.
//
//   auto file = lscore::readSafetensors("model.safetensors");
//   if (!file) return fail(file.error());
//   torch::Tensor w = file->tensors.at("mapping.fc0.weight");   // float32 on CPU
//
// Dtypes: F32, F16 and BF16 are the model dtypes; F16 and BF16 are widened to float32 on reading.
// F64, I64, I32, I16, I8, U8 and BOOL are read as the matching torch dtype unchanged (the seed
// fixtures keep float64 z and int64 seeds). U16/U32/U64 and the F8 formats are understood for size
// validation but refused, since libtorch has no tensor type for them; any other dtype is refused.
//
// Thread safety: free functions with no shared state.

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>

#include <torch/torch.h>

#include "lscore/result.h"

namespace lscore {

// Header JSON larger than this is refused before it is read (the real files' headers are < 1 MiB).
inline constexpr std::uint64_t kMaxSafetensorsHeaderBytes = 100ull * 1024 * 1024;

// How a tensor is stored in the file. The first three are what models use; the rest are read as is.
enum class StoredDtype { F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL };

struct TensorFile {
    std::map<std::string, torch::Tensor> tensors;      // name -> CPU tensor; F16/BF16 widened to float32
    std::map<std::string, StoredDtype> storedDtypes;   // how each tensor was stored in the file
    std::map<std::string, std::string> metadata;       // "__metadata__" (string values only)
};

// Reads and validates a whole file. `displayName` (default: the path) names the file in messages.
Result<TensorFile> readSafetensors(const std::string& path);

// Same validation over bytes already in memory (used by the fuzzer and by tests).
Result<TensorFile> readSafetensorsFromBytes(std::span<const std::byte> bytes, const std::string& displayName);

struct SafetensorsWriteOptions {
    StoredDtype dtype = StoredDtype::F32;  // floating tensors are stored in this dtype (F32, F16, BF16 or F64)
};

// Writes tensors (any dtype, any device; made contiguous and converted) and metadata. Floating
// tensors are stored in options.dtype; integer and bool tensors keep their own dtype. The header is
// padded with spaces to a multiple of 8 and the tensors are laid out sorted by name.
// Writes to "<path>.partial" then renames, so a failed write never leaves a truncated model behind.
Status writeSafetensors(const std::string& path,
                        const std::map<std::string, torch::Tensor>& tensors,
                        const std::map<std::string, std::string>& metadata,
                        const SafetensorsWriteOptions& options = {});

// A NaN or infinite weight renders black frames silently: the first floating tensor holding one,
// named, or success.
Status checkTensorsFinite(const std::map<std::string, torch::Tensor>& tensors, const std::string& displayName);

const char* toString(StoredDtype dtype);   // the safetensors spelling: "F32", "BF16", ...
std::size_t byteSize(StoredDtype dtype);

} // namespace lscore
