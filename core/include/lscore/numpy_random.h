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

private:
    std::mt19937 m_engine;
    bool m_hasCachedGauss = false;
    double m_cachedGauss = 0.0;
};

// z for "seed N" as float32 (numpy float64 cast to float32 by the mapping network).
std::vector<float> seedToZ(std::uint32_t seed, int zDim);

} // namespace lscore
