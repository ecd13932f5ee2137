// Boost.Asio as the project includes it (see io/asio.hpp).
#pragma once

#include "io/asio.hpp"
