// The code-free NVlabs snapshot reader: fixtures load bit-exactly, hostile files are refused with a
// clear message and without crashing, and opening costs about as much as reading the bytes.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include "lscore/safetensors.h"
#include "lscore/snapshot_pickle.h"
#include "lscore/torch_state_dict.h"

namespace {

const QString kData = QStringLiteral(LSTUDIO_TEST_DATA);

std::vector<std::byte> readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    const auto size = static_cast<std::size_t>(in.tellg());
    std::vector<std::byte> bytes(size);
    in.seekg(0);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
    return bytes;
}

std::string dataPath(const char* relative)
{
    return (kData + QLatin1Char('/') + QString::fromUtf8(relative)).toStdString();
}

bool bitwiseEqual(const torch::Tensor& a, const torch::Tensor& b)
{
    if (a.sizes() != b.sizes() || a.scalar_type() != b.scalar_type()) return false;
    const auto ca = a.contiguous();
    const auto cb = b.contiguous();
    return std::memcmp(ca.data_ptr(), cb.data_ptr(), static_cast<std::size_t>(ca.nbytes())) == 0;
}

// Writes NVlabs-shaped snapshots (persistent objects, legacy storage blobs) for the speed check.
class SnapshotWriter {
public:
    std::string out = std::string("\x80\x04", 2);

    void str(const std::string& text)
    {
        out += 'X';
        appendLittle<std::uint32_t>(static_cast<std::uint32_t>(text.size()));
        out += text;
    }
    void integer(std::int32_t value) { out += 'J'; appendLittle(value); }
    void global(const std::string& module, const std::string& name) { str(module); str(name); out += '\x93'; }
    void orderedDictBegin() { global("collections", "OrderedDict"); out += ")R("; }
    void tensor(const std::vector<std::int32_t>& sizes, std::uint32_t seed)
    {
        std::int64_t numel = 1;
        for (auto s : sizes) numel *= s;
        std::string blob = legacyBlob(numel, seed);
        global("torch._utils", "_rebuild_tensor_v2");
        out += '(';
        global("torch.storage", "_load_from_bytes");
        out += 'B';
        appendLittle<std::uint32_t>(static_cast<std::uint32_t>(blob.size()));
        out += blob;
        out += "\x85R";
        integer(0);
        out += '(';
        for (auto s : sizes) integer(s);
        out += "t(";
        std::int64_t stride = numel;
        for (auto s : sizes) { stride /= s; integer(static_cast<std::int32_t>(stride)); }
        out += "t\x89";
        orderedDictBegin();
        out += "utR";
    }
    // One persistent module holding `tensors` parameters of the given shape.
    void network(int tensors, const std::vector<std::int32_t>& shape)
    {
        global("torch_utils.persistence", "_reconstruct_persistent_obj");
        out += "}(";
        str("type"); str("class");
        str("version"); integer(6);
        str("module_src"); str("# omitted\n");
        str("class_name"); str("Generator");
        str("state"); out += "}(";
        str("_parameters"); orderedDictBegin();
        for (int i = 0; i < tensors; ++i) {
            std::string name = "w";
            name += std::to_string(i);
            str(name);
            tensor(shape, static_cast<std::uint32_t>(i));
        }
        out += 'u';
        str("_init_kwargs"); out += "}("; str("z_dim"); integer(512); str("img_resolution"); integer(1024); out += 'u';
        out += "uu\x85R";
    }

