// The source grammar lives in the core (the station file is checked with it); the I/O side
// uses the same names.
#pragma once

#include "rollstation/core/source_spec.hpp"

namespace rs::sensors {

using core::parse_profile;
using core::parse_source;
using core::profile_names;
using core::SourceSpec;
using core::SpecParse;
using Profile = core::SimProfile;

}  // namespace rs::sensors
