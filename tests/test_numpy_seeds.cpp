// numpy-compatible seeds: "seed N" must give the exact z the NVlabs scripts give, or a seed typed
// into the studio would show a different image than the NVlabs tools show for it.
#include <cstdint>
#include <string>
#include <vector>

#include <torch/torch.h>

#include <QtTest/QtTest>

#include "lscore/numpy_random.h"
#include "lscore/safetensors.h"

namespace {

const lscore::TensorFile& seedFixture() {
    static const lscore::TensorFile file = [] {
        auto result = lscore::readSafetensors(std::string(LSTUDIO_TEST_DATA) + "/numpy-seeds.safetensors");
        if (!result) qFatal("%s", result.error().c_str());
        return std::move(result).value();
    }();
    return file;
}

} // namespace

class TestNumpySeeds : public QObject {
    Q_OBJECT
private slots:
    void matchesNumpyBitForBit_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<quint32>("seed");
        const torch::Tensor seeds = seedFixture().tensors.at("seeds");
        QVERIFY(seeds.numel() > 0);
        for (int row = 0; row < seeds.numel(); ++row) {
            const auto seed = static_cast<quint32>(seeds[row].item<std::int64_t>());
            QTest::addRow("seed %u", seed) << row << seed;
        }
    }

    void matchesNumpyBitForBit()
    {
        QFETCH(int, row);
        QFETCH(quint32, seed);
        for (const int zDim : {64, 512}) {
            const std::string prefix = zDim == 64 ? "z64" : "z512";   // the fixture's tensor names
            const torch::Tensor expected64 = seedFixture().tensors.at(prefix + "_f64")[row].contiguous();
            const torch::Tensor expected32 = seedFixture().tensors.at(prefix + "_f32")[row].contiguous();
            QCOMPARE(expected64.numel(), std::int64_t{zDim});

            lscore::NumpyRandomState rng(seed);
            const std::vector<double> z = rng.randn(zDim);
            const std::vector<float> z32 = lscore::seedToZ(seed, zDim);
            QCOMPARE(static_cast<int>(z.size()), zDim);
            QCOMPARE(static_cast<int>(z32.size()), zDim);
            const double* numpy64 = expected64.data_ptr<double>();
            const float* numpy32 = expected32.data_ptr<float>();
            for (int i = 0; i < zDim; ++i) {
                // == on purpose: "close" would hide a different rounding path.
                if (z[i] != numpy64[i] || z32[i] != numpy32[i])
                    QFAIL(qPrintable(QStringLiteral("z_dim %1, element %2: %3 / %4 vs numpy %5 / %6")
                                         .arg(zDim).arg(i).arg(z[i], 0, 'g', 17).arg(double(z32[i]), 0, 'g', 9)
                                         .arg(numpy64[i], 0, 'g', 17).arg(double(numpy32[i]), 0, 'g', 9)));
            }
        }
    }

    // numpy: RandomState(0).random_sample() == 0.5488135039273248 (a widely quoted value).
    void firstUniformOfSeedZero()
    {
        lscore::NumpyRandomState rng(0);
        QCOMPARE(rng.randomDouble(), 0.5488135039273248);
    }

    // The polar method makes values in pairs; splitting a draw must not change the stream.
    void cachedGaussianContinuesTheStream()
    {
        lscore::NumpyRandomState whole(7);
        const std::vector<double> reference = whole.randn(5);
        lscore::NumpyRandomState pieces(7);
        std::vector<double> split = pieces.randn(3);
        const std::vector<double> rest = pieces.randn(2);
        split.insert(split.end(), rest.begin(), rest.end());
        QCOMPARE(split, reference);
        QVERIFY(lscore::NumpyRandomState(1).randn(0).empty());
        QVERIFY(lscore::NumpyRandomState(1).randn(-3).empty());
    }
};

QTEST_GUILESS_MAIN(TestNumpySeeds)
#include "test_numpy_seeds.moc"