    // A hostile snapshot whose modules form a DAG: module k holds module k-1 twice through the memo,
    // so `depth` levels reach the leaf 2^depth times in a file of a few KB.
    void moduleDag(int depth)
    {
        auto module = [&](bool top, int child) {
            global("torch_utils.persistence", "_reconstruct_persistent_obj");
            out += "}(";
            str("type"); str("class");
            str("class_name"); str("Layer");
            str("state"); out += "}(";
            if (top) { str("_init_kwargs"); out += "}("; str("z_dim"); integer(8); str("img_resolution"); integer(16); out += 'u'; }
            str("_modules"); out += "}(";
            if (child >= 0) {
                str("a"); out += 'h'; out += static_cast<char>(child);
                str("b"); out += 'h'; out += static_cast<char>(child);
            }
            out += "uuu\x85R";
        };
        out += "}(";
        str("G_ema");
        module(false, -1);
        out += "\x94" "0";   // MEMOIZE (memo 0 is the leaf), POP
        for (int k = 1; k <= depth; ++k) {
            module(k == depth, k - 1);
            if (k < depth) out += "\x94" "0";
        }
        out += "u.";
    }

private:
    template <typename T>
    void appendLittle(T value) { out.append(reinterpret_cast<const char*>(&value), sizeof(T)); }

    static std::string legacyBlob(std::int64_t numel, std::uint32_t seed)
    {
        const auto text = [](std::string& b, const std::string& t) {
            const auto n = static_cast<std::uint32_t>(t.size());
            b += 'X';
            b.append(reinterpret_cast<const char*>(&n), 4);
            b += t;
        };
        static constexpr unsigned char kMagic[] = {0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
        std::string b = "\x80\x02\x8a";
        b += static_cast<char>(10);
        b.append(reinterpret_cast<const char*>(kMagic), 10);
        b += ".\x80\x02M\xe9\x03.\x80\x02}.\x80\x02(";   // magic, protocol 1001, sys info, storage id
        text(b, "storage");
        b += "ctorch\nFloatStorage\n";
        text(b, "k");
        text(b, "cpu");
        const auto n32 = static_cast<std::int32_t>(numel);
        b += 'J';
        b.append(reinterpret_cast<const char*>(&n32), 4);
        b += "NtQ.\x80\x02]";                                  // key list
        text(b, "k");
        b += "a.";
        b.append(reinterpret_cast<const char*>(&numel), 8);
        std::vector<float> values(static_cast<std::size_t>(numel));
        std::mt19937 rng(seed);
        for (auto& v : values) v = static_cast<float>(rng()) * 1e-9f;
        b.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
        return b;
    }
};

double secondsOf(const std::function<void()>& work, int repeats)
{
    double best = 1e30;
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        work();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

} // namespace

class TestSnapshotPickle : public QObject {
    Q_OBJECT

private slots:
    void fixturesMatchTheirTwinsBitwise_data();
    void fixturesMatchTheirTwinsBitwise();
    void zipAndStridedStoragesLoad();
    void hostileFilesAreRefused_data();
    void hostileFilesAreRefused();
    void everyTruncationIsRefused();
    void corruptedBytesNeverCrash();
    void missingFileIsAnError();
    void styleGan3IsToldApart();
    void sharedModulesCannotMultiplyWork();
    void classNamesSideFiles();
    void stateDictFilesOfBothFormatsRead_data();
    void stateDictFilesOfBothFormatsRead();
    void stateDictTruncationsAndFlipsAreRefused();
    void openingCostsAboutOneReadOfTheBytes();
};

void TestSnapshotPickle::fixturesMatchTheirTwinsBitwise_data()
{
    QTest::addColumn<QString>("stem");
    QTest::addColumn<int>("cDim");
    QTest::newRow("uncond-32") << QStringLiteral("stylegan2-uncond-32") << 0;
    QTest::newRow("cond-64") << QStringLiteral("stylegan2-cond-64") << 1;
}

void TestSnapshotPickle::fixturesMatchTheirTwinsBitwise()
{
    QFETCH(QString, stem);
    QFETCH(int, cDim);
    const std::string base = (kData + QLatin1Char('/') + stem).toStdString();
    auto snapshot = lscore::readNvlabsSnapshot(base + ".pkl");
    QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().c_str());
    auto twin = lscore::readSafetensors(base + ".safetensors");
    QVERIFY2(twin.ok(), twin.ok() ? "" : twin.error().c_str());

