// Boost.Asio, included the one way this project does it.
#pragma once

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>; with GCC 12 in
// C++20 mode that fails to compile unless <utility> comes first.
#include <utility>

#include <boost/asio.hpp>
