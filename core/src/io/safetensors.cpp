#include "lscore/safetensors.h"
#include "lscore/atomic_file.h"
#include "lscore/json_input.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

namespace lscore {
namespace {

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian; a big-endian host would need byte swapping");

constexpr const char* kCorruptSuffix = " — the file is corrupt or was written incorrectly";
constexpr const char* kMetadataKey = "__metadata__";

// Nesting deeper than this cannot come from a real header (the deepest is 2: entry -> shape) and
// would only cost stack and time; refusing it early keeps hostile headers cheap.
constexpr int kMaxHeaderNesting = 64;

// Every dtype name the format defines, with its size. Those without a torch type are understood
// (so the size checks still explain what is wrong) but refused with their own message.
struct DtypeInfo {
    const char* name;
    std::size_t size;
    std::optional<StoredDtype> stored;
};

constexpr DtypeInfo kDtypes[] = {
    {"F32", 4, StoredDtype::F32},   {"F16", 2, StoredDtype::F16},   {"BF16", 2, StoredDtype::BF16},
    {"F64", 8, StoredDtype::F64},   {"I64", 8, StoredDtype::I64},   {"I32", 4, StoredDtype::I32},
    {"I16", 2, StoredDtype::I16},   {"I8", 1, StoredDtype::I8},     {"U8", 1, StoredDtype::U8},
    {"BOOL", 1, StoredDtype::BOOL}, {"U16", 2, std::nullopt},       {"U32", 4, std::nullopt},
    {"U64", 8, std::nullopt},       {"F8_E4M3", 1, std::nullopt},   {"F8_E5M2", 1, std::nullopt},
};

const DtypeInfo* findDtype(const std::string& name) {
    for (const DtypeInfo& info : kDtypes) {
        if (name == info.name) return &info;
    }
    return nullptr;
}

torch::ScalarType torchType(StoredDtype dtype) {
    switch (dtype) {
    case StoredDtype::F32: return torch::kFloat32;
    case StoredDtype::F16: return torch::kFloat16;
    case StoredDtype::BF16: return torch::kBFloat16;
    case StoredDtype::F64: return torch::kFloat64;
    case StoredDtype::I64: return torch::kInt64;
    case StoredDtype::I32: return torch::kInt32;
    case StoredDtype::I16: return torch::kInt16;
    case StoredDtype::I8: return torch::kInt8;
    case StoredDtype::U8: return torch::kUInt8;
    case StoredDtype::BOOL: return torch::kBool;
    }
    return torch::kFloat32;
}

std::optional<StoredDtype> storedDtypeFor(torch::ScalarType type) {
    switch (type) {
    case torch::kFloat32: return StoredDtype::F32;
    case torch::kFloat16: return StoredDtype::F16;
    case torch::kBFloat16: return StoredDtype::BF16;
    case torch::kFloat64: return StoredDtype::F64;
    case torch::kInt64: return StoredDtype::I64;
    case torch::kInt32: return StoredDtype::I32;
    case torch::kInt16: return StoredDtype::I16;
    case torch::kInt8: return StoredDtype::I8;
    case torch::kUInt8: return StoredDtype::U8;
    case torch::kBool: return StoredDtype::BOOL;
    default: return std::nullopt;
    }
}

bool isFloating(StoredDtype dtype) {
    return dtype == StoredDtype::F32 || dtype == StoredDtype::F16 || dtype == StoredDtype::BF16 ||
           dtype == StoredDtype::F64;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    if (shape.empty()) return "a scalar";
    std::string text;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0) text += " × ";
        text += std::to_string(shape[i]);
    }
    return text;
}

// Deepest bracket nesting outside strings; stops counting once past the limit.
int headerNesting(std::string_view text) {
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    bool escaped = false;
    for (char c : text) {
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') inString = true;
        else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
            if (deepest > kMaxHeaderNesting) return deepest;
        } else if (c == '}' || c == ']') --depth;
    }
    return deepest;
}