    std::size_t compared = 0;
    for (const auto& [name, expected] : twin->tensors) {
        if (name.rfind("io.", 0) == 0) continue;
        const auto found = snapshot->tensors.find(name);
        QVERIFY2(found != snapshot->tensors.end(), ("missing tensor " + name).c_str());
        QCOMPARE(found->second.scalar_type(), torch::kFloat);
        QVERIFY2(bitwiseEqual(found->second, expected), ("tensor differs: " + name).c_str());
        ++compared;
    }
    QCOMPARE(snapshot->tensors.size(), compared);   // nothing extra either
    QCOMPARE(snapshot->networkClass, std::string("Generator"));

    // Every architecture setting the twin records is what the snapshot's _init_kwargs say.
    const auto twinKwargs = nlohmann::json::parse(twin->metadata.at("init_kwargs"));
    for (const auto& [key, value] : twinKwargs.items()) {
        QVERIFY2(snapshot->initKwargs.contains(key), ("init_kwargs lacks " + key).c_str());
        QVERIFY2(snapshot->initKwargs[key] == value, ("init_kwargs." + key + " = " + snapshot->initKwargs[key].dump()
                                                       + ", twin says " + value.dump()).c_str());
    }
    QCOMPARE(snapshot->initKwargs.value("c_dim", -1) > 0, cDim > 0);
}

void TestSnapshotPickle::zipAndStridedStoragesLoad()
{
    // Storage element k holds k * 0.5.
    auto zip = lscore::readNvlabsSnapshot(dataPath("hostile/valid_zip_storage.pkl"));
    QVERIFY2(zip.ok(), zip.ok() ? "" : zip.error().c_str());
    const torch::Tensor weight = zip->tensors.at("mapping.weight");
    QCOMPARE(weight.sizes(), torch::IntArrayRef({2, 4}));
    QVERIFY(torch::equal(weight, torch::arange(8, torch::kFloat).reshape({2, 4}) * 0.5));
    QCOMPARE(zip->initKwargs.value("z_dim", 0), 4);

    // A [2,3] view with strides (1,2) at offset 1: element (i,j) = storage[1 + i + 2j].
    auto strided = lscore::readNvlabsSnapshot(dataPath("hostile/valid_strided_legacy.pkl"));
    QVERIFY2(strided.ok(), strided.ok() ? "" : strided.error().c_str());
    const torch::Tensor view = strided->tensors.at("mapping.weight");
    const torch::Tensor expected = torch::tensor({{1.0f, 3.0f, 5.0f}, {2.0f, 4.0f, 6.0f}}) * 0.5;
    QVERIFY(view.is_contiguous());
    QVERIFY(torch::equal(view, expected));
}

void TestSnapshotPickle::hostileFilesAreRefused_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* file, const char* expected) {
        QTest::newRow(file) << QString::fromUtf8(file) << QString::fromUtf8(expected);
    };
    row("os_system_global.pkl", "refused the global 'os.system'");
    row("builtins_eval_global.pkl", "refused the global 'builtins.eval'");
    row("posix_system_stack_global.pkl", "refused the global 'posix.system'");
    row("unknown_module.pkl", "refused the global 'totally_unknown.module.Thing'");
    row("subprocess_in_init_kwargs.pkl", "refused the global 'subprocess.Popen'");
    row("recursion_bomb_marks.pkl", "nesting deeper than");
    row("recursion_bomb_lists.pkl", "_init_kwargs nest deeper than");
    row("recursion_bomb_tuples.pkl", "_init_kwargs nest deeper than");
    row("memo_bomb.pkl", "out of sequence");
    row("billion_laughs.pkl", "implausibly large");
    row("huge_binunicode8.pkl", "BINUNICODE8 declares 4611686018427387904 bytes");
    row("huge_binbytes8.pkl", "BINBYTES8 declares 4611686018427387904 bytes");
    row("huge_bytearray8.pkl", "BYTEARRAY8 declares 4611686018427387904 bytes");
    row("string_in_parameters.pkl", "'mapping.weight' in _parameters is the string 'not a tensor' where a tensor is expected");
    row("storage_not_a_zip.pkl", "neither a zip nor a legacy torch.save stream");
    row("tensor_beyond_storage.pkl", "reaches beyond its storage of 8 elements");
    row("tensor_offset_beyond_storage.pkl", "reaches beyond its storage of 8 elements");
    row("tensorflow_era.pkl", "this is a TensorFlow-era StyleGAN/StyleGAN2 snapshot; not supported yet");
    // StyleGAN3 networks are saved as persistent objects too; naming their class as a global would run it.
    row("stylegan3_module_global.pkl", "refused the global 'training.networks_stylegan3.Generator'");
    row("numpy_reconstruct_not_ndarray.pkl", "numpy _reconstruct expects (numpy.ndarray, shape, type code)");
    row("numpy_array_bad_state.pkl", "not (version, shape, dtype, order, data)");
    row("unsupported_opcode_inst.pkl", "opcode INST is not supported");
    row("unsupported_opcode_ext1.pkl", "opcode EXT1 is not supported");
    row("storage_blob_calls_os_system.pkl", "references the global 'os.system'");
    row("storage_record_truncated.pkl", "truncated blob");
    row("zip_storage_claims_too_much.pkl", "storage declares 1073741824 elements");
    row("no_g_ema.pkl", "no 'G_ema' network");
    row("not_a_dict.pkl", "not an NVlabs snapshot dict");
}

