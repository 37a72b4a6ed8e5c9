#include "lscore/torch_device.h"

namespace lscore {

Result<torch::Device> parseTorchDevice(const std::string& name)
{
    try {
        torch::Device device(name);
        if (device.is_cuda() && !torch::cuda::is_available())
            return makeError("device '" + name + "' was requested but this build or machine has no CUDA; use cpu");
        if (!device.is_cpu() && !device.is_cuda())
            return makeError("device '" + name + "' is not supported; use cpu or cuda");
        return device;
    } catch (const std::exception&) {
        // torch::Device's constructor throws on anything that is not "<type>[:<index>]".
        return makeError("unknown device '" + name + "'; use cpu, cuda or cuda:N");
    }
}

} // namespace lscore