// A JSON number that is a non-negative integer, as uint64.
std::optional<std::uint64_t> nonNegativeInteger(const nlohmann::json& value) {
    if (value.is_number_unsigned()) return value.get<std::uint64_t>();
    if (value.is_number_integer() && value.get<std::int64_t>() >= 0)
        return static_cast<std::uint64_t>(value.get<std::int64_t>());
    return std::nullopt;
}

struct EntryLayout {
    std::string name;
    StoredDtype dtype;
    std::vector<std::int64_t> shape;
    std::uint64_t begin;
    std::uint64_t end;
};

class HeaderValidator {
public:
    HeaderValidator(const std::string& displayName, std::uint64_t dataSize)
        : m_file(displayName), m_dataSize(dataSize) {}

    Error fail(const std::string& problem) const { return makeError(m_file + ": " + problem); }
    Error failTensor(const std::string& name, const std::string& problem) const {
        return makeError(m_file + ": tensor '" + name + "' " + problem);
    }

    Result<EntryLayout> entry(const std::string& name, const nlohmann::json& value) const {
        if (!value.is_object())
            return failTensor(name, std::string("is described by a JSON ") + value.type_name() +
                                        " instead of an object with dtype, shape and data_offsets" +
                                        kCorruptSuffix);
        const auto dtypeIt = value.find("dtype");
        const auto shapeIt = value.find("shape");
        const auto offsetsIt = value.find("data_offsets");
        if (dtypeIt == value.end() || shapeIt == value.end() || offsetsIt == value.end())
            return failTensor(name, std::string("lacks one of dtype, shape and data_offsets") + kCorruptSuffix);

        if (!dtypeIt->is_string())
            return failTensor(name, std::string("has a dtype that is not a string") + kCorruptSuffix);
        const std::string dtypeName = dtypeIt->get<std::string>();
        const DtypeInfo* dtype = findDtype(dtypeName);
        if (dtype == nullptr)
            return failTensor(name, "has unknown dtype '" + dtypeName +
                                        "' (known: F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL)" + kCorruptSuffix);

        if (!shapeIt->is_array())
            return failTensor(name, std::string("has a shape that is not a list") + kCorruptSuffix);
        EntryLayout layout{name, StoredDtype::F32, {}, 0, 0};
        // The product of the non-zero dimensions must fit in int64 (torch's size type) even when
        // another dimension is zero, so overflow is checked on that product rather than on numel.
        std::uint64_t nonZeroProduct = 1;
        bool hasZero = false;
        constexpr auto kMaxSize = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        for (const nlohmann::json& dim : *shapeIt) {
            const std::optional<std::uint64_t> size = nonNegativeInteger(dim);
            if (!size)
                return failTensor(name, "has shape entry " + describeJsonValue(dim) +
                                            "; a shape is a list of non-negative integers" + kCorruptSuffix);
            if (*size == 0) hasZero = true;
            else if (*size > kMaxSize / nonZeroProduct)
                return failTensor(name, "declares a shape of " + shapeIt->dump() + " " + dtypeName +
                                            " whose size overflows 64 bits" + kCorruptSuffix);
            else nonZeroProduct *= *size;
            layout.shape.push_back(static_cast<std::int64_t>(*size));
        }
        const std::uint64_t numel = hasZero ? 0 : nonZeroProduct;
        if (numel > kMaxSize / dtype->size)
            return failTensor(name, "declares a shape of " + shapeIt->dump() + " " + dtypeName +
                                        " whose size overflows 64 bits" + kCorruptSuffix);
        const std::uint64_t declaredBytes = numel * dtype->size;

        if (!offsetsIt->is_array() || offsetsIt->size() != 2)
            return failTensor(name, "has data_offsets " + offsetsIt->dump() + "; expected [begin, end]" + kCorruptSuffix);
        const std::optional<std::uint64_t> begin = nonNegativeInteger((*offsetsIt)[0]);
        const std::optional<std::uint64_t> end = nonNegativeInteger((*offsetsIt)[1]);
        if (!begin || !end)
            return failTensor(name, "has data_offsets " + offsetsIt->dump() +
                                        " that are not non-negative integers" + kCorruptSuffix);
        if (*begin > *end)
            return failTensor(name, "has data_offsets [" + std::to_string(*begin) + ", " + std::to_string(*end) +
                                        "] whose begin is after its end" + kCorruptSuffix);
        if (*end > m_dataSize)
            return failTensor(name, "has data_offsets [" + std::to_string(*begin) + ", " + std::to_string(*end) +
                                        "] past the end of the data (" + std::to_string(m_dataSize) +
                                        " bytes); the file may be truncated");
        if (declaredBytes != *end - *begin)
            return failTensor(name, "declares " + shapeText(layout.shape) + " " + dtypeName + " (" +
                                        std::to_string(declaredBytes) + " bytes) but its data_offsets span " +
                                        std::to_string(*end - *begin) + " bytes" + kCorruptSuffix);
        if (!dtype->stored)
            return failTensor(name, "has dtype " + dtypeName +
                                        ", which libtorch cannot hold; convert the file to F32, F16 or BF16");
        layout.dtype = *dtype->stored;
        layout.begin = *begin;
        layout.end = *end;
        return layout;
    }

