#pragma once
// NumpyRandomState: numpy.random.RandomState's legacy MT19937 stream, bit for bit, so that "seed N"
// gives the z that the NVlabs scripts give (`RandomState(N).randn(z_dim)`).
//
//   lscore::NumpyRandomState rng(seed);
//   std::vector<double> z = rng.randn(512);
//
// Not thread-safe (like numpy's): one instance per thread.

#include <cstdint>
#include <random>
#include <vector>

namespace lscore {

class NumpyRandomState {
public:
    explicit NumpyRandomState(std::uint32_t seed);

    double randomDouble();                 // [0, 1) with 53 random bits, as numpy's random_sample
    double gauss();                        // Marsaglia polar, caching the second value like numpy
    std::vector<double> randn(int count);
    // scipy.stats.truncnorm.rvs(-bound, bound, size=count, random_state=this): the inverse CDF of
    // the truncated standard normal applied to `count` uniform doubles, row-major. Computed in
    // double precision to about 1e-15, so its float32 casts are scipy 1.10's (1.10's log-space
    // formula and older ones differ only below that).
    std::vector<double> truncatedNormal(int count, double bound = 2.0);

private:
    std::mt19937 m_engine;
    bool m_hasCachedGauss = false;
    double m_cachedGauss = 0.0;
};

// z for "seed N" as float32 (numpy float64 cast to float32 by the mapping network).
std::vector<float> seedToZ(std::uint32_t seed, int zDim);

// BigGAN's noise for "seed N" before truncation: truncnorm(−2, 2) draws of RandomState(N), cast to
// float32, as the PyTorch port's truncated_noise_sample(batch_size=1, seed=N) makes them (it then
// multiplies by float32(truncation)).
std::vector<float> seedToTruncatedNormal(std::uint32_t seed, int zDim);

// The standard normal's quantile Φ⁻¹(p) for 0 < p < 1, to about 1e-15 relative.
double normalQuantile(double p);

} // namespace lscore