void TestSnapshotPickle::hostileFilesAreRefused()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const auto result = lscore::readNvlabsSnapshot((kData + QStringLiteral("/hostile/") + file).toStdString());
    QVERIFY2(!result.ok(), "a hostile file was accepted");
    const QString message = QString::fromStdString(result.error());
    QVERIFY2(message.startsWith(file + QStringLiteral(": ")), qPrintable(message));   // names the file
    QVERIFY2(message.contains(expected), qPrintable(message));
}

void TestSnapshotPickle::everyTruncationIsRefused()
{
    const auto bytes = readAll(dataPath("stylegan2-uncond-32.pkl"));
    std::vector<std::size_t> lengths;
    for (std::size_t n = 0; n < 2000; ++n) lengths.push_back(n);                        // every header byte
    for (std::size_t n = 2000; n < bytes.size(); n += bytes.size() / 300) lengths.push_back(n);
    lengths.push_back(bytes.size() - 1);
    for (const std::size_t n : lengths) {
        const auto result = lscore::readNvlabsSnapshotFromBytes({bytes.data(), n}, "cut.pkl");
        QVERIFY2(!result.ok(), qPrintable(QStringLiteral("truncated at %1 was accepted").arg(n)));
        QVERIFY(result.error().rfind("cut.pkl: ", 0) == 0);
    }
}

void TestSnapshotPickle::corruptedBytesNeverCrash()
{
    // Flip bytes in the structure-heavy start and at random places; any result is fine, a crash is not.
    auto bytes = readAll(dataPath("stylegan2-cond-64.pkl"));
    std::mt19937 rng(1234);
    int refused = 0;
    for (int trial = 0; trial < 400; ++trial) {
        auto copy = bytes;
        const std::size_t span = trial % 2 ? copy.size() : 8000;
        for (int k = 0; k < 1 + trial % 4; ++k)
            copy[rng() % span] = static_cast<std::byte>(rng() & 0xFF);
        const auto result = lscore::readNvlabsSnapshotFromBytes(copy, "flipped.pkl");
        if (!result.ok()) ++refused;
    }
    QVERIFY(refused > 0);
}

// A 2^30-visit module DAG is refused at once (it hung the studio past quitting).
void TestSnapshotPickle::sharedModulesCannotMultiplyWork()
{
    SnapshotWriter writer;
    writer.moduleDag(30);
    QVERIFY(writer.out.size() < 16 * 1024);
    const std::vector<std::byte> bytes(reinterpret_cast<const std::byte*>(writer.out.data()),
                                       reinterpret_cast<const std::byte*>(writer.out.data()) + writer.out.size());
    QElapsedTimer timer;
    timer.start();
    const auto result = lscore::readNvlabsSnapshotFromBytes(bytes, "dag.pkl");
    QVERIFY(!result.ok());
    QVERIFY2(result.error().find("modules (shared references multiply them)") != std::string::npos, result.error().c_str());
    QVERIFY2(timer.elapsed() < 30000, "the walk was not bounded");
}

