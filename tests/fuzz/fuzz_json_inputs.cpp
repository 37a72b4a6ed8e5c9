// libFuzzer target: every reader of untrusted JSON — a session file, the EditState of a PNG, a
// model description, NVlabs init_kwargs — must refuse hostile text (deep nesting, huge numbers,
// wrong types) with a message and never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lscore/edit_state.h"
#include "lscore/json_input.h"
#include "lscore/model_description.h"
#include "lscore/session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto json = lscore::parseUntrustedJson(text, "fuzz input");
    if (!json.ok()) return 0;
    (void)lscore::describeJsonValue(*json);
    (void)lscore::Session::fromJson(*json);
    (void)lscore::EditState::fromJson(*json);
    (void)lscore::ModelDescription::fromJson(*json);
    (void)lscore::describeNvlabs(*json, "fuzz.pkl");
    return 0;
}
