#pragma once
// Addresses for every EditState field, as live control (OSC, docs/osc.md) names them:
//
//   /prompt/a s   /prompt/b s   /prompt/t f (0–1)   /prompt/mode s (lerp | slerp)
//   /class/a i    /class/b i
//   /seed/a i     /seed/b i     /latent/t f (0–1)   /latent/mode s (slerp | lerp)
//   /truncation/psi f (−10–10)  /truncation/cutoff i (−1 = all layers)
//   /noise/mode s (const | random | none)           /noise/seed i
//   /style_mix/K f (0–1)        /prompt_mix/K f (0–1)      K: a w index, 0 … numWs − 1
//   /style_mix f f …            /prompt_mix f f …          every layer at once, from index 0
//   /translate/x f  /translate/y f  /rotate f      (StyleGAN3's input transform)
//   /direction/K/amount f (−100–100, in σ)         K: the direction's place in the list, from 0
//
// A number may arrive as any OSC number type (an integer field takes a float only if it is whole).
// Torch-free and Qt-free: the OSC server and the tests share it.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lscore/edit_state.h"
#include "lscore/result.h"

namespace lscore {

// One argument of a message: a number (any OSC numeric type, as double) or text.
using StateValue = std::variant<double, std::string>;

// Applies one message to `state` (numWs: the open model's w count, for the per-layer addresses).
// Refuses, with a message and `state` untouched, an unknown address, the wrong number or type of
// arguments, or a value out of the field's range.
Status applyStateAddress(EditState& state, std::string_view address, std::span<const StateValue> arguments, int numWs);

// Every address with the state's current value(s), in the order of the table above (the per-layer
// and per-direction ones for each index): the answer to a /state query.
struct AddressedValue {
    std::string address;
    std::vector<StateValue> values;
    bool integer = false;   // a whole-number field (seeds, classes, cutoff): sent as an OSC integer
};
std::vector<AddressedValue> stateAddressValues(const EditState& state, int numWs);

} // namespace lscore