void TestSnapshotPickle::missingFileIsAnError()
{
    const auto result = lscore::readNvlabsSnapshot("/nonexistent/model.pkl");
    QVERIFY(!result.ok());
    QVERIFY2(QString::fromStdString(result.error()).contains(QStringLiteral("cannot open"), Qt::CaseInsensitive), result.error().c_str());
}

// A snapshot is StyleGAN3 by its Fourier-feature input layer, whatever else it holds; StyleGAN2
// snapshots stay StyleGAN2.
void TestSnapshotPickle::styleGan3IsToldApart()
{
    const auto minimal = lscore::readNvlabsSnapshot((kData + QStringLiteral("/hostile/stylegan3_synthesis_input.pkl")).toStdString());
    QVERIFY2(minimal.ok(), minimal.ok() ? "" : minimal.error().c_str());
    QCOMPARE(minimal->moduleName, std::string("training.networks_stylegan3"));
    const auto styleGan2 = lscore::readNvlabsSnapshot(dataPath("stylegan2-uncond-32.pkl"));
    QVERIFY(styleGan2.ok());
    QCOMPARE(styleGan2->moduleName, std::string("training.networks_stylegan2"));
}

void TestSnapshotPickle::classNamesSideFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string model = (dir.path() + QStringLiteral("/cifar.pkl")).toStdString();
    QVERIFY(lscore::readClassNamesBeside(model).empty());

    {
        std::ofstream json((dir.path() + QStringLiteral("/cifar.classes.json")).toStdString());
        json << R"({"class_names": ["airplane", "automobile"]})";
    }
    QCOMPARE(lscore::readClassNamesBeside(model), (std::vector<std::string>{"airplane", "automobile"}));

    {   // the .txt wins when both exist
        std::ofstream txt((dir.path() + QStringLiteral("/cifar.classes.txt")).toStdString());
        txt << "  airplane \r\n\nautomobile\nbird\n";
    }
    QCOMPARE(lscore::readClassNamesBeside(model), (std::vector<std::string>{"airplane", "automobile", "bird"}));

    {
        std::ofstream bad((dir.path() + QStringLiteral("/bad.json")).toStdString());
        bad << R"(["ok", 3])";
    }
    QVERIFY(lscore::readClassNames((dir.path() + QStringLiteral("/bad.json")).toStdString()).empty());
}