    // The data must be exactly the tensors laid end to end: no gaps, no overlaps, no trailing bytes.
    Status coverage(std::vector<EntryLayout>& layouts) const {
        std::sort(layouts.begin(), layouts.end(), [](const EntryLayout& a, const EntryLayout& b) {
            return std::tie(a.begin, a.end, a.name) < std::tie(b.begin, b.end, b.name);
        });
        std::uint64_t expected = 0;
        const EntryLayout* previous = nullptr;
        for (const EntryLayout& layout : layouts) {
            if (layout.begin < expected)
                return failTensor(layout.name, "overlaps tensor '" + previous->name + "' (bytes " +
                                                   std::to_string(layout.begin) + " to " + std::to_string(expected) +
                                                   ")" + kCorruptSuffix);
            if (layout.begin > expected)
                return fail("the data has a gap of " + std::to_string(layout.begin - expected) +
                            " bytes before tensor '" + layout.name + "' (offsets must be contiguous from 0)" +
                            kCorruptSuffix);
            expected = layout.end;
            if (layout.end > layout.begin) previous = &layout;
        }
        if (expected != m_dataSize)
            return fail("the tensors do not cover the data: " + std::to_string(m_dataSize - expected) +
                        " trailing bytes after byte " + std::to_string(expected) + " belong to no tensor" +
                        kCorruptSuffix);
        return Status::success();
    }

private:
    std::string m_file;
    std::uint64_t m_dataSize;
};

std::uint64_t readLittleEndian64(const std::byte* bytes) {
    std::uint64_t value = 0;
    std::memcpy(&value, bytes, sizeof value);
    return value;
}

