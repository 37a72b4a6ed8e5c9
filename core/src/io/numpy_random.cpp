#include "lscore/numpy_random.h"

#include <cmath>

namespace lscore {

// numpy's RandomState(int) seeds MT19937 with init_genrand(seed), which is exactly what the
// std::mt19937 constructor does, so the two streams are the same 32-bit words.
NumpyRandomState::NumpyRandomState(std::uint32_t seed) : m_engine(seed) {}

double NumpyRandomState::randomDouble() {
    // 27 + 26 bits from two draws, as numpy's legacy random_sample (genrand_res53).
    const std::uint32_t high = static_cast<std::uint32_t>(m_engine()) >> 5;
    const std::uint32_t low = static_cast<std::uint32_t>(m_engine()) >> 6;
    return (high * 67108864.0 + low) / 9007199254740992.0;
}

double NumpyRandomState::gauss() {
    if (m_hasCachedGauss) {
        m_hasCachedGauss = false;
        return m_cachedGauss;
    }
    double x1 = 0.0;
    double x2 = 0.0;
    double radiusSquared = 0.0;
    do {
        x1 = 2.0 * randomDouble() - 1.0;
        x2 = 2.0 * randomDouble() - 1.0;
        radiusSquared = x1 * x1 + x2 * x2;
    } while (radiusSquared >= 1.0 || radiusSquared == 0.0);
    // The same expression order as numpy's legacy_gauss, so that the rounding matches bit for bit.
    const double factor = std::sqrt(-2.0 * std::log(radiusSquared) / radiusSquared);
    m_cachedGauss = factor * x1;
    m_hasCachedGauss = true;
    return factor * x2;
}

std::vector<double> NumpyRandomState::randn(int count) {
    std::vector<double> values;
    if (count <= 0) return values;
    values.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) values.push_back(gauss());
    return values;
}

std::vector<float> seedToZ(std::uint32_t seed, int zDim) {
    NumpyRandomState rng(seed);
    const std::vector<double> z = rng.randn(zDim);
    return std::vector<float>(z.begin(), z.end());  // the mapping network casts to float32 the same way
}

} // namespace lscore