void TestSnapshotPickle::openingCostsAboutOneReadOfTheBytes()
{
    // A 1024 px generator holds ~30 M parameters (~120 MB); a snapshot also holds G (same size) and
    // D. LSTUDIO_PICKLE_BENCH_MB sets G_ema's size (default 64 MB, so the test stays quick).
    const int megabytes = qEnvironmentVariableIsSet("LSTUDIO_PICKLE_BENCH_MB")
                              ? qEnvironmentVariableIntValue("LSTUDIO_PICKLE_BENCH_MB") : 64;
    const std::vector<std::int32_t> shape = {512, 512, 3, 3};   // 9 MiB per tensor, like b64+ conv weights
    const int tensors = std::max(1, megabytes * (1 << 20) / (512 * 512 * 9 * 4));
    SnapshotWriter writer;
    writer.out += "}(";
    writer.str("G"); writer.network(tensors, shape);
    writer.str("G_ema"); writer.network(tensors, shape);
    writer.out += "u.";
    QTemporaryDir dir;
    const std::string path = (dir.path() + QStringLiteral("/large.pkl")).toStdString();
    {
        std::ofstream out(path, std::ios::binary);
        out.write(writer.out.data(), static_cast<std::streamsize>(writer.out.size()));
    }
    const std::size_t fileBytes = writer.out.size();
    writer.out = {};

    auto snapshot = lscore::readNvlabsSnapshot(path);
    QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().c_str());
    QCOMPARE(snapshot->tensors.size(), static_cast<std::size_t>(tensors));

    const auto report = [](const std::string& name, std::size_t size, double read, double open) {
        qInfo("%s: %.1f MB, read bytes %.1f ms, open snapshot %.1f ms (%.2fx the read)", name.c_str(), size / 1e6,
              read * 1e3, open * 1e3, open / read);
    };
    const auto timeFile = [&](const std::string& file, std::size_t size) {
        const double read = secondsOf([&] { (void)readAll(file); }, 3);
        const double open = secondsOf([&] { QVERIFY(lscore::readNvlabsSnapshot(file).ok()); }, 3);
        report(file.substr(file.find_last_of('/') + 1), size, read, open);
        return std::pair{read, open};
    };
    timeFile(dataPath("stylegan2-uncond-32.pkl"), 2594979);
    timeFile(dataPath("stylegan2-cond-64.pkl"), 2277407);
    const auto [read, open] = timeFile(path, fileBytes);
    // Target: no more than two reads of the bytes; the bound leaves room for a busy shared machine.
    QVERIFY2(open <= 3.0 * read + 0.05, qPrintable(QStringLiteral("open %1 s vs read %2 s").arg(open).arg(read)));
}

// torch.save state dicts (what pytorch_model.bin holds), written by Python's own pickle with the
// layout torch.save uses (tests/data/fuzz-seeds/make_state_dict_seeds.py): a view with an offset and
// a stride reads the elements it names.
void TestSnapshotPickle::stateDictFilesOfBothFormatsRead_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("legacy") << QStringLiteral("state-dict-legacy.bin");
    QTest::newRow("zip") << QStringLiteral("state-dict-zip.bin");
}

void TestSnapshotPickle::stateDictFilesOfBothFormatsRead()
{
    QFETCH(QString, file);
    auto tensors = lscore::readTorchStateDict(std::string(LSTUDIO_TEST_DATA) + "/fuzz-seeds/" + file.toStdString());
    QVERIFY2(tensors.ok(), tensors.ok() ? "" : tensors.error().c_str());
    QCOMPARE(tensors->size(), std::size_t{2});
    QVERIFY(torch::equal(tensors->at("a.weight"), torch::arange(6, torch::kFloat32).view({2, 3})));
    QVERIFY(torch::equal(tensors->at("a.bias"), torch::tensor({-1.0f, 4.0f})));
}

// Every prefix of a state dict, and every single-byte change, is a state dict or an error: never a
// crash (the fuzzer goes further; this is the quick check every build runs).
void TestSnapshotPickle::stateDictTruncationsAndFlipsAreRefused()
{
    for (const char* name : {"state-dict-legacy.bin", "state-dict-zip.bin"}) {
        std::ifstream in(std::string(LSTUDIO_TEST_DATA) + "/fuzz-seeds/" + name, std::ios::binary);
        const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        QVERIFY(bytes.size() > 100);
        for (std::size_t length = 0; length < bytes.size(); ++length) {
            const auto result = lscore::readTorchStateDictFromBytes({reinterpret_cast<const std::byte*>(bytes.data()), length}, name);
            QVERIFY2(!result.ok(), qPrintable(QStringLiteral("%1 cut at %2 was accepted").arg(QLatin1String(name)).arg(length)));
        }
        for (std::size_t at = 0; at < bytes.size(); ++at) {
            std::vector<char> changed = bytes;
            changed[at] = static_cast<char>(changed[at] ^ 0x5a);
            const auto result = lscore::readTorchStateDictFromBytes({reinterpret_cast<const std::byte*>(changed.data()), changed.size()}, name);
            if (result.ok()) for (const auto& [key, tensor] : *result) (void)tensor.sum().item<float>();
        }
    }
}

QTEST_GUILESS_MAIN(TestSnapshotPickle)
#include "test_snapshot_pickle.moc"