Result<TensorFile> parse(std::span<const std::byte> bytes, const std::string& file) {
    const HeaderValidator prelude(file, 0);
    if (bytes.size() < 8)
        return prelude.fail("is too short to be a safetensors file (" + std::to_string(bytes.size()) +
                            " bytes; the header length alone takes 8)");
    const std::uint64_t headerLength = readLittleEndian64(bytes.data());
    if (headerLength > kMaxSafetensorsHeaderBytes)
        return prelude.fail("header length " + std::to_string(headerLength) + " bytes exceeds the cap of " +
                            std::to_string(kMaxSafetensorsHeaderBytes) +
                            " bytes; this is not a safetensors file or it is corrupt");
    if (headerLength > bytes.size() - 8)
        return prelude.fail("header length " + std::to_string(headerLength) + " bytes exceeds the file size (" +
                            std::to_string(bytes.size()) + " bytes); the file is truncated or not a safetensors file");

    const std::string_view headerText(reinterpret_cast<const char*>(bytes.data() + 8), headerLength);
    if (headerNesting(headerText) > kMaxHeaderNesting)
        return prelude.fail("header JSON is nested more than " + std::to_string(kMaxHeaderNesting) +
                            " levels deep" + kCorruptSuffix);
    auto parsed = parseUntrustedJson(headerText, "header");
    if (!parsed) {
        std::string message = parsed.error();
        if (!message.empty() && message.back() == '.') message.pop_back();
        return prelude.fail(message + kCorruptSuffix);
    }
    nlohmann::json header = std::move(*parsed);
    if (!header.is_object())
        return prelude.fail(std::string("header is a JSON ") + header.type_name() +
                            ", not an object mapping tensor names to descriptions" + kCorruptSuffix);

    const std::span<const std::byte> data = bytes.subspan(8 + headerLength);
    const HeaderValidator validator(file, data.size());
    TensorFile result;
    std::vector<EntryLayout> layouts;
    layouts.reserve(header.size());
    for (const auto& [name, value] : header.items()) {
        if (name == kMetadataKey) {
            if (!value.is_object())
                return validator.fail(std::string("__metadata__ is a JSON ") + value.type_name() +
                                      ", not an object of strings" + kCorruptSuffix);
            for (const auto& [key, text] : value.items()) {
                if (!text.is_string())
                    return validator.fail("__metadata__ value '" + key + "' is a JSON " + text.type_name() +
                                          ", but metadata values must be strings" + kCorruptSuffix);
                result.metadata.emplace(key, text.get<std::string>());
            }
            continue;
        }
        Result<EntryLayout> layout = validator.entry(name, value);
        if (!layout) return makeError(layout.error());
        layouts.push_back(std::move(layout).value());
    }
    if (Status covered = validator.coverage(layouts); !covered) return makeError(covered.error());

    // Everything is validated: every size below is bounded by the bytes actually present.
    try {
        for (const EntryLayout& layout : layouts) {
            // Bools are filled as bytes and then normalised: a byte other than 0 or 1 is not a valid torch bool.
            const torch::ScalarType fillType =
                layout.dtype == StoredDtype::BOOL ? torch::kUInt8 : torchType(layout.dtype);
            torch::Tensor tensor = torch::empty(layout.shape, torch::TensorOptions().dtype(fillType));
            if (layout.end > layout.begin)
                std::memcpy(tensor.data_ptr(), data.data() + layout.begin, layout.end - layout.begin);
            if (layout.dtype == StoredDtype::F16 || layout.dtype == StoredDtype::BF16)
                tensor = tensor.to(torch::kFloat32);
            if (layout.dtype == StoredDtype::BOOL) tensor = tensor.ne(0);
            result.tensors.emplace(layout.name, std::move(tensor));
            result.storedDtypes.emplace(layout.name, layout.dtype);
        }
    } catch (const std::exception& e) {
        return makeError(file + ": could not create the tensors (" + e.what() + ")");
    }
    return result;
}

Error writeError(const std::string& path, const std::string& problem) {
    return makeError("Could not write " + path + ": " + problem);
}

} // namespace

const char* toString(StoredDtype dtype) {
    for (const DtypeInfo& info : kDtypes) {
        if (info.stored == dtype) return info.name;
    }
    return "?";
}

std::size_t byteSize(StoredDtype dtype) {
    for (const DtypeInfo& info : kDtypes) {
        if (info.stored == dtype) return info.size;
    }
    return 0;
}

Result<TensorFile> readSafetensorsFromBytes(std::span<const std::byte> bytes, const std::string& displayName) {
    try {
        return parse(bytes, displayName);
    } catch (const std::exception& e) {
        return makeError(displayName + ": could not be read (" + e.what() + ")");
    }
}

