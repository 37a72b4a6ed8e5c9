#include "storage_blob.h"

#include <algorithm>
#include <array>
#include <limits>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "pickle_machine.h"

namespace lscore::pickle {

namespace {

constexpr std::array<StorageType, 10> kStorageTypes = {{
    {"FloatStorage", torch::kFloat, 4},   {"HalfStorage", torch::kHalf, 2},
    {"BFloat16Storage", torch::kBFloat16, 2}, {"DoubleStorage", torch::kDouble, 8},
    {"LongStorage", torch::kLong, 8},     {"IntStorage", torch::kInt, 4},
    {"ShortStorage", torch::kShort, 2},   {"CharStorage", torch::kChar, 1},
    {"ByteStorage", torch::kByte, 1},     {"BoolStorage", torch::kBool, 1},
}};

constexpr int kStorageRefTag = 1;

// The storage pickle inside a blob may name storage types and carry one persistent id; nothing else.
class StorageHooks : public PickleHooks {
public:
    std::uint32_t resolveGlobal(std::string_view module, std::string_view name) override
    {
        if (module == "torch")
            if (const StorageType* type = findStorageType(name)) return storageTypeIndex(*type);
        throw PickleError("the storage blob references the global '" + std::string(module) + "." + std::string(name)
                          + "'; only torch storage types (torch.FloatStorage, ...) may appear there");
    }

    Value call(Machine&, std::uint32_t globalId, const Value&) override
    {
        throw PickleError("the storage blob calls torch." + std::string(storageTypeAt(globalId).name)
                          + "; storage blobs never call anything");
    }

