#pragma once
// latent-studio-lab subcommands. Each returns the process exit status:
// 0 success, 1 the task failed (e.g. a parity check over tolerance), 2 bad usage or unreadable input.

namespace lab {

int verifyReference(int argc, char** argv);  // lab_verify_reference.cpp
int bench(int argc, char** argv);            // lab_bench.cpp
int train(int argc, char** argv);            // lab_train.cpp
int evaluate(int argc, char** argv);         // lab_evaluate.cpp

} // namespace lab
