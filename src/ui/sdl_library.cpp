#include <stdexcept>
#include <string>

#include "ui/sdl_handles.hpp"

namespace rs::ui {

SdlLibrary::SdlLibrary(Uint32 subsystems) {
    if (SDL_Init(subsystems) != 0) {
        throw std::runtime_error(std::string("cannot start SDL: ") + SDL_GetError());
    }
    if (TTF_Init() != 0) {
        SDL_Quit();
        throw std::runtime_error(std::string("cannot start SDL_ttf: ") + TTF_GetError());
    }
}

SdlLibrary::~SdlLibrary() {
    TTF_Quit();
    SDL_Quit();
}

}  // namespace rs::ui
