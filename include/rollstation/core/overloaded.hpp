// A visitor made of lambdas, for std::visit over the core's variants.
#pragma once

namespace rs::core {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace rs::core