    // ('storage', torch.FloatStorage, key, location, numel[, view_metadata])
    Value persistentLoad(Machine& machine, const Value& id) override
    {
        const PersistentStorage storage = readPersistentStorage(machine, id, 0);
        return machine.newObject(kStorageRefTag, storageTypeIndex(*storage.type), {storage.key, storage.numel});
    }
};

MachineLimits blobLimits()
{
    MachineLimits limits;
    limits.allocationBudgetBytes = 1u << 20;   // the storage pickles are a few hundred bytes
    limits.maxMarkDepth = 16;
    limits.maxMemoEntries = 256;
    return limits;
}

struct StorageReference {
    const StorageType* type = nullptr;
    std::string key;
    std::int64_t numel = 0;
};

StorageReference storageReference(Machine& machine, const Value& value)
{
    if (value.kind != Kind::Object || machine.node(value).tag != kStorageRefTag)
        throw PickleError("the storage blob holds " + machine.describe(value) + " instead of a storage");
    const Node& node = machine.node(value);
    StorageReference ref;
    ref.type = &storageTypeAt(static_cast<std::uint32_t>(node.aux));
    ref.key = std::string(node.items[0].text());
    ref.numel = node.items[1].integer;
    return ref;
}

StorageBlob makeBlob(const StorageReference& ref, std::span<const std::byte> data)
{
    const auto numel = static_cast<std::uint64_t>(ref.numel);
    if (numel > data.size() / ref.type->elementSize || numel * ref.type->elementSize != data.size())
        throw PickleError("storage declares " + std::to_string(numel) + " elements of "
                          + std::to_string(ref.type->elementSize) + " bytes but holds "
                          + std::to_string(data.size()) + " bytes");
    StorageBlob blob;
    blob.dtype = ref.type->dtype;
    blob.elementSize = ref.type->elementSize;
    blob.numel = ref.numel;
    blob.data = data;
    return blob;
}

// Legacy torch.save: five pickles, then for each storage key: int64 element count + raw elements.
StorageBlob decodeLegacy(std::span<const std::byte> blob)
{
    StorageHooks hooks;
    Machine machine(hooks, blobLimits());
    std::size_t offset = 0;
    readLegacyHeader(machine, blob, offset);
    const StorageReference ref = storageReference(machine, machine.load(blob, offset));
    const Value keys = machine.load(blob, offset);
    if (keys.kind != Kind::List) throw PickleError("the storage blob's key list is not a list");

    std::optional<StorageBlob> found;
    for (const Value& key : machine.node(keys).items) {
        if (key.kind != Kind::String) throw PickleError("a storage key is not a string");
        const auto count = readLittle<std::int64_t>(blob, offset);
        offset += 8;
        if (count < 0 || static_cast<std::uint64_t>(count) > (blob.size() - offset) / ref.type->elementSize)
            throw PickleError("storage record declares " + std::to_string(count) + " elements but only "
                              + std::to_string(blob.size() - offset) + " bytes remain (truncated blob)");
        const std::size_t bytes = static_cast<std::size_t>(count) * ref.type->elementSize;
        if (key.text() == ref.key && !found) {
            if (count != ref.numel)
                throw PickleError("storage record holds " + std::to_string(count) + " elements, its reference says "
                                  + std::to_string(ref.numel));
            found = makeBlob(ref, blob.subspan(offset, bytes));
        }
        offset += bytes;
    }
    if (!found) throw PickleError("the storage blob has no record for its storage key '" + ref.key + "'");
    return *found;
}

StorageBlob decodeZip(std::span<const std::byte> blob)
{
    const auto entries = readStoredZip(blob, 64);
    const ZipEntry* pickleEntry = findZipEntry(entries, "data.pkl");
    if (!pickleEntry) throw PickleError("zip storage blob has no data.pkl");
    checkZipByteOrder(entries);

    StorageHooks hooks;
    Machine machine(hooks, blobLimits());
    std::size_t offset = 0;
    const StorageReference ref = storageReference(machine, machine.load(pickleEntry->data, offset));
    const ZipEntry* dataEntry = findZipEntry(entries, "data/" + ref.key);
    if (!dataEntry) throw PickleError("zip storage blob has no record data/" + ref.key);
    return makeBlob(ref, dataEntry->data);
}

} // namespace

PersistentStorage readPersistentStorage(const Machine& machine, const Value& id, std::uint32_t firstTypeGlobal)
{
    if (id.kind != Kind::Tuple) throw PickleError("persistent id is " + machine.describe(id) + ", not a tuple");
    const auto& items = machine.node(id).items;
    if (items.size() < 5 || items.size() > 6 || items[0].kind != Kind::String || items[0].text() != "storage")
        throw PickleError("persistent id is not ('storage', type, key, location, numel)");
    if (items[1].kind != Kind::Global || items[1].ref < firstTypeGlobal || items[1].ref - firstTypeGlobal >= kStorageTypes.size())
        throw PickleError("persistent id names no storage type");
    if (items[2].kind != Kind::String || items[2].size > 64) throw PickleError("storage key is not a short string");
    if (items[4].kind != Kind::Int || items[4].integer < 0) throw PickleError("storage element count is not a count");
    if (items.size() == 6 && !items[5].isNone()) throw PickleError("storage views (view_metadata) are not supported");
    return {&kStorageTypes[items[1].ref - firstTypeGlobal], items[2], items[4]};
}

const StorageType* findStorageType(std::string_view name)
{
    for (const StorageType& type : kStorageTypes)
        if (type.name == name) return &type;
    return nullptr;
}

std::uint32_t storageTypeIndex(const StorageType& type)
{
    return static_cast<std::uint32_t>(&type - kStorageTypes.data());
}

const StorageType& storageTypeAt(std::uint32_t index) { return kStorageTypes.at(index); }

void readLegacyHeader(Machine& machine, std::span<const std::byte> bytes, std::size_t& offset)
{
    // 0x1950a86a20f9469cfc6c, little-endian, as pickled with LONG1.
    static constexpr std::array<unsigned char, 10> kMagic = {0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
    const Value magic = machine.load(bytes, offset);
    if (magic.kind != Kind::BigInt || magic.size != kMagic.size() || std::memcmp(magic.data, kMagic.data(), kMagic.size()) != 0)
        throw PickleError("it does not start with torch.save's magic number");
    const Value protocol = machine.load(bytes, offset);
    if (protocol.kind != Kind::Int || protocol.integer != 1001) throw PickleError("its torch.save protocol version is not 1001");
    const Value sysInfo = machine.load(bytes, offset);
    if (sysInfo.kind != Kind::Dict) throw PickleError("its torch.save system information is not a dict");
    if (const Value* little = machine.dictFind(sysInfo, "little_endian"); little && (little->kind != Kind::Bool || !little->integer))
        throw PickleError("it was saved on a big-endian machine, which is not supported");
}

bool looksLikeZip(std::span<const std::byte> bytes)
{
    return bytes.size() >= 4 && bytes[0] == std::byte{'P'} && bytes[1] == std::byte{'K'} && bytes[2] == std::byte{3}
           && bytes[3] == std::byte{4};
}

// The zip container is read here rather than through a zip library: torch.save only ever stores
// entries, so the whole format needed is the end record, the directory and the local headers, and
// each is checked against the bytes present before it is used.
std::vector<ZipEntry> readStoredZip(std::span<const std::byte> zip, std::size_t maxEntries)
{
    constexpr std::size_t kEocdSize = 22;
    if (zip.size() < kEocdSize) throw PickleError("the zip archive is too short");
    std::size_t eocd = std::string::npos;
    const std::size_t lowest = zip.size() > kEocdSize + 0xFFFF ? zip.size() - kEocdSize - 0xFFFF : 0;
    for (std::size_t at = zip.size() - kEocdSize + 1; at-- > lowest;) {
        if (readLittle<std::uint32_t>(zip, at) == 0x06054b50) { eocd = at; break; }
    }
    if (eocd == std::string::npos) throw PickleError("the zip archive has no end-of-directory record");
    const auto entryCount = readLittle<std::uint16_t>(zip, eocd + 10);
    const auto directorySize = readLittle<std::uint32_t>(zip, eocd + 12);
    const auto directoryOffset = readLittle<std::uint32_t>(zip, eocd + 16);
    if (entryCount == 0xFFFF || directoryOffset == 0xFFFFFFFFu) throw PickleError("zip64 archives are not supported");
    if (entryCount > maxEntries) throw PickleError("the zip archive has more entries than its contents can need");
    if (directoryOffset > eocd || directorySize > eocd - directoryOffset)
        throw PickleError("the zip archive's directory lies outside the archive");

    std::vector<ZipEntry> entries;
    std::size_t at = directoryOffset;
    for (std::size_t i = 0; i < entryCount; ++i) {
        if (readLittle<std::uint32_t>(zip, at) != 0x02014b50) throw PickleError("corrupt zip directory entry");
        const auto method = readLittle<std::uint16_t>(zip, at + 10);
        const auto compressed = readLittle<std::uint32_t>(zip, at + 20);
        const auto uncompressed = readLittle<std::uint32_t>(zip, at + 24);
        const auto nameLength = readLittle<std::uint16_t>(zip, at + 28);
        const auto extraLength = readLittle<std::uint16_t>(zip, at + 30);
        const auto commentLength = readLittle<std::uint16_t>(zip, at + 32);
        const auto localOffset = readLittle<std::uint32_t>(zip, at + 42);
        if (static_cast<std::size_t>(nameLength) > zip.size() - std::min(zip.size(), at + 46)) throw PickleError("corrupt zip entry name");
        std::string name(reinterpret_cast<const char*>(zip.data() + at + 46), nameLength);
        at += 46 + static_cast<std::size_t>(nameLength) + extraLength + commentLength;
        if (method != 0 || compressed != uncompressed)
            throw PickleError("zip entry '" + name + "' is compressed; torch.save stores entries uncompressed");
        if (readLittle<std::uint32_t>(zip, localOffset) != 0x04034b50) throw PickleError("corrupt zip local header");
        const std::size_t dataStart = static_cast<std::size_t>(localOffset) + 30
                                      + readLittle<std::uint16_t>(zip, localOffset + 26)
                                      + readLittle<std::uint16_t>(zip, localOffset + 28);
        if (dataStart > zip.size() || compressed > zip.size() - dataStart)
            throw PickleError("zip entry '" + name + "' lies outside the archive");
        entries.push_back({std::move(name), zip.subspan(dataStart, compressed)});
    }
    return entries;
}

const ZipEntry* findZipEntry(const std::vector<ZipEntry>& entries, std::string_view suffix)
{
    for (const ZipEntry& entry : entries) {
        const std::string_view name = entry.name;
        if (name.size() > suffix.size() && name.ends_with(suffix) && name[name.size() - suffix.size() - 1] == '/'
            && name.find('/') == name.size() - suffix.size() - 1)
            return &entry;
    }
    return nullptr;
}

void checkZipByteOrder(const std::vector<ZipEntry>& entries)
{
    if (const ZipEntry* order = findZipEntry(entries, "byteorder");
        order && std::string_view(reinterpret_cast<const char*>(order->data.data()), order->data.size()) != "little")
        throw PickleError("big-endian tensor data is not supported");
}

namespace {

constexpr std::size_t kMaxTensorDims = 16;
constexpr std::int64_t kMaxDimension = std::int64_t{1} << 40;

std::vector<std::int64_t> intTuple(const Machine& machine, const Value& value, const char* what)
{
    if (value.kind != Kind::Tuple && value.kind != Kind::List)
        throw PickleError(std::string("tensor ") + what + " is " + machine.describe(value) + ", not a tuple");
    const auto& items = machine.node(value).items;
    if (items.size() > kMaxTensorDims) throw PickleError(std::string("tensor ") + what + " has too many dimensions");
    std::vector<std::int64_t> out;
    for (const Value& item : items) {
        if (item.kind != Kind::Int || item.integer < 0 || item.integer > kMaxDimension)
            throw PickleError(std::string("tensor ") + what + " holds " + machine.describe(item));
        out.push_back(item.integer);
    }
    return out;
}

} // namespace

TensorView readTensorView(const Machine& machine, const Value& offset, const Value& size, const Value& stride,
                          std::int64_t storageNumel)
{
    if (offset.kind != Kind::Int || offset.integer < 0) throw PickleError("a tensor's storage offset is invalid");
    TensorView view;
    view.offset = offset.integer;
    view.sizes = intTuple(machine, size, "size");
    view.strides = intTuple(machine, stride, "stride");
    if (view.sizes.size() != view.strides.size()) throw PickleError("a tensor's size and stride disagree in length");
    // Sizes are ≤ 2^40 and at most 16 dims, so checked 64-bit sums cannot be fooled by wrap-around.
    bool empty = false;
    bool overflow = false;
    std::uint64_t lastIndex = static_cast<std::uint64_t>(view.offset);
    for (std::size_t d = 0; d < view.sizes.size(); ++d) {
        if (view.sizes[d] == 0) { empty = true; continue; }
        std::uint64_t step = 0;
        overflow |= __builtin_mul_overflow(static_cast<std::uint64_t>(view.sizes[d] - 1),
                                           static_cast<std::uint64_t>(view.strides[d]), &step);
        overflow |= __builtin_add_overflow(lastIndex, step, &lastIndex);
    }
    if (!empty && (overflow || lastIndex >= static_cast<std::uint64_t>(storageNumel)))
        throw PickleError("a tensor's size × stride reaches beyond its storage of " + std::to_string(storageNumel)
                          + " elements");
    return view;
}

torch::Tensor materializeTensor(const StorageBlob& storage, const TensorView& view, const std::string& name,
                                std::size_t& byteBudget)
{
    std::int64_t numel = 1;
    bool contiguous = true;
    std::int64_t expectedStride = 1;
    for (std::size_t d = view.sizes.size(); d-- > 0;) {
        if (view.sizes[d] != 0 && numel > std::numeric_limits<std::int64_t>::max() / std::max<std::int64_t>(view.sizes[d], 1))
            throw PickleError("tensor '" + name + "' is too large");
        numel *= view.sizes[d];
        if (view.sizes[d] != 1 && view.strides[d] != expectedStride) contiguous = false;
        expectedStride *= view.sizes[d];
    }
    std::uint64_t outBytes = 0;
    if (__builtin_mul_overflow(static_cast<std::uint64_t>(numel), std::uint64_t{sizeof(float)}, &outBytes) || outBytes > byteBudget)
        throw PickleError("tensor '" + name + "' and the ones before it need more memory than the file holds "
                          "(storages shared many times?)");
    byteBudget -= static_cast<std::size_t>(outBytes);
    const auto floatOptions = torch::TensorOptions().dtype(torch::kFloat);
    if (numel == 0) return torch::empty(view.sizes, floatOptions);

    const std::size_t firstByte = static_cast<std::size_t>(view.offset) * storage.elementSize;
    if (contiguous && storage.dtype == torch::kFloat) {
        torch::Tensor out = torch::empty(view.sizes, floatOptions);
        std::memcpy(out.data_ptr(), storage.data.data() + firstByte, static_cast<std::size_t>(numel) * sizeof(float));
        return out;
    }
    // Copy the span the view touches into an aligned buffer of the stored dtype, then view and convert.
    std::int64_t extent = 1;
    for (std::size_t d = 0; d < view.sizes.size(); ++d) extent += (view.sizes[d] - 1) * view.strides[d];
    torch::Tensor raw = torch::empty({extent}, torch::TensorOptions().dtype(storage.dtype));
    std::memcpy(raw.data_ptr(), storage.data.data() + firstByte, static_cast<std::size_t>(extent) * storage.elementSize);
    return raw.as_strided(view.sizes, view.strides).to(torch::kFloat).contiguous();
}

StorageBlob decodeStorageBlob(std::span<const std::byte> blob)
{
    if (looksLikeZip(blob)) return decodeZip(blob);
    if (blob.size() >= 2 && blob[0] == std::byte{0x80})
        return decodeLegacy(blob);
    throw PickleError("the storage blob is neither a zip nor a legacy torch.save stream");
}

} // namespace lscore::pickle
