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

double normalQuantile(double p) {
    // Acklam's rational approximation (relative error below 1.2e-9), then one Halley step on
    // Φ(x) − p with erfc, which squares the error down to double rounding.
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                   1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01, -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double kLow = 0.02425;
    double x = 0.0;
    if (p < kLow) {
        const double q = std::sqrt(-2.0 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    } else if (p <= 1.0 - kLow) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    } else {
        const double q = std::sqrt(-2.0 * std::log1p(-p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
    const double error = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
    const double step = error * std::sqrt(2.0 * M_PI) * std::exp(0.5 * x * x);
    return x - step / (1.0 + 0.5 * x * step);
}

std::vector<double> NumpyRandomState::truncatedNormal(int count, double bound) {
    std::vector<double> values;
    if (count <= 0) return values;
    values.reserve(static_cast<std::size_t>(count));
    // Φ(−bound) and the mass between the bounds; the upper half is taken through the symmetry
    // x = −Φ⁻¹(1 − p), whose argument is formed without cancellation.
    const double lower = 0.5 * std::erfc(bound / std::sqrt(2.0));
    const double mass = std::erf(bound / std::sqrt(2.0));
    for (int i = 0; i < count; ++i) {
        const double u = randomDouble();
        const double p = lower + u * mass;
        values.push_back(p <= 0.5 ? normalQuantile(p) : -normalQuantile(lower + (1.0 - u) * mass));
    }
    return values;
}

std::vector<float> seedToTruncatedNormal(std::uint32_t seed, int zDim) {
    NumpyRandomState rng(seed);
    const std::vector<double> z = rng.truncatedNormal(zDim);
    return std::vector<float>(z.begin(), z.end());
}

std::vector<float> seedToZ(std::uint32_t seed, int zDim) {
    NumpyRandomState rng(seed);
    const std::vector<double> z = rng.randn(zDim);
    return std::vector<float>(z.begin(), z.end());  // the mapping network casts to float32 the same way
}

} // namespace lscore