Result<TensorFile> readSafetensors(const std::string& path) {
    if (Status regular = checkRegularFile(path, "the model"); !regular) return Error{regular.error()};
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(path + ": cannot open the file (" + std::strerror(errno) + ")");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size < 0 || !in) return makeError(path + ": cannot determine the file size");
    // Left uninitialised on purpose (new[] rather than vector::resize): the read overwrites every
    // byte, and zero-filling hundreds of MB first would cost a noticeable part of the load time.
    std::unique_ptr<std::byte[]> buffer;
    const auto byteCount = static_cast<std::size_t>(size);
    try {
        buffer.reset(new std::byte[byteCount]);
    } catch (const std::bad_alloc&) {
        return makeError(path + ": the file (" + std::to_string(size) + " bytes) does not fit in memory");
    }
    if (!in.read(reinterpret_cast<char*>(buffer.get()), size) || in.gcount() != size)
        return makeError(path + ": reading failed after " + std::to_string(in.gcount()) + " of " +
                         std::to_string(size) + " bytes");
    const std::span<const std::byte> bytes(buffer.get(), byteCount);
    return readSafetensorsFromBytes(bytes, path);
}

Status checkTensorsFinite(const std::map<std::string, torch::Tensor>& tensors, const std::string& displayName)
{
    for (const auto& [name, tensor] : tensors) {
        if (tensor.is_floating_point() && !torch::isfinite(tensor).all().item<bool>())
            return makeError(displayName + ": tensor \"" + name
                             + "\" holds NaN or infinite values — the file is damaged or training diverged");
    }
    return Status::success();
}

Status writeSafetensors(const std::string& path, const std::map<std::string, torch::Tensor>& tensors,
                        const std::map<std::string, std::string>& metadata, const SafetensorsWriteOptions& options) {
    if (!isFloating(options.dtype))
        return writeError(path, std::string("floating tensors cannot be stored as ") + toString(options.dtype) +
                                    "; choose F32, F16, BF16 or F64");
    try {
        // Convert first so that a bad tensor fails before anything touches the disk.
        std::vector<std::pair<const std::string*, torch::Tensor>> stored;
        stored.reserve(tensors.size());
        nlohmann::json header = nlohmann::json::object();
        std::uint64_t offset = 0;
        for (const auto& [name, tensor] : tensors) {  // std::map: sorted by name
            if (name == kMetadataKey) return writeError(path, "a tensor may not be named __metadata__");
            if (!tensor.defined()) return writeError(path, "tensor '" + name + "' is undefined");
            std::optional<StoredDtype> dtype = storedDtypeFor(tensor.scalar_type());
            if (!dtype)
                return writeError(path, "tensor '" + name + "' has dtype " +
                                            std::string(c10::toString(tensor.scalar_type())) +
                                            ", which safetensors cannot store here");
            if (isFloating(*dtype)) dtype = options.dtype;
            torch::Tensor cpu = tensor.detach().to(torch::kCPU, torchType(*dtype)).contiguous();
            const std::uint64_t bytes = static_cast<std::uint64_t>(cpu.numel()) * byteSize(*dtype);
            header[name] = {{"dtype", toString(*dtype)}, {"shape", cpu.sizes().vec()},
                            {"data_offsets", {offset, offset + bytes}}};
            offset += bytes;
            stored.emplace_back(&name, std::move(cpu));
        }
        if (!metadata.empty()) header[kMetadataKey] = metadata;

        std::string headerText = header.dump();
        headerText.append((8 - headerText.size() % 8) % 8, ' ');
        const std::uint64_t headerLength = headerText.size();

        // One buffer, then the project's atomic writer (lscore/atomic_file.h): a full disk or a
        // crash leaves the old file, and devices, FIFOs and folders are never renamed over.
        std::vector<std::uint8_t> bytes(sizeof headerLength + headerText.size() + offset);
        std::uint8_t* at = bytes.data();
        std::memcpy(at, &headerLength, sizeof headerLength);
        at += sizeof headerLength;
        std::memcpy(at, headerText.data(), headerText.size());
        at += headerText.size();
        for (const auto& [name, tensor] : stored) {
            std::memcpy(at, tensor.data_ptr(), tensor.nbytes());
            at += tensor.nbytes();
        }
        if (Status written = writeFileAtomic(path, bytes); !written) return written;   // names the path and why
    } catch (const std::exception& e) {
        return writeError(path, e.what());
    }
    return Status::success();
}

} // namespace lscore
